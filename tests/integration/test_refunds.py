"""The refunds desk on SQLite and PostgreSQL: the state machine called directly, four eyes, signed
approval and return through PKCS#11 (SoftHSM2), posting, re-verification, escalation."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import LedgerKind, Party, RefundStatus, TerminationStatus
from backoffice.services.authz import PermissionDenied
from backoffice.services.refunds import errors, queries, signed, workflow
from backoffice.smartcard import signing
from tests.support import refund_seed as rs
from tests.support.pki import build_test_pki
from tests.support.softhsm import SoftToken, make_soft_token, softhsm_available

pytestmark = [pytest.mark.pkcs11]
S = RefundStatus
F = date(2026, 6, 10)  # filed; window ends 06-24
E_OVER_HALF = date(2026, 6, 30)  # 6 of 12 months used: self-pay kept
E_UNDER_HALF = date(2026, 5, 31)  # 5 of 12 months: both refunded
APPROVED_AT = datetime(2026, 6, 30, 3, 0, tzinfo=UTC)  # R = 115/06/30 Taipei


@pytest.fixture(scope="session")
def holders() -> tuple[Any, Any]:
    pki = build_test_pki()
    return (pki.issue("moica", name="林主管", id_last4="1111", subject_type="citizen"),
            pki.issue("moica", name="張主管", id_last4="2222", subject_type="citizen"))


@pytest.fixture
def cards(tmp_path: Path, holders: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> SoftToken:
    """One SoftHSM2 token holding both supervisors' keys (SOFTHSM2_CONF is per process)."""
    if not softhsm_available():
        pytest.skip("SoftHSM2 is not installed")
    token = make_soft_token(tmp_path / "hsm", holders[0], label="supervisors", extra=[holders[1]])
    monkeypatch.setenv("SOFTHSM2_CONF", str(token.conf))
    return token


_SIGN_LOCK = threading.Lock()


def signer_for(token: SoftToken, cert_der: bytes, barrier: threading.Barrier | None = None) -> Any:
    def sign(payload: bytes) -> signing.SignedBlob:
        with _SIGN_LOCK:  # one token signs one thing at a time
            blob = signing.sign_bytes(token.module, payload, token.user_pin, expected_cert_der=cert_der)
        if barrier is not None:
            barrier.wait(timeout=60)  # both approvals reach the database together
        return blob
    return sign


@pytest.fixture
def world(uow: Any, holders: tuple[Any, Any]) -> rs.RefundWorld:
    with uow() as u:
        w = rs.world(u.session, supervisor_cert=holders[0].der, supervisor2_cert=holders[1].der)
        u.commit()
    return w


def add_case(uow: Any, w: rs.RefundWorld, **kw: Any) -> int:
    with uow() as u:
        cid = rs.add_case(u.session, w, **kw)
        u.commit()
    return cid


def status_of(uow: Any, case_id: int) -> RefundStatus:
    with uow() as u:
        return u.session.get(m.RefundCase, case_id).status  # type: ignore[no-any-return, union-attr]


def events(uow: Any, case_id: int) -> list[str]:
    with uow() as u:
        return list(u.session.scalars(sa.select(m.RefundCaseEvent.action).where(
            m.RefundCaseEvent.case_id == case_id).order_by(m.RefundCaseEvent.id)))


