"""``audit verify`` catches every tampering done with plain SQL (triggers disabled, as the owner
could), on SQLite and PostgreSQL: chain edits, deletions, insertions, a rewritten tail after a
checkpoint, edited or re-signed decisions, and books that no longer balance."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.audit import at_text, canonical_json_text, event_hash, record_text
from backoffice.services.admin import audit_verify, checkpoints
from backoffice.services.applications import assignment, decisions
from tests.integration.test_decisions import NOW, token_signer
from tests.support import review_seed as rs
from tests.support.pki import make_pki
from tests.support.tamper import attacker, run

pytestmark = [pytest.mark.pkcs11]


@pytest.fixture
def decided(uow: Any, soft_token: Any) -> rs.Seeded:
    """One signed approval (with its grant) and one signed rejection."""
    seeded = rs.seed(uow, grants_budget=10, applications=2, officer_cert=soft_token.cert_der)
    for app_id, act in zip(seeded.application_ids, ("approve", "reject"), strict=True):
        with uow() as u:
            assignment.claim(u, app_id, seeded.officer_id, now=NOW)
        with uow() as u:
            if act == "approve":
                decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
            else:
                decisions.reject(u, app_id, seeded.officer_id, reason_code="not_sme",
                                 signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
    return seeded


@pytest.fixture
def anchors(pki: Any, tmp_path: Path) -> Path:
    """The trust directory as installed: the root and the issuing CAs (docs/trust.md)."""
    return Path(pki.write_trust_dir(tmp_path / "anchors"))


def check(uow: Any, anchors: Path | None = None, files: list[Path] | None = None) -> audit_verify.VerifyReport:
    with uow() as u:
        return audit_verify.verify(u, files or [], anchors)


def rechain(conn: sa.Connection, start: int) -> None:
    """What a careful attacker does after an edit: recompute every hash from ``start`` and the head."""
    events = list(Session(bind=conn).scalars(sa.select(m.AuditEvent).order_by(m.AuditEvent.seq)))
    prev = events[start - 2].hash if start > 1 else "0" * 64
    for e in events[start - 1:]:
        digest = event_hash(record_text(e.seq, at_text(e.at), e.officer_id, e.action, e.entity_type, e.entity_id,
                                        canonical_json_text(e.details), prev))
        conn.execute(sa.text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE seq = :s"),
                     {"p": prev, "h": digest, "s": e.seq})
        prev = digest
    conn.execute(sa.text("UPDATE audit_chain_head SET seq = :s, hash = :h"), {"s": events[-1].seq, "h": prev})


def _insert_event(engine: sa.Engine) -> None:
    with attacker(engine) as conn:
        first = conn.execute(sa.text("SELECT hash FROM audit_events WHERE seq = 1")).scalar_one()
        conn.execute(sa.text("UPDATE audit_events SET seq = seq + 100 WHERE seq >= 2"))
        conn.execute(sa.text("UPDATE audit_events SET seq = seq - 99 WHERE seq >= 102"))
        ev = m.AuditEvent(action="application.claim", entity_type="application", entity_id="1",
                          at=NOW, details={"forged": True})
        digest = event_hash(record_text(2, at_text(NOW), None, ev.action, ev.entity_type, ev.entity_id,
                                        canonical_json_text(ev.details), first))
        conn.execute(m.AuditEvent.__table__.insert().values(action=ev.action, entity_type=ev.entity_type,
                                                              entity_id=ev.entity_id, at=NOW, details=ev.details,
                                                              seq=2, prev_hash=first, hash=digest))


def _resign_with_home_made_certificate(engine: sa.Engine) -> None:
    """Turn the rejection into an approval, re-signed with a home-made certificate the officer row
    is re-pointed to: every signature check on the row alone passes."""
    evil = make_pki("Evil Root CA").issue("moica", name="林官員", id_last4="6789", subject_type="citizen")
    sha = hashlib.sha256(evil.der).hexdigest()
    with attacker(engine) as conn:
        did, payload = conn.execute(sa.text("SELECT id, payload FROM decisions WHERE kind = 'reject'")).one()
        data = json.loads(payload) | {"decision": "approve", "reason_code": None, "officer_cert_sha256": sha}
        text = canonical_json_text(data)
        sig = evil.key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())
        conn.execute(sa.text("UPDATE decisions SET kind = 'approve', reason_code = NULL, payload = :p, "
                             "signature = :s, cert_der = :c, cert_sha256 = :h WHERE id = :id"),
                     {"p": text, "s": sig, "c": evil.der, "h": sha, "id": did})
        conn.execute(sa.text("UPDATE officers SET cert_sha256 = :h, cert_der = :c WHERE cert_sha256 IS NOT NULL"),
                     {"h": sha, "c": evil.der})
        conn.execute(sa.text("UPDATE applications SET status = 'approved' WHERE status = 'rejected'"))


TAMPERING: dict[str, tuple[Callable[[sa.Engine], None], str, str]] = {
    "edited event": (lambda e: run(e, "UPDATE audit_events SET entity_id = '999' WHERE seq = 2"),
                     "chain", "edited"),
    "deleted event": (lambda e: run(e, "DELETE FROM audit_events WHERE seq = 2"), "chain", "missing"),
    "deleted last event": (lambda e: run(e, "DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM "
                                         "audit_events)"), "chain", "head"),
    "inserted event": (_insert_event, "chain", "prev_hash"),
    "edited decision payload": (lambda e: run(e, "UPDATE decisions SET payload = replace(payload, "
                                              "'\"not_sme\"', '\"other\"')"), "decision", "payload"),
    "edited signature": (lambda e: run(e, "UPDATE decisions SET signature = :s WHERE kind = 'approve'",
                                       s=b"\x01" * 256), "decision", "signature"),
    "grant raised": (lambda e: run(e, "UPDATE grants SET points = 300000"), "books", "ledger granted"),
    "lot changed": (lambda e: run(e, "UPDATE point_lots SET points = 29000"), "books", "lot says"),
    "budget committed zeroed": (lambda e: run(e, "UPDATE budgets SET committed = 0"), "books", "budget says"),
    "rejection turned into approval": (lambda e: (
        run(e, "UPDATE decisions SET kind = 'approve', reason_code = NULL WHERE kind = 'reject'"),
        run(e, "UPDATE applications SET status = 'approved' WHERE status = 'rejected'")), "decision", "payload"),
    "decision deleted": (lambda e: run(e, "DELETE FROM decisions WHERE kind = 'approve'"), "decision", "missing"),
    "re-signed with a home-made certificate": (_resign_with_home_made_certificate, "decision", "committed to"),
}


def test_an_untouched_database_verifies(uow: Any, decided: rs.Seeded, anchors: Path) -> None:
    report = check(uow, anchors)
    assert report.ok, report.problems
    assert report.events >= 4 and report.decisions == 2 and report.grants == 1 and report.trust_anchors >= 1


@pytest.mark.parametrize("case", list(TAMPERING))
def test_tampering_is_detected(uow: Any, engine: sa.Engine, decided: rs.Seeded, anchors: Path, case: str) -> None:
    tamper, check_name, words = TAMPERING[case]
    tamper(engine)
    report = check(uow, anchors)
    assert not report.ok
    found = [p for p in report.problems if p.check == check_name and words in p.what]
    assert found, report.problems


def test_books_catch_the_deleted_decision_and_the_home_made_certificate(uow: Any, engine: sa.Engine,
                                                                      decided: rs.Seeded, anchors: Path) -> None:
    run(engine, "DELETE FROM decisions WHERE kind = 'approve'")
    whats = [p.what for p in check(uow, anchors).problems]
    assert "application is approved without a signed decision" in whats
    assert "grant without the signed approval behind it" in whats
    _resign_with_home_made_certificate(engine)
    whats = [p.what for p in check(uow, anchors).problems]
    assert "signer certificate does not chain to the trust anchors" in whats


def test_a_rewritten_tail_passes_alone_but_not_against_a_checkpoint(uow: Any, engine: sa.Engine, decided: rs.Seeded,
                                                                    tmp_path: Path) -> None:
    with uow() as u:
        cp = checkpoints.current_head(u)
    path = tmp_path / "cp.txt"
    path.write_text(cp.text(), encoding="utf-8")
    assert check(uow, files=[path]).ok
    with attacker(engine) as conn:
        conn.execute(sa.text("UPDATE audit_events SET entity_id = '999' WHERE seq = 2"))
        rechain(conn, 2)
    assert check(uow).ok  # a consistent rewrite: only a copy kept outside the database can tell
    report = check(uow, files=[path])
    assert not report.ok and report.problems[0].check == "checkpoint" and report.problems[0].seq == cp.seq
    with attacker(engine) as conn:  # cut the chain short instead
        conn.execute(sa.text("DELETE FROM audit_events WHERE seq = :s"), {"s": cp.seq})
        rechain(conn, 2)
    assert any("before checkpoint" in p.what for p in check(uow, files=[path]).problems)


@pytest.mark.parametrize("text,line", [
    ("format: tcloud-backoffice/audit-checkpoint/v1\nseq: x\nhash: " + "0" * 64 + "\nat: 2026-01-01T00:00:00Z\n", 2),
    ("format: tcloud-backoffice/audit-checkpoint/v1\nseq: 1\nhash: abc\nat: 2026-01-01T00:00:00Z\n", 3),
    ("format: tcloud-backoffice/audit-checkpoint/v1\nseq: 1\nhash: " + "0" * 64 + "\nat: 9999-99-99\n", 4),
    ("bogus line\n", 1),
])
def test_a_malformed_checkpoint_names_its_line(text: str, line: int) -> None:
    with pytest.raises(checkpoints.CheckpointError) as err:
        checkpoints.parse(text.encode(), "cp.txt")
    assert err.value.line == line and "cp.txt" in str(err.value)
