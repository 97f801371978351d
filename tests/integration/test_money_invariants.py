"""Money rules the database holds itself (migration 0005), and the typed errors services raise.

Plain SQL that breaks a rule is refused; two approvals of one applicant's applications forced to
pass every check at once end with one grant and a ``DuplicateGrant``, nothing half-written.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from backoffice.db import models as m
from backoffice.db.enums import ApplicationStatus, GrantStatus, LedgerKind
from backoffice.services.applications import assignment, decisions
from backoffice.services.points import ledger
from backoffice.services.points.verify import check_money
from backoffice.smartcard import signing
from tests.integration import _points_data as data
from tests.support import review_seed as rs

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]
D0 = date(2026, 3, 2)


def _granted(uow: Callable[[], Any]) -> tuple[int, int, int]:
    """A programme with one applicant holding one grant: (programme, applicant, grant) ids."""
    with uow() as u:
        p = data.programme(u.session)
        a, app = data.applicant(u.session, p.id)
        g = ledger.issue_grant(u.session, applicant_id=a.id, application_id=app.id, issued_on=D0)
        u.commit()
        return p.id, a.id, g.id


def _insert_grant_sql(conn: sa.Connection, programme_id: int, applicant_id: int, status: str) -> None:
    conn.execute(sa.text(
        "INSERT INTO grants (programme_id, applicant_id, issued_on, points, status, lapse_on, valid_until, "
        "budget_released, created_at) VALUES (:p, :a, :d, 30000, :s, :d, :d, false, :t)"),
        {"p": programme_id, "a": applicant_id, "d": D0, "s": status, "t": NOW})


def test_a_second_live_grant_is_refused_by_the_database(engine: sa.Engine, uow: Callable[[], Any]) -> None:
    programme_id, applicant_id, _ = _granted(uow)
    for status in ("active", "exhausted"):
        with pytest.raises(IntegrityError), engine.begin() as conn:
            _insert_grant_sql(conn, programme_id, applicant_id, status)
    with engine.begin() as conn:  # not live: lapsed, expired, reactivated and revoked grants fit
        for status in ("lapsed", "expired", "reactivated", "revoked"):
            _insert_grant_sql(conn, programme_id, applicant_id, status)


def test_a_reactivation_fits_the_one_live_grant_rule(uow: Callable[[], Any]) -> None:
    _, applicant_id, grant_id = _granted(uow)
    with uow() as u:
        u.session.execute(sa.update(m.Grant).where(m.Grant.id == grant_id).values(status=GrantStatus.LAPSED))
        u.commit()
    with uow() as u:
        new = ledger.issue_grant(u.session, applicant_id=applicant_id, application_id=None,
                                 issued_on=date(2026, 5, 1), reactivation_of=grant_id)
        u.commit()
    with uow() as u:
        assert u.session.get(m.Grant, grant_id).status is GrantStatus.REACTIVATED
        assert u.session.get(m.Grant, new.id).status is GrantStatus.ACTIVE


def test_issue_grant_raises_the_typed_error_for_a_second_grant(uow: Callable[[], Any]) -> None:
    _, applicant_id, _ = _granted(uow)
    with uow() as u, pytest.raises(ledger.DuplicateGrant) as err:
        ledger.issue_grant(u.session, applicant_id=applicant_id, application_id=None, issued_on=D0)
    assert err.value.applicant_id == applicant_id
    with uow() as u, pytest.raises(ledger.DuplicateGrant):
        ledger.issue_grants(u.session, [ledger.GrantRequest(applicant_id, None, D0)])


def test_the_lot_balance_follows_the_ledger_and_cannot_go_negative(engine: sa.Engine,
                                                                   uow: Callable[[], Any]) -> None:
    _, applicant_id, grant_id = _granted(uow)
    with uow() as u:
        lot = u.session.scalars(sa.select(m.PointLot).where(m.PointLot.grant_id == grant_id)).one()
        lot_id = lot.id
        assert lot.balance == 30_000
    entry = ("INSERT INTO ledger_entries (applicant_id, grant_id, lot_id, kind, points, on_date, created_at) "
             "VALUES (:a, :g, :l, :k, :p, :d, :t)")
    args = {"a": applicant_id, "g": grant_id, "l": lot_id, "k": LedgerKind.LAPSE.value, "d": D0, "t": NOW}
    with engine.begin() as conn:
        conn.execute(sa.text(entry), dict(args, p=-20_000))
    with pytest.raises(IntegrityError, match="balance_not_negative"), engine.begin() as conn:
        conn.execute(sa.text(entry), dict(args, p=-10_001))
    with engine.begin() as conn:  # a stored balance cannot be set below zero by hand either
        with pytest.raises(IntegrityError), conn.begin_nested():
            conn.execute(sa.text("UPDATE point_lots SET balance = -1 WHERE id = :l"), {"l": lot_id})
        assert conn.scalar(sa.text("SELECT balance FROM point_lots WHERE id = :l"), {"l": lot_id}) == 10_000
    with uow() as u:
        assert check_money(u.session).ok


def test_refusals_map_to_typed_errors_on_both_databases(engine: sa.Engine, uow: Callable[[], Any]) -> None:
    programme_id, applicant_id, grant_id = _granted(uow)
    with uow() as u:
        lot_id = u.session.scalar(sa.select(m.PointLot.id).where(m.PointLot.grant_id == grant_id))
    with pytest.raises(IntegrityError) as dup, engine.begin() as conn:
        _insert_grant_sql(conn, programme_id, applicant_id, "active")
    assert isinstance(ledger.ledger_error_from(dup.value, applicant_id=applicant_id), ledger.DuplicateGrant)
    with pytest.raises(IntegrityError) as neg, engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO ledger_entries (applicant_id, grant_id, lot_id, kind, points, on_date, "
                             "created_at) VALUES (:a, :g, :l, 'order_hold', -30001, :d, :t)"),
                     {"a": applicant_id, "g": grant_id, "l": lot_id, "d": D0, "t": NOW})
    assert isinstance(ledger.ledger_error_from(neg.value), ledger.LotOverdrawn)
    with pytest.raises(IntegrityError) as other, engine.begin() as conn:  # not a money rule: None
        conn.execute(sa.text("UPDATE budgets SET committed = total + 1 WHERE programme_id = :p"), {"p": programme_id})
    assert ledger.ledger_error_from(other.value) is None


def test_the_verifier_finds_a_budget_that_disagrees_with_its_movements(engine: sa.Engine,
                                                                       uow: Callable[[], Any]) -> None:
    programme_id, _, _ = _granted(uow)
    with uow() as u:
        assert check_money(u.session).ok
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE budgets SET committed = committed + 1 WHERE programme_id = :p"),
                     {"p": programme_id})
    with uow() as u:
        check = check_money(u.session)
    assert not check.ok and [(c, n) for _, c, n in check.budgets_off] == [(30_001, 30_000)]


# --- concurrent approvals of one applicant's two applications -----------------------------------


def _two_applications_of_one_applicant(uow: Callable[[], Any]) -> tuple[rs.Seeded, list[int]]:
    seeded = rs.seed(uow, grants_budget=10, applications=1, demo=True)  # demo: unsigned decisions allowed
    with uow() as u:
        first = u.session.get(m.Application, seeded.application_ids[0])
        second = rs.add_application(u.session, seeded.programme_id, 1, applicant_id=first.applicant_id)
        u.commit()
    ids = [seeded.application_ids[0], second]
    for app_id in ids:
        with uow() as u:
            assignment.claim(u, app_id, seeded.officer_id, now=NOW)
    return seeded, ids


def test_concurrent_approvals_of_one_applicant_give_one_grant_and_a_typed_error(
        uow: Callable[[], Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Both approvals pass every check (the re-check after the row lock included) before either
    writes: the database's index refuses the second grant; its decision, e-mail and budget
    reservation are rolled back and ``DuplicateGrant`` is raised."""
    seeded, ids = _two_applications_of_one_applicant(uow)
    barrier = threading.Barrier(2)
    real = decisions._eligibility
    calls: dict[str, int] = {}

    def eligibility_then_meet(session: Any, application_id: int, day: date) -> Any:
        out = real(session, application_id, day)
        name = threading.current_thread().name
        calls[name] = calls.get(name, 0) + 1
        if calls[name] == 2:  # the re-check after the lock: both get here before either writes
            barrier.wait(timeout=60)
        return out

    monkeypatch.setattr(decisions, "_eligibility", eligibility_then_meet)
    results: list[Any] = []
    errors: list[BaseException] = []

    def approve(app_id: int) -> None:
        try:
            with uow() as u:
                results.append(decisions.approve(u, app_id, seeded.officer_id, signer=None, today=rs.TODAY,
                                                 now=NOW))
        except BaseException as exc:  # asserted below
            errors.append(exc)

    threads = [threading.Thread(target=approve, args=(i,), name=f"approve-{i}") for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(results) == 1, errors
    assert len(errors) == 1 and isinstance(errors[0], ledger.DuplicateGrant), errors
    assert rs.budget_committed(uow, seeded.programme_id) == 30_000
    with uow() as u:
        s = u.session
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Grant)) == 1
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Decision)) == 1
        assert s.scalar(sa.select(sa.func.count()).select_from(m.OutboxEmail)) == 1
        assert s.scalar(sa.select(sa.func.count()).select_from(m.BudgetMovement)) == 1
        statuses = sorted(s.scalars(sa.select(m.Application.status).where(m.Application.id.in_(ids))))
        assert statuses == sorted([ApplicationStatus.APPROVED, ApplicationStatus.UNDER_REVIEW])
        assert check_money(s).ok


