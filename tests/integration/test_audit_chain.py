"""The hash-chained audit log on SQLite and PostgreSQL: assigned centrally at flush, gap-free,
never forked by concurrent writers, existing events chained by the migration."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import migrate
from backoffice.db import models as m
from backoffice.db.audit import GENESIS_HASH, at_text, canonical_json_text, event_hash, record_text
from backoffice.db.session import make_engine, make_session_factory
from backoffice.services.admin import audit_verify
from tests.support.tamper import run


def chain(engine: sa.Engine) -> list[m.AuditEvent]:
    with Session(engine) as s:
        return list(s.scalars(sa.select(m.AuditEvent).order_by(m.AuditEvent.seq)))


def verified(engine: sa.Engine) -> audit_verify.VerifyReport:
    report = audit_verify.VerifyReport()
    with engine.connect() as conn:
        audit_verify.verify_chain(conn, report, [])
    return report


@pytest.mark.parametrize("record", [
    (1, None, "a", None, None, None),
    (7, 3, "application.approve", "application", "12", {"note": "補件\n\"引號\" \\ \u0001", "n": [1, None, True]}),
    (2**40, 2**31, "x\u2028y", "e", "𝔘", {"z": {"b": 1, "a": -2}, "": ""}),
])
def test_the_hand_written_encoding_is_canonical_json(record: tuple[Any, ...]) -> None:
    seq, officer, action, etype, eid, details = record
    at = datetime(2026, 3, 2, 1, 2, 3, 4005, tzinfo=UTC)
    doc = {"seq": seq, "at": at_text(at), "officer_id": officer, "action": action, "entity_type": etype,
           "entity_id": eid, "details": details, "prev_hash": GENESIS_HASH}
    text = record_text(seq, at_text(at), officer, action, etype, eid, canonical_json_text(details), GENESIS_HASH)
    assert text == canonical_json_text(doc)
    assert at_text(at) == "2026-03-02T01:02:03.004005Z"


def test_every_event_is_numbered_and_hashed_at_flush_without_the_service_knowing(uow: Any, engine: sa.Engine) -> None:
    with uow() as u:
        u.session.add(m.AuditEvent(action="one", details={"b": 2, "a": "甲"}))
        u.session.add(m.AuditEvent(action="two", entity_type="x", entity_id="1"))
        u.commit()
    with uow() as u:  # rolled back: no number is used up
        u.session.add(m.AuditEvent(action="never"))
        u.flush()
        u.rollback()
    with uow() as u:
        u.session.add(m.AuditEvent(action="three", officer_id=None, details=None))
        u.commit()
    events = chain(engine)
    assert [e.seq for e in events] == [1, 2, 3]
    assert [e.action for e in events] == ["one", "two", "three"]
    prev = GENESIS_HASH
    for e in events:
        assert e.prev_hash == prev
        doc = {"seq": e.seq, "at": at_text(e.at), "officer_id": e.officer_id, "action": e.action,
               "entity_type": e.entity_type, "entity_id": e.entity_id, "details": e.details, "prev_hash": prev}
        assert e.hash == event_hash(canonical_json_text(doc))
        prev = e.hash
    report = verified(engine)
    assert report.ok and report.events == 3 and report.head_hash == prev
    assert report.respelled == 0  # every row took the fast path: stored details are canonical


def test_details_stored_in_another_json_spelling_still_verify(uow: Any, engine: sa.Engine) -> None:
    with uow() as u:
        u.session.add(m.AuditEvent(action="one", details={"b": 2, "a": "甲"}))
        u.commit()
    run(engine, "UPDATE audit_events SET details = :d WHERE seq = 1", d='{"b": 2, "a": "\\u7532"}')
    report = verified(engine)
    assert report.ok and report.respelled == 1
    run(engine, "UPDATE audit_events SET details = :d WHERE seq = 1", d='{"b": 3, "a": "\\u7532"}')
    assert verified(engine).problems[0].what == "event content does not match its hash (edited)"


def test_text_that_needs_escaping_in_transit_still_verifies(uow: Any, engine: sa.Engine) -> None:
    """PostgreSQL streams the chain with COPY, whose text format escapes backslashes, tabs, newlines
    and carriage returns and spells NULL as \\N: every such value must arrive as stored."""
    awkward = "tab\there\nnew\\back\rret \\N \b\f\v 中文"
    with uow() as u:
        u.session.add(m.AuditEvent(action="a\tb\\c", entity_type="e\nf", entity_id=awkward,
                                   details={"note": awkward, "\\N": "\\N", "nested": ["\t", None]}))
        u.session.add(m.AuditEvent(action="\\N", entity_type=None, entity_id="\\N", details=None))
        u.commit()
    report = verified(engine)
    assert report.ok and report.events == 2, report.problems
    run(engine, "UPDATE audit_events SET entity_id = :e WHERE seq = 1", e=awkward.replace("\t", " "))
    assert verified(engine).problems[0].seq == 1  # one character changed is still found


@pytest.mark.parametrize("writers", [6])
def test_concurrent_writers_never_fork_the_chain(engine: sa.Engine, writers: int) -> None:
    factory = make_session_factory(engine)
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def desk(n: int) -> None:
        try:
            for i in range(4):
                with factory() as s:
                    s.add(m.AuditEvent(action="desk.work", entity_type="desk", entity_id=f"{n}-{i}"))
                    barrier.wait(timeout=60)  # every desk appends at the same moment
                    s.commit()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    events = chain(engine)
    assert [e.seq for e in events] == list(range(1, writers * 4 + 1))
    assert len({e.prev_hash for e in events}) == len(events)  # no two events share a parent: no fork
    assert sorted(e.entity_id for e in events) == sorted(f"{n}-{i}" for n in range(writers) for i in range(4))
    assert verified(engine).ok


def test_the_migration_chains_the_events_written_before_it(db_url: str) -> None:
    migrate.upgrade(db_url, "0004")
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            for i, at in enumerate(["2026-03-02 01:00:00", "2026-03-01 09:30:00.250000", "2026-03-02 01:00:00"]):
                conn.execute(m.AuditEvent.__table__.insert().values(  # the pre-chain columns only
                    action=f"old.{i}", at=datetime.fromisoformat(at).replace(tzinfo=UTC),
                    details={"i": i, "名": "值"}))
        migrate.upgrade(db_url)
        events = chain(engine)
        assert [e.action for e in events] == ["old.1", "old.0", "old.2"]  # in time order, then id
        assert verified(engine).ok
        with Session(engine) as s:
            s.add(m.AuditEvent(action="new"))
            s.commit()
        report = verified(engine)
        assert report.ok and report.events == 4
        migrate.downgrade(db_url, "0004")
        migrate.upgrade(db_url)
        assert verified(engine).ok
    finally:
        engine.dispose()


@pytest.mark.parametrize("tamper,where,words", [
    (None, None, None),
    ("UPDATE audit_events SET action = 'x' WHERE seq = 9", 9, "edited"),
    ("DELETE FROM audit_events WHERE seq = 6", 6, "missing"),  # the last event of the first run
    ("UPDATE audit_events SET prev_hash = hash WHERE seq = 7", 7, "prev_hash"),
])
def test_the_parallel_pass_finds_the_same_first_broken_link(engine: sa.Engine, tamper: str | None,
                                                            where: int | None, words: str | None) -> None:
    with Session(engine) as s:
        for i in range(12):
            s.add(m.AuditEvent(action=f"e{i}"))
            s.commit()
    if tamper:
        run(engine, tamper)
    url = engine.url.render_as_string(hide_password=False)
    single, split = audit_verify.VerifyReport(), audit_verify.VerifyReport()
    with engine.connect() as conn:
        audit_verify.verify_chain(conn, single, [])
        audit_verify.verify_chain(conn, split, [], workers=2, url=url, min_parallel=0)
    assert split.problems[:1] == single.problems[:1]
    assert (split.events, split.head_hash) == (single.events, single.head_hash)
    if where is None:
        assert split.ok and split.events == 12
    else:
        assert split.problems[0].seq == where and words in split.problems[0].what