def test_disputed_case_resolved_with_new_e_submitted_approved_posted_and_verified(
        uow: Any, world: rs.RefundWorld, cards: SoftToken, holders: tuple[Any, Any]) -> None:
    cid = add_case(uow, world, filed_on=F, effective_on=E_OVER_HALF, status=S.DISPUTED,
                   confirmations=((Party.VENDOR, True), (Party.APPLICANT, False)))
    with uow() as u:
        r = workflow.resolve(u, cid, world.officer_id, effective_on=E_UNDER_HALF,
                             reason="服務紀錄顯示 5/31 後未再登入", now=datetime(2026, 6, 26, 2, tzinfo=UTC))
    assert (r.from_status, r.status) == ("disputed", "resolved")
    with uow() as u:
        d = queries.case_detail(u, cid, today=date(2026, 6, 26))
        hist = d.history[-1]
    assert (d.row.months_used, d.row.points_refund, d.row.self_pay_refund) == (5, 17_500, 23_333)
    assert hist["details"]["old"]["months_used"] == 6 and hist["details"]["old"]["self_pay_refund"] == 0
    assert hist["details"]["new"]["self_pay_refund"] == 23_333 and "須知七(六)1" in d.clauses
    with uow() as u:
        workflow.submit(u, cid, world.officer_id)
    with uow() as u:
        out = workflow.approve(u, cid, world.supervisor_id, signer=signer_for(cards, holders[0].der),
                               now=APPROVED_AT)
    assert out.signed and out.status == "approved"
    with uow() as u:
        s = u.session
        case = s.get(m.RefundCase, cid)
        assert case is not None and case.returned_on == date(2026, 6, 30) and not case.forfeited
        lot = s.get(m.PointLot, case.return_lot_id)
        # later of period_end(D0+1, 3) (04-05) and the 5th working day after R (fallback calendar).
        assert lot is not None and lot.points == 17_500 and lot.valid_until == date(2026, 7, 7)
        term = s.get(m.Termination, case.termination_id)
        assert term is not None and term.status is TerminationStatus.CLOSED
        order = s.get(m.Order, term.order_id)
        assert order is not None and order.points_returned == 17_500
        assert case.self_pay_refund_due_on == date(2026, 7, 30)
        kinds = list(s.scalars(sa.select(m.LedgerEntry.kind).where(m.LedgerEntry.refund_case_id == cid)))
        assert kinds == [LedgerKind.REFUND_RETURN]
        mails = s.scalars(sa.select(m.OutboxEmail).order_by(m.OutboxEmail.id)).all()
        assert len(mails) == 2 and {x.to_address.split("@")[0][:4] for x in mails} == {"boss", "vend"}
        assert all("17,500" in x.body and "23,333" in x.body and "須知七(六)1" in x.body for x in mails)
        assert all("115/07/07" in x.body and "RULES" not in x.body for x in mails)
        audit = s.scalars(sa.select(m.AuditEvent.action).where(m.AuditEvent.entity_id == str(cid))).all()
        assert audit == ["refund.resolve", "refund.submit", "refund.approve"]
    with uow() as u:
        show = queries.case_detail(u, cid, today=date(2026, 7, 1)).cli_json()
    assert show["return_lot"] == {"points": 17_500, "valid_until": "2026-07-07"} and show["forfeited"] is False
    assert [c["party"] for c in show["confirmations"]] == ["vendor", "applicant"]
    with uow() as u:
        check = signed.verify_case(u, cid)
    assert check.ok and check.status == "valid" and "林主管" in (check.signer_subject or "")
    with uow() as u:  # the self-pay refund is owed by the vendor, then paid with its proof
        workflow.record_self_pay_refund(u, cid, world.officer_id, paid_on=date(2026, 7, 10), reference="匯款 A123")
    with uow() as u, pytest.raises(errors.SelfPayRefundError):
        workflow.record_self_pay_refund(u, cid, world.officer_id, paid_on=date(2026, 7, 11), reference="again")
    with uow() as u:  # any change to the stored case shows
        u.session.execute(sa.update(m.RefundCase).where(m.RefundCase.id == cid).values(
            points_used=m.RefundCase.points_used - 1, points_refund=m.RefundCase.points_refund + 1))
        u.commit()
    with uow() as u:
        check = signed.verify_case(u, cid)
    assert not check.ok and check.status == "payload_mismatch"


def test_a_confirmed_case_is_checked_and_submitted_without_resolution(
        uow: Any, world: rs.RefundWorld, cards: SoftToken, holders: tuple[Any, Any]) -> None:
    cid = add_case(uow, world, filed_on=F, effective_on=E_OVER_HALF, status=S.CONFIRMED,
                   confirmations=((Party.APPLICANT, True), (Party.VENDOR, True)))
    with uow() as u:
        workflow.submit(u, cid, world.officer2_id, note="雙方確認，金額無誤")
    with uow() as u:
        workflow.approve(u, cid, world.supervisor2_id, signer=signer_for(cards, holders[1].der), now=APPROVED_AT)
    with uow() as u:
        case = u.session.get(m.RefundCase, cid)
        assert case is not None and case.points_refund == 15_000 and case.self_pay_refund == 0
        assert case.self_pay_refund_due_on is None
        assert signed.verify_case(u, cid).ok
    assert events(uow, cid) == ["submit", "approve"]