def test_the_second_approval_after_the_first_committed_is_refused_too(uow: Callable[[], Any]) -> None:
    seeded, ids = _two_applications_of_one_applicant(uow)
    with uow() as u:
        decisions.approve(u, ids[0], seeded.officer_id, signer=None, today=rs.TODAY, now=NOW)
    with uow() as u, pytest.raises(decisions.NotEligible):  # the checklist sees the grant first
        decisions.approve(u, ids[1], seeded.officer_id, signer=None, today=rs.TODAY, now=NOW)
    assert rs.budget_committed(uow, seeded.programme_id) == 30_000


# --- signing holds no row lock (issue 7 item 6) -------------------------------------------------


def _signer_that(token: Any, during: Callable[[], None]) -> decisions.Signer:
    def sign(payload: bytes) -> signing.SignedBlob:
        during()  # while the "card" signs: what can others do meanwhile?
        return signing.sign_bytes(token.module, payload, token.user_pin, expected_cert_der=token.cert_der)
    return sign


@pytest.mark.pkcs11
def test_the_application_row_is_not_locked_while_the_card_signs(
        engine: sa.Engine, uow: Callable[[], Any], soft_token: Any) -> None:
    seeded = rs.seed(uow, grants_budget=2, applications=1, officer_cert=soft_token.cert_der)
    app_id = seeded.application_ids[0]
    with uow() as u:
        assignment.claim(u, app_id, seeded.officer_id, now=NOW)
    seen: list[int] = []

    def lock_it_elsewhere() -> None:
        with engine.begin() as conn:  # NOWAIT: fails at once if the decision held the row
            lock = " FOR UPDATE NOWAIT" if engine.dialect.name == "postgresql" else ""
            seen.append(conn.scalar(sa.text(f"SELECT id FROM applications WHERE id = :i{lock}"), {"i": app_id}))

    with uow() as u:
        result = decisions.approve(u, app_id, seeded.officer_id, signer=_signer_that(soft_token, lock_it_elsewhere),
                                   today=rs.TODAY, now=NOW)
    assert seen == [app_id] and result.status == "approved" and result.signed


