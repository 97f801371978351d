"""Feed import on SQLite and PostgreSQL: round trip, idempotency, rejected lines leave nothing."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.services.admin.demo_feed import dumps, generate_feed
from backoffice.services.admin.stats import record_counts
from backoffice.services.feed import import_lines
from backoffice.services.feed.importer import RejectedLine
from backoffice.services.points.ledger import balance


@pytest.fixture
def programme(session_factory) -> int:
    with session_factory() as s, s.begin():
        p = m.Programme(code="T-115", name="test programme")
        s.add(p)
        s.flush()
        s.add(m.Budget(programme_id=p.id, total=30_000 * 1000, committed=0))
        return p.id


def _counts(uow) -> dict[str, int]:
    with uow() as u:
        return record_counts(u)


def test_demo_feed_round_trip_counts_match_the_file(session_factory, uow) -> None:
    lines = [dumps(r) for r in generate_feed(120, seed=5)]
    by_type = Counter(json.loads(x)["type"] for x in lines)
    report = import_lines(session_factory, lines, batch_lines=97)  # several batches
    assert report.rejected == []
    assert report.accepted == len(lines) and report.duplicates == 0
    counts = _counts(uow)
    assert counts["vendors"] == by_type["vendor"]
    assert counts["solutions"] == by_type["solution"]
    assert counts["applications"] == by_type["application"] == counts["applicants"]
    assert counts["orders"] == by_type["order"]
    assert counts["order_events"] == by_type["order_event"]
    assert counts["terminations"] == by_type["termination"] == counts["refund_cases"]
    assert counts["confirmations"] == by_type["confirmation"]
    assert counts["settlement_claims"] == by_type["settlement_claim"]
    assert counts["feed_records"] == len(lines)
    approved = sum(1 for x in lines if '"status":"approved"' in x)
    assert counts["grants"] == approved > 0
    with session_factory() as s:
        committed = s.scalar(sa.select(m.Budget.committed))
        assert committed == 30_000 * approved - _released(s)


def _released(s) -> int:
    rel = s.scalar(sa.select(sa.func.coalesce(sa.func.sum(m.BudgetMovement.points), 0))
                   .where(m.BudgetMovement.kind == "release"))
    return int(rel or 0)


def test_second_import_is_all_duplicates_and_changes_nothing(session_factory, uow) -> None:
    lines = [dumps(r) for r in generate_feed(40, seed=9)]
    import_lines(session_factory, lines)
    before = _counts(uow)
    report = import_lines(session_factory, lines)
    after = _counts(uow)
    assert report.accepted == 0 and report.rejected == [] and report.duplicates == len(lines)
    before.pop("feed_imports"), after.pop("feed_imports")
    assert before == after


def test_changed_content_for_a_known_id_is_rejected(session_factory, uow) -> None:
    recs = list(generate_feed(10, seed=2))
    import_lines(session_factory, [dumps(r) for r in recs])
    vendor = dict(next(r for r in recs if r["type"] == "vendor"), name="改名資訊股份有限公司")
    report = import_lines(session_factory, [dumps(vendor)])
    assert [r.line for r in report.rejected] == [1]
    assert "content differs" in report.rejected[0].reason
    with session_factory() as s:
        assert s.scalar(sa.select(m.Vendor.name).where(m.Vendor.external_id == vendor["id"])) != vendor["name"]


def _base(n: int = 30, seed: int = 4) -> list[dict]:
    return list(generate_feed(n, seed=seed))


BAD_LINES = [
    ("{not json", "malformed JSON"),
    ('{"type":"spaceship","id":"X1"}', "unknown type"),
    ('{"type":"vendor","id":"VX1","name":"甲"}', "missing field ubn"),
    ('{"type":"vendor","id":"VX2","ubn":"12345678","name":"甲"}', "invalid UBN"),
    ('{"type":"solution","id":"SX1","vendor":"V9999","name":"x","category":null,"price":100,'
     '"term_months":6,"listed":true}', "unknown vendor"),
    ('{"type":"solution","id":"SX2","vendor":"V0001","name":"x","category":null,"price":-5,'
     '"term_months":6,"listed":true}', "negative"),
    ('{"type":"settlement_claim","id":"SCX","order":"O404","vendor":"V0001","points":1,'
     '"submitted_on":"2026-13-01"}', "bad date"),
    ('{"type":"order_event","id":"OEX","order":"O404","event":"paid","at":"2026-05-01T10:00:00+08:00",'
     '"amount":100}', "unknown order"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_LINES, ids=[r for _, r in BAD_LINES])
def test_each_kind_of_bad_line_is_rejected_with_its_number_and_leaves_nothing(
        session_factory, uow, line: str, reason: str) -> None:
    good = [dumps(r) for r in _base()]
    lines = good[:5] + [line] + good[5:]
    report = import_lines(session_factory, lines)
    assert [r.line for r in report.rejected] == [6]
    assert reason in report.rejected[0].reason
    assert report.accepted == len(good)
    with session_factory() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(m.FeedRecord)) == len(good)


def test_rejected_application_leaves_no_applicant_forms_or_grant(session_factory, uow, programme) -> None:
    recs = _base()
    app = next(r for r in recs if r["type"] == "application" and r["forms"]
               and (r.get("decision") or {}).get("status") == "approved")
    bad = json.loads(dumps(app))
    bad["id"], bad["ubn"] = "A-BAD", "04595257"
    for form in bad["forms"]:
        form["ubn"] = "04595257"
    first = bad["forms"][0]
    result = {"headcount": 3} if first["kind"] == "form2" else {"name": bad["name"]}
    first["queries"] = [{"at": bad["submitted_at"], "outcome": "success", "result": result}] * 2
    before = _counts(uow)
    report = import_lines(session_factory, [dumps(bad)])
    assert [(r.line, r.reason) for r in report.rejected] == [
        (1, "application A-BAD: forms[0]: each authorisation allows one successful query (附表2/附表3 note 2)")]
    after = _counts(uow)
    before.pop("feed_imports"), after.pop("feed_imports")
    assert before == after


def test_order_with_wrong_split_or_without_grant_is_rejected(session_factory, uow) -> None:
    recs = _base(60, seed=11)
    import_lines(session_factory, [dumps(r) for r in recs if r["type"] != "order_event"
                                   and r["type"] not in ("order", "termination", "confirmation", "settlement_claim")])
    order = next(r for r in recs if r["type"] == "order" and r["points"] > 0)
    wrong = dict(order, points=order["points"] - 1, self_pay=order["self_pay"] + 1)
    pending = next(r for r in recs if r["type"] == "application" and "decision" not in r)
    no_grant = dict(order, id="O-NOGRANT", application=pending["id"])
    report = import_lines(session_factory, [dumps(wrong), dumps(no_grant), dumps(order)])
    assert [r.line for r in report.rejected] == [1, 2]
    assert "differ from the quote" in report.rejected[0].reason
    assert "no points grant" in report.rejected[1].reason
    with session_factory() as s:
        o = s.scalar(sa.select(m.Order).where(m.Order.external_id == order["id"]))
        assert o is not None
        held = s.scalar(sa.select(sa.func.sum(m.LedgerEntry.points)).where(m.LedgerEntry.order_id == o.id))
        assert held == -order["points"]
        assert balance(s, o.applicant_id, o.submitted_at.date()) == 30_000 - order["points"]


def test_event_out_of_order_is_rejected(session_factory) -> None:
    recs = _base(80, seed=12)
    order = next(r for r in recs if r["type"] == "order")
    idx = recs.index(order)
    head = [dumps(r) for r in recs[: idx + 1]]
    jump = {"type": "order_event", "id": "OE-JUMP", "order": order["id"], "event": "service_started",
            "at": order["submitted_at"], "service_start": order["submitted_at"][:10]}
    report = import_lines(session_factory, [*head, dumps(jump)])
    assert [r.line for r in report.rejected] == [len(head) + 1]
    assert "does not follow order state submitted" in report.rejected[0].reason


def test_rows_written_after_an_import_take_fresh_ids(session_factory) -> None:
    # The ids an import reserves come from each table's own sequence (PostgreSQL) or follow its
    # largest id (SQLite): a vendor or programme another desk adds afterwards never collides.
    report = import_lines(session_factory, [dumps(r) for r in generate_feed(20, seed=4)])
    assert report.rejected == []
    with session_factory() as s, s.begin():
        imported = set(s.scalars(sa.select(m.Vendor.id))), set(s.scalars(sa.select(m.Programme.id)))
        vendor = m.Vendor(external_id="V-LATER", ubn="04595257", name="later vendor")
        prog = m.Programme(code="P-LATER", name="later programme")
        s.add_all([vendor, prog])
        s.flush()
        assert vendor.id not in imported[0] and vendor.id > max(imported[0])
        assert prog.id not in imported[1] and prog.id > max(imported[1])


def test_the_latest_programme_of_a_file_is_the_one_later_imports_join(session_factory) -> None:
    from backoffice.services.feed.state import KnownRecords

    recs = list(generate_feed(10, seed=6))
    first = next(r for r in recs if r["type"] == "programme")
    second = dict(first, id="DEMO-116", name="second programme")
    assert import_lines(session_factory, [dumps(r) for r in recs] + [dumps(second)]).rejected == []
    with session_factory() as s:
        codes = dict(s.execute(sa.select(m.Programme.id, m.Programme.code)).all())
        latest = KnownRecords().programme(s)
        assert latest is not None and codes[latest.id] == "DEMO-116"
        assert sorted(codes, key=codes.get) == sorted(codes)  # ids follow the file's order


def test_a_large_batch_finds_every_record_it_already_has(session_factory) -> None:
    # Known records are looked up 500 ids at a time: a batch of more than 500 of one type (here
    # order events) finds every one of them again on the second import.
    lines = [dumps(r) for r in generate_feed(150, seed=13)]
    assert sum('"type":"order_event"' in x for x in lines) > 600
    assert import_lines(session_factory, lines, batch_lines=len(lines)).rejected == []
    again = import_lines(session_factory, lines, batch_lines=len(lines))
    assert again.rejected == [] and again.accepted == 0 and again.duplicates == len(lines)


def test_blank_lines_are_skipped_and_every_line_keeps_its_number(session_factory) -> None:
    good = [dumps(r) for r in _base(10)]
    lines = [good[0], "", "   \t", *good[1:4], "{not json", "\n", *good[4:]]
    report = import_lines(session_factory, lines, batch_lines=3)
    assert [r.line for r in report.rejected] == [7]
    assert report.accepted == len(good) and report.duplicates == 0


def test_each_import_records_its_own_counts(session_factory) -> None:
    good = [dumps(r) for r in _base(10)]
    first = import_lines(session_factory, good[:20] + ["{not json"], batch_lines=6)
    second = import_lines(session_factory, good, batch_lines=6)
    assert (first.accepted, first.duplicates, len(first.rejected)) == (20, 0, 1)
    assert (second.accepted, second.duplicates, len(second.rejected)) == (len(good) - 20, 20, 0)
    with session_factory() as s:
        rows = s.execute(sa.select(m.FeedImport.accepted, m.FeedImport.duplicates, m.FeedImport.rejected)
                         .order_by(m.FeedImport.id)).all()
    assert [tuple(r) for r in rows] == [(20, 0, 1), (len(good) - 20, 20, 0)]


def test_a_record_repeated_in_one_batch_is_a_duplicate_and_a_changed_repeat_is_refused(session_factory) -> None:
    recs = _base(10)
    vendor = next(r for r in recs if r["type"] == "vendor")
    lines = [dumps(r) for r in recs] + [dumps(vendor), dumps(dict(vendor, name="改名資訊股份有限公司"))]
    report = import_lines(session_factory, lines)
    assert report.accepted == len(recs) and report.duplicates == 1
    assert [(r.line, r.reason) for r in report.rejected] == [(len(lines), (
        f"vendor {vendor['id']}: content differs from the record already imported (records are immutable)"))]


def test_a_binary_file_is_read_line_by_line(session_factory, tmp_path) -> None:
    # An invalid line and an over-long one in the middle: each refused with its number, and the
    # lines after them still imported.
    good = [dumps(r).encode("utf-8") for r in _base(10)]
    huge = b'{"type":"vendor","id":"V-HUGE","name":"' + b"x" * (300 << 10) + b'"}'
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join(good[:5] + [b"\xff\xfe", huge] + good[5:]) + b"\n")
    with path.open("rb") as fh:
        report = import_lines(session_factory, fh)
    assert report.accepted == len(good)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (6, "not valid UTF-8"), (7, f"line of {len(huge) + 1:,} bytes is longer than 262,144 bytes")]


def test_a_record_the_database_refuses_is_rejected_alone_and_the_batch_goes_on(session_factory, db_backend) -> None:
    # A real refusal by the database (a trigger, as a constraint the feed's checks do not know
    # would give): the batch falls back to one record per transaction, only that line is lost.
    recs = _base(10)
    vendors = [r for r in recs if r["type"] == "vendor"]
    victim = vendors[1]["id"]
    table = m.Vendor.__tablename__
    if db_backend == "sqlite":
        create = [f"CREATE TRIGGER refuse_vendor BEFORE INSERT ON {table} WHEN NEW.external_id = '{victim}' "
                  "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END"]
        drop = ["DROP TRIGGER refuse_vendor"]
    else:
        create = [f"CREATE FUNCTION refuse_vendor() RETURNS trigger AS $$ BEGIN IF NEW.external_id = '{victim}' "
                  "THEN RAISE EXCEPTION 'refused by the test trigger'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
                  f"CREATE TRIGGER refuse_vendor BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_vendor()"]
        drop = [f"DROP TRIGGER refuse_vendor ON {table}", "DROP FUNCTION refuse_vendor()"]
    with session_factory() as s, s.begin():
        for sql in create:
            s.execute(sa.text(sql))
    try:
        lines = [dumps(r) for r in recs if r["type"] in ("programme", "vendor")]
        number = next(i for i, x in enumerate(lines, 1) if f'"id":"{victim}"' in x)
        assert number < len(lines)  # records after it in the same batch
        report = import_lines(session_factory, lines)
    finally:
        with session_factory() as s, s.begin():
            for sql in drop:
                s.execute(sa.text(sql))
    assert report.rejected == [RejectedLine(number, "database refused the record: refused by the test trigger")]
    assert report.accepted == len(lines) - 1
    with session_factory() as s:
        assert set(s.scalars(sa.select(m.Vendor.external_id))) == {v["id"] for v in vendors} - {victim}


def test_an_order_of_an_applicant_without_a_grant_is_refused_in_the_same_import(session_factory) -> None:
    recs = _base(60, seed=11)
    firsts = [r for r in recs if r["type"] not in ("order", "order_event", "termination", "confirmation",
                                                     "settlement_claim")]
    order = next(r for r in recs if r["type"] == "order" and r["points"] > 0)
    pending = next(r for r in recs if r["type"] == "application" and "decision" not in r)
    lines = [dumps(r) for r in firsts] + [dumps(dict(order, id="O-NOGRANT", application=pending["id"]))]
    report = import_lines(session_factory, lines)
    assert [(r.line, r.reason) for r in report.rejected] == [(len(lines), "order O-NOGRANT: the applicant holds no points grant")]
    with session_factory() as s:
        assert s.scalar(sa.select(m.Order.id).where(m.Order.external_id == "O-NOGRANT")) is None


def test_applications_after_a_new_programme_record_join_it_and_its_announcements_though_an_older_one_exists(
        session_factory) -> None:
    recs = _base(10)
    assert import_lines(session_factory, [dumps(r) for r in recs]).rejected == []
    prog = dict(next(r for r in recs if r["type"] == "programme"), id="DEMO-116", name="next programme")
    app = json.loads(dumps(next(r for r in recs if r["type"] == "application"
                                and (r.get("decision") or {}).get("status") == "approved")))
    app["id"], app["ubn"] = "A-NEXT", "04595257"
    for form in app["forms"]:
        form["ubn"] = "04595257"
    report = import_lines(session_factory, [dumps(prog), dumps(app)])
    assert report.rejected == [] and report.accepted == 2
    with session_factory() as s:
        code = s.scalar(sa.select(m.Programme.code).join(m.Grant, m.Grant.programme_id == m.Programme.id)
                        .join(m.Application, m.Application.id == m.Grant.application_id)
                        .where(m.Application.external_id == "A-NEXT"))
    assert code == "DEMO-116"
    # A programme that stopped granting by announcement before the approval: judged by its own
    # announcement, not by the older programme's (open) state.
    stopped = dict(prog, id="DEMO-117", applications_stopped_on=app["decision"]["issued_on"])
    app2 = dict(app, id="A-STOPPED", ubn="22099131", forms=[dict(f, ubn="22099131") for f in app["forms"]])
    report = import_lines(session_factory, [dumps(stopped), dumps(app2)])
    assert [(r.line, r.reason) for r in report.rejected] == [(2, (
        f"application A-STOPPED: no grant can be issued on {app['decision']['issued_on']}: "
        "the programme stopped granting by announcement (須知二(三))"))]
