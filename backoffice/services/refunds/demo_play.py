"""Demo refund desk (示範資料): after the demo feed is imported, play the desk's work so the demo
shows cases in every state: escalated, resolved (with a different E), submitted, approved and
posted (some with a self-pay refund owed, some paid), returned to the officer.

Only on a demo database (decisions are unsigned there); every step goes through the service, so
the history, the audit log, the ledger and the outbox are what real work would leave.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import RefundStatus, Role
from backoffice.services.authz import pure, system_job
from backoffice.services.refunds import workflow

S = RefundStatus
# What happens to the n-th case the officers took up (cycled): how far along the desk it got.
_DISPUTED_PLAN = ("leave", "resolve", "submit", "approve", "return", "approve_paid")
_CONFIRMED_PLAN = ("leave", "submit", "approve", "approve_paid")


def _officers(session: Any) -> tuple[int, int, int]:
    """(officer, second officer, supervisor) of the demo staff."""
    rows = session.execute(sa.select(m.Officer.id, m.OfficerRole.role).join(m.OfficerRole)
                           .order_by(m.Officer.id)).all()
    sup = next(i for i, r in rows if r is Role.SUPERVISOR)
    plain = [i for i, r in rows if r is Role.OFFICER and i != sup]
    return plain[0], plain[1] if len(plain) > 1 else plain[0], sup


@pure
def service_log_png(order: str, vendor: str, last_day: date) -> bytes:
    """A vendor's service log (服務紀錄) as a 'scanned' PNG: the evidence of a demo finding."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    from backoffice.policy.dates import roc_short
    from backoffice.services.applications.attachments import CJK_FONT

    image = Image.new("L", (640, 420), 247)
    draw = ImageDraw.Draw(image)
    try:
        font: Any = ImageFont.truetype(str(CJK_FONT), 22)
        small: Any = ImageFont.truetype(str(CJK_FONT), 17)
    except OSError:  # no CJK font installed: the scan still shows its frame
        font = small = ImageFont.load_default()
    draw.text((36, 28), f"{vendor} 服務使用紀錄", fill=20, font=font)
    draw.text((36, 70), f"訂單 {order}", fill=40, font=small)
    draw.rectangle((30, 105, 610, 380), outline=70, width=2)
    for i, days in enumerate((40, 25, 12, 3, 0)):
        day = last_day - timedelta(days=days)
        draw.text((50, 120 + i * 44), f"{roc_short(day)}  使用者登入／資料同步  正常", fill=30, font=small)
    draw.text((50, 345), f"最後一次使用：{roc_short(last_day)}", fill=10, font=small)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _at(day: date) -> datetime:
    return datetime.combine(day, time(2, 30), UTC)  # 10:30 Taipei


@system_job("demo data")
def play_refund_desk(uow_factory: Callable[[], Any], today: date) -> dict[str, int]:
    """Move the demo's refund cases through the desk as of ``today``; returns cases per action."""
    done: dict[str, int] = {}
    with uow_factory() as uow:
        ends = uow.session.scalars(sa.select(m.RefundCase.window_ends_on).distinct().where(
            m.RefundCase.status == S.AWAITING_CONFIRMATION, m.RefundCase.window_ends_on < today)
            .order_by(m.RefundCase.window_ends_on)).all()
    done["escalate"] = 0
    for end in ends:  # as the daily timer would have, the morning after each window ended
        with uow_factory() as uow:
            done["escalate"] += workflow.escalate(uow, end, now=_at(end + timedelta(days=1)))
    with uow_factory() as uow:
        officer, officer2, supervisor = _officers(uow.session)
        cases = uow.session.execute(
            sa.select(m.RefundCase.id, m.RefundCase.status, m.RefundCase.window_ends_on,
                      m.Termination.effective_on, m.Termination.filed_on)
            .join(m.Termination, m.Termination.id == m.RefundCase.termination_id)
            .where(m.RefundCase.status.in_((S.DISPUTED, S.ESCALATED, S.CONFIRMED)))
            .order_by(m.RefundCase.id)).all()
    handled = itertools.count()
    for case_id, status, window_end, effective_on, filed_on in cases:
        confirmed = status is S.CONFIRMED
        plan = _CONFIRMED_PLAN if confirmed else _DISPUTED_PLAN
        step = plan[next(handled) % len(plan)]
        # The officer acts a few days after the window (or the dispute), the supervisor a day later.
        act = min(today, (window_end if status is S.ESCALATED else max(filed_on, window_end - timedelta(days=7)))
                  + timedelta(days=3))
        if step == "leave":
            continue
        officer_id = officer2 if case_id % 2 else officer
        with uow_factory() as uow:
            if not confirmed:
                # The vendor's service log shows the last use a little earlier than the filing said.
                start = workflow.service_start(uow.session, uow.session.get(m.Termination, uow.session.scalar(
                    sa.select(m.RefundCase.termination_id).where(m.RefundCase.id == case_id))))
                new_e = max(start, effective_on - timedelta(days=10 * (case_id % 3)))
                order, vendor = uow.session.execute(
                    sa.select(m.Order.external_id, m.Vendor.name).join(m.Vendor, m.Vendor.id == m.Order.vendor_id)
                    .join(m.Termination, m.Termination.order_id == m.Order.id)
                    .join(m.RefundCase, m.RefundCase.termination_id == m.Termination.id)
                    .where(m.RefundCase.id == case_id)).one()
                evidence = workflow.add_evidence(uow, case_id, officer_id, filename=f"service-log-{order}.png",
                                                 media_type="image/png", now=_at(act),
                                                 content=service_log_png(order, vendor, new_e))
                workflow.resolve(uow, case_id, officer_id, effective_on=new_e, now=_at(act), evidence_ids=(evidence,),
                                 reason="依供應商服務紀錄認定最後服務日" if new_e != effective_on else "查核雙方說明，維持原計算")
        done[step] = done.get(step, 0) + 1
        if step == "resolve":
            continue
        with uow_factory() as uow:
            workflow.submit(uow, case_id, officer_id, now=_at(act), note="已核對金額與條款")
        if step == "submit":
            continue
        decide = min(today, act + timedelta(days=1))
        with uow_factory() as uow:
            if step == "return":
                workflow.return_case(uow, case_id, supervisor, reason="請補附供應商服務紀錄", signer=None,
                                     now=_at(decide))
                continue
            workflow.approve(uow, case_id, supervisor, signer=None, now=_at(decide))
        if step == "approve_paid":
            with uow_factory() as uow:
                case = uow.session.get(m.RefundCase, case_id)
                if case is not None and case.self_pay_refund > 0:
                    workflow.record_self_pay_refund(uow, case_id, officer_id,
                                                    paid_on=min(today, decide + timedelta(days=5)),
                                                    reference=f"匯款編號 DEMO-{case_id:05d}", now=_at(today))
    return done
