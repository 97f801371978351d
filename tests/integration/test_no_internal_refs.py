"""Internal references (``RULES §…``) never reach users: every text the services produce for a demo
database, rendered the way the screens render clauses, and every translation, is scanned."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import Role
from backoffice.policy import clauses
from backoffice.services.admin.demo import ensure_demo_data
from backoffice.services.admin.demo_feed import DEMO_TODAY
from backoffice.services.applications import decisions
from backoffice.services.applications.review import load_dossier
from backoffice.services.orders.orders_view import list_orders, order_detail
from backoffice.services.points.accounts import account_detail, list_accounts

pytestmark = pytest.mark.db
TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "backoffice_en.ts"
LANGS = ("zh_TW", "en")


def _texts(value: Any, field: str = "") -> Iterator[str]:
    """Every string a screen may show from a service result; clause references rendered as the
    screens render them (published clause, or 作業原則 spelled out) with their hover wording."""
    if isinstance(value, str):
        if "clause" in field:
            for lang in LANGS:
                yield clauses.shown(value, lang)
                yield clauses.wording(value, lang)
        else:
            yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _texts(getattr(value, f.name), f.name)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, field or str(k))
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _texts(v, field)


def _leaks(texts: Iterator[str]) -> list[str]:
    return sorted({t for t in texts if "RULES" in t})


def test_no_service_text_for_the_demo_database_names_an_internal_reference(uow: Any) -> None:
    assert ensure_demo_data(uow, applicants=40)
    today: date = DEMO_TODAY
    found: list[Any] = []
    with uow() as u:
        s = u.session
        app_ids = list(s.scalars(sa.select(m.Application.id).order_by(m.Application.id)))
        reader = s.scalar(sa.select(m.OfficerRole.officer_id).where(m.OfficerRole.role == Role.OFFICER)
                          .order_by(m.OfficerRole.officer_id))  # a demo officer reads the dossiers
        for app_id in app_ids:
            found.append(load_dossier(u, app_id, today=today, viewer=reader))
            for kind, extra in (("approve", {}), ("supplement", {"deadline": today, "note": "補件"})):
                found.append(decisions.preview_notification(u, app_id, kind, today=today, **extra))
            for code in decisions.REJECT_REASONS:
                found.append(decisions.preview_notification(u, app_id, "reject", today=today, reason_code=code,
                                                            note="說明"))
        found.extend(s.scalars(sa.select(m.OutboxEmail.body)))
        found.extend(s.scalars(sa.select(m.OutboxEmail.subject)))
        accounts = list_accounts(u, as_of=today, limit=500)
        found.append(accounts)
        for row in accounts.rows[:20]:
            found.append(account_detail(u, row.applicant_id, as_of=today))
        orders = list_orders(u, as_of=today, limit=500)
        found.append(orders)
        for row in orders.rows[:20]:
            found.append(order_detail(u, row.order_id, as_of=today))
    found.append(list(decisions.REJECT_REASONS.values()))
    found.append({"clauses": list(clauses.CLAUSES)})  # every clause we can cite, as shown
    found.append({"clause": "RULES §99 [decision: not in the table]"})  # an unknown one too
    assert len(app_ids) >= 40
    assert _leaks(_texts(found, "")) == []


def test_the_scan_catches_a_leak() -> None:
    assert _leaks(_texts({"body": "理由：逾期未補件（RULES §5 [decision]）"})) != []


def test_no_translation_names_an_internal_reference() -> None:
    text = TS.read_text(encoding="utf-8")
    leaks = [line.strip() for line in text.splitlines()
             if ("<translation" in line or "<source>" in line) and "RULES" in line]
    assert leaks == []
