"""Hostile feed lines found by fuzzing: each is refused with the field named, none crashes."""

from __future__ import annotations

import io
import json

import pytest

from backoffice.services.admin.demo_feed import dumps, generate_feed
from backoffice.services.feed.importer import LineTooLong, capped_lines
from backoffice.services.feed.records import FeedError, parse_line

FEED = list(generate_feed(8, seed=1))


def _first(t: str, pred=lambda r: True) -> dict:
    return json.loads(dumps(next(r for r in FEED if r["type"] == t and pred(r))))


@pytest.mark.parametrize(("mutate", "needle"), [
    (lambda r: r.update(registered_on="0001-01-01"), "registered_on: date 0001-01-01 outside"),
    (lambda r: r.update(submitted_at="0001-01-01T00:00:00+14:00"), "submitted_at: date 0001-01-01 outside"),
    (lambda r: r.update(submitted_at="9999-12-31T23:59:59-12:00"), "submitted_at: date 9999-12-31 outside"),
    (lambda r: r.update(capital=2**64 + 1), "capital: larger than"),
    (lambda r: r.update(employees=2**31), "employees: larger than"),
    (lambda r: r.update(industry=62), "industry"),
    (lambda r: r.update(ubn=" " + r["ubn"]), "ubn: invalid UBN"),
    (lambda r: r.update(name="a\x00b"), "name: contains a control character"),
    (lambda r: r.update(address="\ud800"), "address: contains a control character or an invalid code point"),
    (lambda r: r.update(consent_personal_data=1), "consent_personal_data: true or false"),
])
def test_application_values(mutate, needle) -> None:
    rec = _first("application", lambda r: r.get("industry"))
    mutate(rec)
    with pytest.raises(FeedError, match=needle):
        parse_line(json.dumps(rec, ensure_ascii=False))


def test_successful_registration_query_needs_the_name() -> None:
    rec = _first("application", lambda r: any(f["kind"] == "form3" and any(
        q["outcome"] == "success" for q in f["queries"]) for f in r["forms"]))
    form = next(f for f in rec["forms"] if f["kind"] == "form3")
    next(q for q in form["queries"] if q["outcome"] == "success")["result"].pop("name")
    with pytest.raises(FeedError, match=r"result.name: a successful form3 query needs its name"):
        parse_line(dumps(rec))


@pytest.mark.parametrize(("line", "needle"), [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"type":"vendor","id":"V","ubn":' + "9" * 5000 + "}", "malformed JSON"),
    ('{"type":"vendor","id":"V","ubn":"\x00"}', "malformed JSON"),
    ('{"type":"vendor","id":"V\\u0000"}', "id: contains a control character"),
    ('{"type":"order","id":"O","points":1e400}', "malformed JSON|whole number|missing field"),
    ('{"type":"x\\ud800","id":"V"}', "unknown type"),
    ('{"type":"vendor","id":"V","\\ud800":1}', "unknown field"),
    ('{"type":"vendor","id":"V","name":"' + "x" * 300_000 + '"}', "line longer than"),
])
def test_lines(line, needle) -> None:
    with pytest.raises(FeedError, match=needle):
        parse_line(line)


def test_lines_are_read_with_a_cap() -> None:
    huge = b"x" * (3 << 20)  # 3 MB without a newline, then a normal line
    lines = list(capped_lines(io.BytesIO(huge + b"\n" + b'{"a":1}\n' + huge), limit=1024))
    assert lines[0] == LineTooLong(len(huge) + 1)
    assert lines[1] == b'{"a":1}\n'
    assert lines[2] == LineTooLong(len(huge))


def test_demo_order_events_never_precede_their_order() -> None:
    from datetime import datetime

    submitted: dict[str, datetime] = {}
    early = events = 0
    for r in generate_feed(400, seed=21):
        if r["type"] == "order":
            submitted[r["id"]] = datetime.fromisoformat(r["submitted_at"])
        elif r["type"] == "order_event":
            events += 1
            early += datetime.fromisoformat(r["at"]) < submitted[r["order"]]
    assert events > 1000 and early == 0  # 98 before the fix


@pytest.mark.parametrize(("body", "line", "needle"), [
    (b"00010101,\xe4\xb8\x80,2,", 2, "year 1 outside"),
    (b"20260101,,2,a\x00b", 2, "control character"),
    (b'20260101,,2,"' + b"x" * 200_000 + b'"', 2, "not a CSV line"),
    (b"\xff\xfe", 2, "invalid UTF-8"),
])
def test_calendar_files_are_refused_with_the_line(body: bytes, line: int, needle: str) -> None:
    from backoffice.policy.calendar import HEADER, CalendarFormatError, parse_office_calendar_csv

    with pytest.raises(CalendarFormatError, match=needle) as caught:
        parse_office_calendar_csv(b"\xef\xbb\xbf" + ",".join(HEADER).encode("utf-8") + b"\n" + body)
    assert caught.value.line == line