def test_illegal_transitions_are_refused_by_the_service_and_write_nothing(
        uow: Any, world: rs.RefundWorld, cards: SoftToken, holders: tuple[Any, Any]) -> None:
    waiting = add_case(uow, world, filed_on=F, effective_on=E_OVER_HALF)
    disputed = add_case(uow, world, filed_on=F, effective_on=E_OVER_HALF, status=S.DISPUTED)
    sig = signer_for(cards, holders[0].der)
    refused: list[tuple[Any, type[Exception]]] = [
        (lambda u: workflow.resolve(u, waiting, world.officer_id, effective_on=E_UNDER_HALF, reason="x"),
         errors.InvalidTransition),
        (lambda u: workflow.submit(u, waiting, world.officer_id), errors.InvalidTransition),
        (lambda u: workflow.submit(u, disputed, world.officer_id), errors.InvalidTransition),
        (lambda u: workflow.approve(u, disputed, world.supervisor_id, signer=sig), errors.InvalidTransition),
        (lambda u: workflow.return_case(u, waiting, world.supervisor_id, reason="x", signer=sig),
         errors.InvalidTransition),
        (lambda u: workflow.resolve(u, disputed, world.officer_id, effective_on=E_UNDER_HALF, reason=" "),
         errors.ReasonRequired),
        (lambda u: workflow.resolve(u, disputed, world.officer_id, effective_on=date(2027, 2, 1), reason="x"),
         errors.InvalidEffectiveDate),
        (lambda u: workflow.resolve(u, disputed, None, effective_on=E_UNDER_HALF, reason="x"), PermissionDenied),
    ]
    for call, exc in refused:
        with uow() as u, pytest.raises(exc):
            call(u)
    with uow() as u:
        workflow.resolve(u, disputed, world.officer_id, effective_on=E_UNDER_HALF, reason="紀錄")
    with uow() as u:
        workflow.submit(u, disputed, world.officer_id)
    with uow() as u, pytest.raises(PermissionDenied):  # an officer is no supervisor
        workflow.approve(u, disputed, world.officer2_id, signer=sig)
    with uow() as u, pytest.raises(errors.SignatureRequired):  # not a demo database: the card is required
        workflow.approve(u, disputed, world.supervisor_id, signer=None)
    with uow() as u, pytest.raises(errors.WrongSigningCard):  # B's card for A
        workflow.approve(u, disputed, world.supervisor_id, signer=signer_for(cards, holders[1].der))
    with uow() as u, pytest.raises(errors.ReasonRequired):
        workflow.return_case(u, disputed, world.supervisor_id, reason="", signer=sig)
    assert status_of(uow, waiting) is S.AWAITING_CONFIRMATION and events(uow, waiting) == []
    assert status_of(uow, disputed) is S.SUBMITTED and events(uow, disputed) == ["resolve", "submit"]
    with uow() as u:
        workflow.approve(u, disputed, world.supervisor_id, signer=sig, now=APPROVED_AT)
    with uow() as u, pytest.raises(errors.InvalidTransition):  # posted once, never twice
        workflow.approve(u, disputed, world.supervisor2_id, signer=signer_for(cards, holders[1].der))


def test_four_eyes_a_supervisor_who_handled_the_case_cannot_approve_or_return_it(
        uow: Any, world: rs.RefundWorld, cards: SoftToken, holders: tuple[Any, Any]) -> None:
    cid = add_case(uow, world, filed_on=F, effective_on=E_OVER_HALF, status=S.ESCALATED)
    sig_a = signer_for(cards, holders[0].der)
    with uow() as u:  # supervisor A resolves the case themselves
        workflow.resolve(u, cid, world.supervisor_id, effective_on=E_OVER_HALF, reason="查無爭議")
    with uow() as u:
        workflow.submit(u, cid, world.officer_id)
    for call in (lambda u: workflow.approve(u, cid, world.supervisor_id, signer=sig_a),
                 lambda u: workflow.return_case(u, cid, world.supervisor_id, reason="再查", signer=sig_a)):
        with uow() as u, pytest.raises(errors.FourEyesViolation) as info:
            call(u)
        assert info.value.roles_held == ("prepared", "resolved")
    assert status_of(uow, cid) is S.SUBMITTED
    with uow() as u:
        workflow.approve(u, cid, world.supervisor2_id, signer=signer_for(cards, holders[1].der), now=APPROVED_AT)
    assert status_of(uow, cid) is S.APPROVED


