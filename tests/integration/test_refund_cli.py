"""`backoffice-admin refund ...` (its main, in this process) on SQLite and PostgreSQL, signing on SoftHSM2."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.cli import main
from backoffice.db import models as m
from backoffice.db.enums import Party, RefundStatus
from tests.integration.test_refunds import E_OVER_HALF, E_UNDER_HALF, F, cards, holders  # noqa: F401
from tests.support import refund_seed as rs
from tests.support.softhsm import SOFTHSM_MODULE, WRONG_PIN, SoftToken

pytestmark = [pytest.mark.pkcs11]
LIST_KEYS = {"id", "termination", "order", "state", "window_ends_on", "months_used", "points_refund",
             "self_pay_refund"}


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


class Admin:
    """``backoffice-admin refund ...`` run in this process (the same ``main`` the script calls)."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self.url, self.capsys, self.monkeypatch = url, capsys, monkeypatch

    def __call__(self, *args: str, pin: str | None = None) -> Run:
        self.monkeypatch.setenv("BACKOFFICE_DATABASE_URL", self.url)
        if pin is None:
            self.monkeypatch.delenv("BACKOFFICE_PIN", raising=False)
        else:
            self.monkeypatch.setenv("BACKOFFICE_PIN", pin)
        self.capsys.readouterr()
        code = main(["refund", *args])
        out = self.capsys.readouterr()
        return Run(code, out.out, out.err)


def ok(result: Run) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def admin(engine: sa.Engine, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Admin:
    return Admin(engine.url.render_as_string(hide_password=False), capsys, monkeypatch)


def test_refund_commands_from_dispute_to_verified_posting(admin: Admin, uow: Any, cards: SoftToken,  # noqa: F811
                                                          holders: tuple[Any, Any]) -> None:  # noqa: F811
    with uow() as u:
        w = rs.world(u.session, supervisor_cert=holders[0].der, supervisor2_cert=holders[1].der)
        cid = rs.add_case(u.session, w, filed_on=F, effective_on=E_OVER_HALF, status=RefundStatus.DISPUTED,
                          confirmations=((Party.APPLICANT, False),))
        waiting = rs.add_case(u.session, w, filed_on=date(2020, 1, 1), effective_on=E_OVER_HALF)
        u.commit()
    rows = ok(admin("list", "--state", "disputed", "--json"))
    assert [r["id"] for r in rows] == [cid] and set(rows[0]) == LIST_KEYS
    assert rows[0]["months_used"] == 6 and rows[0]["self_pay_refund"] == 0
    assert ok(admin("escalate", "--as-of", "2026-06-24", "--json")) == {"escalated": 1}
    assert ok(admin("escalate", "--as-of", "2026-06-24", "--json")) == {"escalated": 0}
    doc = ok(admin("resolve", str(cid), "--officer", str(w.officer_id), "--effective-on",
                   E_UNDER_HALF.isoformat(), "--reason", "服務紀錄", "--json"))
    assert (doc["state"], doc["months_used"], doc["points_refund"], doc["self_pay_refund"]) == \
        ("resolved", 5, 17_500, 23_333)
    assert ok(admin("submit", str(cid), "--officer", str(w.officer_id), "--json"))["state"] == "submitted"
    sign = ("--pkcs11-module", SOFTHSM_MODULE, "--token-label", cards.label, "--json")
    # Four eyes / role / state: exit 1 with one line, before any PIN is asked.
    r = admin("approve", str(cid), "--supervisor", str(w.officer_id), *sign, pin=cards.user_pin)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and r.stdout == ""
    r = admin("approve", str(waiting), "--supervisor", str(w.supervisor_id), *sign, pin=cards.user_pin)
    assert r.returncode == 1 and "escalated" in r.stderr
    r = admin("approve", str(cid), "--supervisor", str(w.supervisor_id), *sign, pin="")
    assert r.returncode == 2 and "PIN" in r.stderr  # an empty PIN is a usage error, never sent to the card
    r = admin("approve", str(cid), "--supervisor", str(w.supervisor_id), *sign, pin=WRONG_PIN)
    assert r.returncode == 4, r.stderr
    cards.good_login()  # clear COUNT_LOW for the next signature
    assert ok(admin("show", str(cid), "--json"))["state"] == "submitted"
    r = admin("verify", str(cid), "--json")
    assert r.returncode == 1 and json.loads(r.stdout) == {"ok": False, "status": "unsigned"}
    doc = ok(admin("approve", str(cid), "--supervisor", str(w.supervisor_id), *sign, pin=cards.user_pin))
    assert doc["state"] == "approved" and doc["signed"] is True
    show = ok(admin("show", str(cid), "--json"))
    assert LIST_KEYS | {"confirmations", "history", "clauses", "returned_on", "return_lot", "forfeited"} <= set(show)
    assert show["return_lot"]["points"] == 17_500 and show["forfeited"] is False
    assert [h["action"] for h in show["history"]] == ["resolve", "submit", "approve"]
    assert "須知七(六)1" in show["clauses"]
    assert ok(admin("verify", str(cid), "--json")) == {"ok": True, "status": "valid"}
    with uow() as u:
        u.session.execute(sa.update(m.RefundConfirmation).values(note="改過的意見"))
        u.commit()
    r = admin("verify", str(cid), "--json")
    assert r.returncode == 1 and json.loads(r.stdout) == {"ok": False, "status": "payload_mismatch"}