@pytest.mark.parametrize(("field", "inside", "outside", "needle"), [
    ("registered_on", "1900-01-01", "1899-12-31", "registered_on: date 1899-12-31 outside 1900-01-01..2199-12-31"),
    ("registered_on", "2199-12-31", "2200-01-01", "registered_on: date 2200-01-01 outside 1900-01-01..2199-12-31"),
    ("capital", 10**15, 10**15 + 1, "capital: larger than"),
    ("employees", 2**31 - 1, 2**31, "employees: larger than"),
    ("id", "A" * 64, "A" * 65, "an id has at most 64 characters"),
], ids=["first-day", "last-day", "money", "count", "id-length"])
def test_each_limit_accepts_its_last_value_and_refuses_the_next(field: str, inside, outside, needle: str) -> None:
    rec = _first("application", lambda r: r.get("industry"))
    assert parse_line(json.dumps(dict(rec, **{field: inside}), ensure_ascii=False)) is not None
    with pytest.raises(FeedError, match=needle):
        parse_line(json.dumps(dict(rec, **{field: outside}), ensure_ascii=False))


def test_each_field_checker_accepts_its_boundary_and_refuses_just_past_it() -> None:
    from backoffice.services.feed import records as R

    assert R._text("a" * 500, "f") == "a" * 500
    for bad, needle in ((("a" * 501), "f: longer than 500 characters"), ("  ", "f: a non-empty string is required"),
                        (5, "f: a non-empty string is required")):
        with pytest.raises(FeedError, match=needle):
            R._text(bad, "f")
    assert R._amount(0, "f") == 0
    for bad, needle in ((-1, "f: negative amount -1"), (True, r"f: a whole number is required \(got bool\)"),
                        (1.0, r"f: a whole number is required \(got float\)")):
        with pytest.raises(FeedError, match=needle):
            R._amount(bad, "f")
    assert (R._months(1, "f"), R._months(120, "f")) == (1, 120)
    for bad in (0, 121):
        with pytest.raises(FeedError, match="f: months must be between 1 and 120"):
            R._months(bad, "f")
    with pytest.raises(FeedError) as err:
        R._date("x" * 50, "f")
    assert err.value.reason == f"f: bad date {'x' * 40!r} (YYYY-MM-DD)"
    assert R._datetime("2026-03-01T10:00", "f").isoformat() == "2026-03-01T10:00:00+08:00"
    for bad in ("2026-03-01T10:0", 20260301):
        with pytest.raises(FeedError, match="f: an ISO date-time is required"):
            R._datetime(bad, "f")
    with pytest.raises(FeedError) as err:
        R._datetime("2026-03-01T10:00" + "x" * 40, "f")
    assert err.value.reason == (
        f"f: bad date-time {('2026-03-01T10:00' + 'x' * 40)[:40]!r}")


def test_a_line_of_exactly_the_cap_is_read_and_one_character_more_is_refused() -> None:
    from backoffice.services.feed import records as R

    # docs/feed-format.md: a line holds at most 256 KiB; the reason names the cap.
    assert R.MAX_LINE_BYTES == 262_144
    head, tail = '{"type":"vendor","id":"V","name":"', '"}'
    at_cap = head + "x" * (262_144 - len(head) - len(tail)) + tail
    assert len(at_cap) == 262_144
    with pytest.raises(FeedError) as err:
        parse_line(at_cap)
    assert "line longer than" not in err.value.reason  # refused for the name, not the length
    with pytest.raises(FeedError) as err:
        parse_line(at_cap + " ")
    assert err.value.reason == "line longer than 262,144 characters"
    lines = list(capped_lines(io.BytesIO(at_cap.encode() + b"\n" + at_cap.encode() + b"  \n")))
    assert lines[0] == at_cap.encode() + b"\n" and lines[1] == LineTooLong(262_144 + 3)


def test_a_parsed_record_cannot_be_changed_after_validation() -> None:
    import dataclasses

    parsed = parse_line(dumps(_first("vendor")))
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.id = "OTHER"  # type: ignore[misc]