def test_returned_case_is_resolved_again_resubmitted_and_approved(
        uow: Any, world: rs.RefundWorld, cards: SoftToken, holders: tuple[Any, Any]) -> None:
    cid = add_case(uow, world, filed_on=F, effective_on=E_OVER_HALF, status=S.DISPUTED)
    sig_a = signer_for(cards, holders[0].der)
    with uow() as u:
        workflow.resolve(u, cid, world.officer_id, effective_on=E_OVER_HALF, reason="依供應商紀錄")
    with uow() as u:
        workflow.submit(u, cid, world.officer_id)
    with uow() as u:
        ret = workflow.return_case(u, cid, world.supervisor_id, reason="請附服務紀錄", signer=sig_a)
    assert ret.signed and ret.status == "returned"
    with uow() as u:
        check = signed.verify_case(u, cid)
    assert check.ok and check.decision == "return"
    with uow() as u, pytest.raises(errors.InvalidTransition):  # returned: resolve again first
        workflow.submit(u, cid, world.officer_id)
    from backoffice.services.applications.attachments import InvalidAttachment, demo_form3_png

    with uow() as u, pytest.raises(InvalidAttachment):  # only what the viewer can show
        workflow.add_evidence(u, cid, world.officer_id, filename="log.pdf", media_type="application/pdf",
                              content=b"%PDF-1.4 not really")
    log = demo_form3_png("雲端廠商", "04595257")
    with uow() as u:
        eid = workflow.add_evidence(u, cid, world.officer_id, filename="log.png", media_type="image/png",
                                    content=log)
        workflow.resolve(u, cid, world.officer2_id, effective_on=E_UNDER_HALF, reason="紀錄顯示 5/31 停用",
                         evidence_ids=(eid,))
    with uow() as u:
        workflow.submit(u, cid, world.officer2_id)
    with uow() as u:
        workflow.approve(u, cid, world.supervisor_id, signer=sig_a, now=APPROVED_AT)
    assert events(uow, cid) == ["resolve", "submit", "return", "resolve", "submit", "approve"]
    with uow() as u:
        assert queries.evidence_content(u, eid)[2] == log
        assert queries.render_evidence(u, eid).png.startswith(b"\x89PNG")
        assert signed.verify_case(u, cid).ok


def test_points_returned_after_the_subsidy_deadline_are_forfeited(uow: Any, holders: tuple[Any, Any],
                                                                  cards: SoftToken) -> None:
    with uow() as u:
        w = rs.world(u.session, supervisor_cert=holders[0].der, deadline=date(2026, 6, 29))
        u.commit()
    cid = add_case(uow, w, filed_on=F, effective_on=E_OVER_HALF, status=S.CONFIRMED)
    with uow() as u:
        workflow.submit(u, cid, w.officer_id)
    with uow() as u:
        workflow.approve(u, cid, w.supervisor_id, signer=signer_for(cards, holders[0].der), now=APPROVED_AT)
    with uow() as u:
        show = queries.case_detail(u, cid, today=date(2026, 7, 1)).cli_json()
        kinds = list(u.session.scalars(sa.select(m.LedgerEntry.kind).where(m.LedgerEntry.refund_case_id == cid)
                                       .order_by(m.LedgerEntry.id)))
    assert show["forfeited"] is True and show["return_lot"] is None
    assert kinds == [LedgerKind.REFUND_RETURN, LedgerKind.FORFEIT]


