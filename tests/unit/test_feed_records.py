"""Feed record rules at their edges (docs/feed-format.md): each limit accepts its last value and
refuses the next, and each refusal reads exactly as the import report shows it."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta

import pytest

from backoffice.services.admin.demo_feed import dumps, generate_feed
from backoffice.services.feed import records as R
from backoffice.services.feed.records import FeedError, parse_line, parse_obj

FEED = list(generate_feed(8, seed=1))


def _first(t: str, pred=lambda r: True) -> dict:
    return json.loads(dumps(next(r for r in FEED if r["type"] == t and pred(r))))


def _reason(obj) -> str:
    with pytest.raises(FeedError) as err:
        parse_obj(obj)
    return err.value.reason


def _termination(**kw) -> dict:
    return {"type": "termination", "id": "T1", "order": "O1", "filed_on": "2026-03-01",
            "effective_on": "2026-03-01", "initiated_by": "applicant", **kw}


def test_a_list_holds_at_most_its_limit() -> None:
    check = R._list_of(R._count)
    assert check(list(range(50)), "q") == list(range(50))
    with pytest.raises(FeedError) as err:
        check(list(range(51)), "q")
    assert err.value.reason == "q: more than 50 items"
    assert R._list_of(R._count, 10)(list(range(10)), "f") == list(range(10))
    with pytest.raises(FeedError, match=r"^f: more than 10 items$"):
        R._list_of(R._count, 10)(list(range(11)), "f")
    with pytest.raises(FeedError, match=r"^q: a list is required$"):
        check((1, 2), "q")
    with pytest.raises(FeedError, match=r"^q\[1\]: negative amount -1$"):
        check([0, -1], "q")


def test_an_unknown_field_is_named_cut_and_cleaned() -> None:
    name = "\x01" + "z" * 60
    rec = dict(_first("vendor"), **{name: 1})
    assert _reason(rec) == "unknown field ?" + "z" * 39
    assert _reason(dict(_first("vendor"), a=1, b=2)) == "unknown field a"  # the first in sorted order
    app = _first("application")
    app["contact"]["fax"] = "1"
    assert _reason(app) == "unknown field contact.fax"


def test_missing_and_optional_fields() -> None:
    vendor = _first("vendor")
    del vendor["name"]
    assert _reason(vendor) == "missing field name"
    vendor = dict(_first("vendor"), name=None)
    assert _reason(vendor) == "missing field name"
    vendor = dict(_first("vendor"), address=None)
    vendor.pop("email")
    parsed = parse_obj(vendor)
    assert parsed.data["address"] is None and parsed.data["email"] is None
    app = _first("application")
    del app["representative"]["name"]
    assert _reason(app) == "missing field representative.name"


def test_a_programme_id_has_at_most_32_characters() -> None:
    prog = _first("programme")
    assert parse_obj(dict(prog, id="P" * 32)).id == "P" * 32
    assert _reason(dict(prog, id="P" * 33)) == "id: a programme id has at most 32 characters"


def test_parameter_overrides() -> None:
    prog = _first("programme")
    ok = parse_obj(dict(prog, parameters=[{"effective_from": "2026-02-01", "refund_window_days": 10}]))
    assert ok.data["parameters"] == [{"effective_from": date(2026, 2, 1), "values": {"refund_window_days": 10}}]
    assert _reason(dict(prog, parameters=[5])) == "parameters[0]: an object is required"
    assert _reason(dict(prog, parameters=[{"effective_from": "2026-02-01", "grant_points": None}])) == (
        "parameters[0]: no parameter to change")
    assert _reason(dict(prog, parameters=[{"effective_from": "2026-02-01", "colour": 1}])) == (
        "unknown field parameters[0].colour")
    bad = _reason(dict(prog, parameters=[{"effective_from": "2026-02-01", "validity_months": 0}]))
    assert bad.startswith("parameters[0]: ") and "validity_months" in bad
    two = [{"effective_from": "2026-02-01", "pay_working_days": 5}, {"effective_from": "2026-02-01", "lapse_months": 2}]
    assert _reason(dict(prog, parameters=two)) == "two parameter overrides with the same effective_from"
    assert parse_obj(dict(prog, opens_on="2026-02-01", parameters=two[:1])).data["parameters"]
    assert _reason(dict(prog, opens_on="2026-02-02", parameters=two[:1])) == (
        "a parameter override takes effect before the programme opens")
    assert parse_obj(dict(prog, opens_on=None, parameters=two[:1])).data["opens_on"] is None


def test_form_dates_and_query_results() -> None:
    app = _first("application", lambda r: r["forms"])
    form = app["forms"][0]
    form["valid_until"] = form["valid_from"]
    assert parse_obj(app)
    form["valid_until"] = (date.fromisoformat(form["valid_from"]) - timedelta(days=1)).isoformat()
    assert _reason(app) == "forms[0]: valid_until before valid_from"
    form["valid_until"] = form["valid_from"]
    kind, key = ("form2", "headcount") if form["kind"] == "form2" else ("form3", "name")
    form["queries"] = [{"at": "2026-03-01T10:00:00+08:00", "outcome": "backend_failure", "result": None},
                       {"at": "2026-03-01T10:00:00+08:00", "outcome": "success", "result": {"x": 1}}]
    assert _reason(app) == f"forms[0].queries[1].result.{key}: a successful {kind} query needs its {key}"
    for bad in (True, "", None):
        form["queries"][1]["result"] = {key: bad}
        assert _reason(app).endswith(f"a successful {kind} query needs its {key}")
    form["queries"][1]["result"] = None
    assert _reason(app).endswith(f"needs its {key}")
    form["queries"][1]["result"] = {key: 3 if key == "headcount" else "美好機械商行"}
    assert parse_obj(app)


def test_a_successful_form2_query_needs_a_whole_head_count_and_form3_a_name() -> None:
    q = {"outcome": "success", "result": {"headcount": 0, "name": "甲"}}
    R._query_result("form2", q, "r")
    R._query_result("form3", q, "r")
    with pytest.raises(FeedError, match=r"^r\.headcount: a successful form2 query needs its headcount$"):
        R._query_result("form2", {"outcome": "success", "result": {"headcount": "3"}}, "r")
    with pytest.raises(FeedError, match=r"^r\.name: a successful form3 query needs its name$"):
        R._query_result("form3", {"outcome": "success", "result": {"name": 3}}, "r")
    R._query_result("form3", {"outcome": "other_failure", "result": None}, "r")


def test_social_innovation_for_profit_must_say_how_it_applies() -> None:
    app = dict(_first("application"), applicant_type="social_innovation_forprofit", applies_as=None)
    assert _reason(app) == "applies_as is required for a for-profit social-innovation organisation"
    assert parse_obj(dict(app, applies_as="sme")).data["applies_as"] == "sme"


def test_decision_dates() -> None:
    app = dict(_first("application"), submitted_at="2026-03-01T23:30:00+00:00")  # 3/2 in Taipei

    def with_decision(**d):
        return _reason(dict(app, decision=d))

    assert with_decision(status="approved", decided_on="2026-03-02") == (
        "decision.issued_on is required for an approved decision")
    assert with_decision(status="rejected", decided_on="2026-03-02", issued_on="2026-03-02") == (
        "decision.issued_on must be empty for a rejected decision")
    assert with_decision(status="rejected", decided_on="2026-03-01") == "decision.decided_on is before the submission"
    assert with_decision(status="approved", decided_on="2026-03-03", issued_on="2026-03-02") == (
        "decision.issued_on is before decided_on")
    same_day = parse_obj(dict(app, decision={"status": "approved", "decided_on": "2026-03-02",
                                             "issued_on": "2026-03-02"}))
    assert same_day.data["decision"]["issued_on"] == date(2026, 3, 2)
    assert parse_obj(dict(app, decision={"status": "rejected", "decided_on": "2026-03-02"}))


def test_an_order_names_its_buyer_once_and_adds_up() -> None:
    order = _first("order")
    ubn = _first("application")["ubn"]
    assert _reason(dict(order, ubn=ubn)) == "exactly one of application or ubn is required"
    assert _reason(dict(order, application=None)) == "exactly one of application or ubn is required"
    assert parse_obj(dict(order, application=None, ubn=ubn)).data["ubn"] == ubn
    off = dict(order, points=order["points"] + 1)
    assert _reason(off) == (f"points + self_pay ({off['points']} + {off['self_pay']}) "
                            f"differ from total {off['total']}")


@pytest.mark.parametrize(("event", "field", "value"), [
    ("paid", "amount", 100), ("invoiced", "invoice_number", "AB12345678"), ("service_started", "service_start", "2026-03-02"),
])
def test_an_order_event_carries_what_it_reports(event: str, field: str, value) -> None:
    rec = dict(_first("order_event"), event=event)
    assert _reason(rec) == f"missing field {field} for event {event}"
    assert parse_obj(dict(rec, **{field: value})).data[field] is not None
    assert parse_obj(dict(rec, event="vendor_confirmed")).data["event"] == "vendor_confirmed"


def test_a_termination_may_take_effect_at_most_3660_days_before_it_is_filed() -> None:
    filed = date(2026, 3, 1)
    earliest = (filed - timedelta(days=3660)).isoformat()
    assert parse_obj(_termination(effective_on=earliest)).data["effective_on"].isoformat() == earliest
    too_early = (filed - timedelta(days=3661)).isoformat()
    assert _reason(_termination(effective_on=too_early)) == "effective_on is implausibly early"
    assert _reason(_termination(initiated_by="officer")).startswith("initiated_by: must be one of applicant, vendor")


def test_the_content_hash_is_of_the_canonical_json() -> None:
    obj = {"b": "臺灣", "a": [1, {"d": None, "c": True}]}
    canonical = '{"a":[1,{"c":true,"d":null}],"b":"臺灣"}'
    assert R.content_hash(obj) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert R.content_hash(dict(reversed(list(obj.items())))) == R.content_hash(obj)
    vendor = _first("vendor")
    assert parse_line(json.dumps(vendor, indent=2)).sha256 == R.content_hash(vendor)


@pytest.mark.parametrize(("obj", "reason"), [
    ([1], "a record must be a JSON object"),
    ({"id": "V"}, "missing field type"),
    ({"type": "", "id": "V"}, "missing field type"),
    ({"type": 3, "id": "V"}, "missing field type"),
    ({"type": "v" * 60, "id": "V"}, f"unknown type {'v' * 40!r}"),
    ({"type": "vendor"}, "missing field id"),
    ({"type": "vendor", "id": ""}, "missing field id"),
    ({"type": "vendor", "id": 0}, "id: a non-empty string is required"),
])
def test_a_record_needs_a_known_type_and_an_id(obj, reason: str) -> None:
    assert _reason(obj) == reason


@pytest.mark.parametrize(("line", "reason"), [
    ('{"type": "vendor",', "malformed JSON: Expecting property name enclosed in double quotes at column 19"),
    ("[1] x", "malformed JSON: Extra data at column 5"),
])
def test_malformed_json_is_reported_with_its_column(line: str, reason: str) -> None:
    with pytest.raises(FeedError) as err:
        parse_line(line)
    assert err.value.reason == reason


def test_a_number_too_long_to_convert_is_reported_in_eighty_characters() -> None:
    line = '{"n": ' + "9" * 5000 + "}"
    try:
        json.loads(line)
    except ValueError as exc:
        why = str(exc)
    assert len(why) > 80
    with pytest.raises(FeedError) as err:
        parse_line(line)
    assert err.value.reason == "malformed JSON: " + why[:80]


def test_an_application_carries_at_most_ten_forms() -> None:
    app = _first("application", lambda r: r["forms"])
    app["forms"] = [app["forms"][0]] * 10
    assert len(parse_obj(app).data["forms"]) == 10
    app["forms"].append(app["forms"][0])
    assert _reason(app) == "forms: more than 10 items"