@pytest.mark.pkcs11
def test_a_case_changed_while_the_card_signs_is_refused_and_nothing_is_written(
        engine: sa.Engine, uow: Callable[[], Any], soft_token: Any) -> None:
    seeded = rs.seed(uow, grants_budget=2, applications=1, officer_cert=soft_token.cert_der)
    app_id = seeded.application_ids[0]
    with uow() as u:
        assignment.claim(u, app_id, seeded.officer_id, now=NOW)

    def change_it() -> None:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE applications SET version = version + 1 WHERE id = :i"), {"i": app_id})

    with uow() as u, pytest.raises(decisions.DecisionConflict):
        decisions.approve(u, app_id, seeded.officer_id, signer=_signer_that(soft_token, change_it),
                          today=rs.TODAY, now=NOW)
    assert rs.budget_committed(uow, seeded.programme_id) == 0
    with uow() as u:
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.Decision)) == 0
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.Grant)) == 0


def test_db_verify_command_reports_a_budget_off_its_movements(engine: sa.Engine, uow: Callable[[], Any]) -> None:
    programme_id, _, _ = _granted(uow)
    url = engine.url.render_as_string(hide_password=False)

    def verify() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "backoffice.cli", "db", "verify", "--json", "--url", url],
                              capture_output=True, text=True, timeout=120, cwd=ROOT)

    ok = verify()
    assert ok.returncode == 0 and json.loads(ok.stdout)["ok"] is True, ok.stderr
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE budgets SET committed = committed - 1 WHERE programme_id = :p"),
                     {"p": programme_id})
    bad = verify()
    assert bad.returncode == 1
    assert [row[1:] for row in json.loads(bad.stdout)["budgets_off"]] == [[29_999, 30_000]]