def test_escalate_moves_only_cases_past_their_window_in_one_go_and_is_idempotent(
        uow: Any, world: rs.RefundWorld) -> None:
    due = [add_case(uow, world, filed_on=date(2026, 6, d), effective_on=E_OVER_HALF) for d in (1, 9, 10)]
    later = add_case(uow, world, filed_on=date(2026, 6, 11), effective_on=E_OVER_HALF)  # window ends 06-25
    disputed = add_case(uow, world, filed_on=date(2026, 6, 1), effective_on=E_OVER_HALF, status=S.DISPUTED)
    confirmed = add_case(uow, world, filed_on=date(2026, 6, 1), effective_on=E_OVER_HALF, status=S.CONFIRMED)
    with uow() as u:
        assert workflow.escalate(u, date(2026, 6, 24)) == 3
    with uow() as u:
        assert workflow.escalate(u, date(2026, 6, 24)) == 0
    assert [status_of(uow, c) for c in due] == [S.ESCALATED] * 3
    assert status_of(uow, later) is S.AWAITING_CONFIRMATION
    assert (status_of(uow, disputed), status_of(uow, confirmed)) == (S.DISPUTED, S.CONFIRMED)
    assert all(events(uow, c) == ["escalate"] for c in due) and events(uow, later) == []
    with uow() as u:  # one audit event for the run, naming the history rows it wrote (one per case)
        audited = u.session.execute(sa.select(m.AuditEvent.action, m.AuditEvent.details).where(
            m.AuditEvent.action.like("refund.escalate%"))).all()
        assert [a for a, _ in audited] == ["refund.escalate_run"]
        first, last = audited[0][1]["history_ids"]
        named = u.session.scalars(sa.select(m.RefundCaseEvent.case_id).where(
            m.RefundCaseEvent.id.between(first, last))).all()
    assert audited[0][1]["escalated"] == 3 and sorted(named) == sorted(due)
    with uow() as u:
        assert queries.counts(u, today=date(2026, 6, 24)).escalated == 3


def test_two_supervisors_approving_at_once_post_the_case_exactly_once(
        db_backend: str, uow: Any, world: rs.RefundWorld, cards: SoftToken, holders: tuple[Any, Any]) -> None:
    if db_backend != "postgresql":
        pytest.skip("SQLite has one writer at a time; the race is PostgreSQL's")
    cid = add_case(uow, world, filed_on=F, effective_on=E_UNDER_HALF, status=S.CONFIRMED)
    with uow() as u:
        workflow.submit(u, cid, world.officer_id)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(supervisor_id: int, cert: bytes) -> None:
        try:
            with uow() as u:
                workflow.approve(u, cid, supervisor_id, signer=signer_for(cards, cert, barrier), now=APPROVED_AT)
            outcomes.append("approved")
        except errors.InvalidTransition:
            outcomes.append("refused")

    threads = [threading.Thread(target=approve, args=(world.supervisor_id, holders[0].der)),
               threading.Thread(target=approve, args=(world.supervisor2_id, holders[1].der))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(outcomes) == ["approved", "refused"]
    with uow() as u:
        s = u.session
        assert s.scalar(sa.select(sa.func.count()).select_from(m.LedgerEntry)
                        .where(m.LedgerEntry.refund_case_id == cid)) == 1
        assert s.scalar(sa.select(sa.func.count()).select_from(m.PointLot).where(m.PointLot.points == 17_500)) == 1
        order_id = s.scalar(sa.select(m.Termination.order_id).join(m.RefundCase).where(m.RefundCase.id == cid))
        assert s.get(m.Order, order_id).points_returned == 17_500  # type: ignore[union-attr]
        assert s.scalar(sa.select(sa.func.count()).select_from(m.OutboxEmail)) == 2
    assert events(uow, cid) == ["submit", "approve"]


def test_the_dashboard_counts_open_refunds_and_overdue_self_pay_refunds(uow: Any, world: rs.RefundWorld) -> None:
    from backoffice.services.dashboard import programme_overview

    cid = add_case(uow, world, filed_on=F, effective_on=E_UNDER_HALF, status=S.CONFIRMED)
    add_case(uow, world, filed_on=F, effective_on=E_OVER_HALF, status=S.DISPUTED)
    with uow() as u:
        u.session.execute(sa.update(m.Programme).values(is_demo=True))  # unsigned approval allowed
        u.commit()
    with uow() as u:
        workflow.submit(u, cid, world.officer_id)
    with uow() as u:
        workflow.approve(u, cid, world.supervisor_id, signer=None, now=APPROVED_AT)  # due 07-30
    with uow() as u:
        before, after = programme_overview(u, date(2026, 7, 30)), programme_overview(u, date(2026, 7, 31))
    assert before.refund_cases_open == 1 and before.refund_cases_by_status["approved"] == 1
    assert (before.refund_self_pay_overdue, after.refund_self_pay_overdue) == (0, 1)
    with uow() as u:
        workflow.record_self_pay_refund(u, cid, world.officer_id, paid_on=date(2026, 7, 31), reference="匯款 1")
    with uow() as u:
        assert programme_overview(u, date(2026, 8, 1)).refund_self_pay_overdue == 0