def test_refused_values_are_echoed_cut_to_forty_characters() -> None:
    from backoffice.services.feed import records as R

    long = "9" * 60
    cases = (
        (R._ubn, f"f: invalid UBN (統一編號) {long[:40]!r}"),
        (R._industry, f"f: unknown industry code (產業類別) {long[:40]!r}"),
        (R._one_of("success", "other_failure"), f"f: must be one of success, other_failure (got {long[:40]!r})"),
    )
    for check, reason in cases:
        with pytest.raises(FeedError) as err:
            check(long, "f")
        assert err.value.reason == reason


def test_identifiers_must_be_strings_without_surrounding_spaces() -> None:
    from backoffice.services.feed import records as R

    assert R._national_id("a123456789", "f") == "A123456789"
    for bad in (" A123456789", "A123456789 ", 123456789, None):
        with pytest.raises(FeedError, match=r"f: invalid national ID number \(身分證字號 checksum\)") as err:
            R._national_id(bad, "f")
        assert "123456789" not in err.value.reason  # personal data is never echoed
    for bad in (" 04595257", 4595257):
        with pytest.raises(FeedError, match="f: invalid UBN"):
            R._ubn(bad, "f")


def test_an_enumerated_field_takes_only_its_listed_strings() -> None:
    from backoffice.services.feed import records as R

    check = R._one_of("success", "backend_failure")
    assert check("backend_failure", "f") == "backend_failure"
    for bad in ("failure", "Success", 1, None):
        with pytest.raises(FeedError, match="f: must be one of success, backend_failure"):
            check(bad, "f")


def test_a_query_result_holds_checked_scalars_under_at_most_fifty_short_names() -> None:
    from backoffice.services.feed import records as R

    assert (R._scalar(None, "f"), R._scalar(True, "f"), R._scalar(False, "f"), R._scalar("", "f")) == (
        None, True, False, "")
    assert R._scalar(" a ", "f") == "a"
    for bad, needle in ((2**31, "f: larger than"), (-1, "f: negative amount"), ("a\x00", "f: contains a control"),
                        (1.5, "f: a string, whole number, true/false or null is required")):
        with pytest.raises(FeedError, match=needle):
            R._scalar(bad, "f")
    fifty = {f"k{i}": i for i in range(50)}
    assert R._result(fifty, "r") is fifty
    with pytest.raises(FeedError, match="r: more than 50 fields"):
        R._result(dict(fifty, k50=0), "r")
    assert R._result({"k" * 64: 1}, "r") is not None
    for bad_key in ("", "k" * 65, "a\x01"):
        with pytest.raises(FeedError, match="r: bad field name"):
            R._result({bad_key: 1}, "r")
    with pytest.raises(FeedError, match=r"r\.k\[1\]: larger than 2,147,483,647"):
        R._result({"k": [1, 2**31]}, "r")


def test_the_cap_counts_the_bytes_before_the_newline_and_a_last_line_needs_none() -> None:
    def read(body: bytes) -> list:
        return list(capped_lines(io.BytesIO(body), limit=4))

    assert read(b"abcd\nabcde\nab") == [b"abcd\n", LineTooLong(6), b"ab"]
    assert read(b"abcd") == [b"abcd"]
    assert read(b"abcde") == [LineTooLong(5)]
    assert read(b"") == []


def test_report_entries_cannot_be_changed_once_made() -> None:
    import dataclasses

    from backoffice.services.feed.importer import RejectedLine

    entry, too_long = RejectedLine(3, "bad"), LineTooLong(9)
    for obj, name in ((entry, "reason"), (too_long, "length")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, name, 1)
    assert entry.to_json() == {"line": 3, "reason": "bad"}


def test_a_database_fault_stops_the_import_and_a_refused_record_does_not() -> None:
    import sqlite3

    from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError

    from backoffice.services.feed.importer import _database_fault

    lost = InterfaceError("SELECT 1", {}, Exception("gone"), connection_invalidated=True)
    assert _database_fault(lost)  # not an OperationalError, yet no line is to blame
    assert not _database_fault(InterfaceError("SELECT 1", {}, Exception("odd"), connection_invalidated=False))
    for why in ("database or disk is full", "disk I/O error", "file is not a database",
                "database disk image is malformed", "attempt to write a READONLY database",
                "server closed the connection unexpectedly"):
        assert _database_fault(OperationalError("INSERT", {}, sqlite3.OperationalError(why))), why
    assert not _database_fault(OperationalError("INSERT", {}, sqlite3.OperationalError("no such column: x")))
    # Only the driver's message counts, not the statement (a column named contact_full_name...).
    assert not _database_fault(OperationalError("UPDATE t SET contact_full_name = 1", {},
                                                sqlite3.OperationalError("no such column: x")))
    assert not _database_fault(IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed")))
    assert not _database_fault(ValueError("disk is full"))
