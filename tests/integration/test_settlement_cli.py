"""`backoffice-admin settlement ...` as a subprocess on both databases, with a SoftHSM2 token:
the whole flow check -> batch create -> approve (card) -> export -> reconcile, JSON shapes, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from tests.support import finance_seed as fs
from tests.support.softhsm import WRONG_PIN

pytestmark = [pytest.mark.pkcs11]


def run(url: str, *args: str, pin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("BACKOFFICE_PIN", None)
    env["BACKOFFICE_DATABASE_URL"] = url
    if pin is not None:
        env["BACKOFFICE_PIN"] = pin
    return subprocess.run([sys.executable, "-m", "backoffice.cli", *args], capture_output=True, text=True, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)


def doc(url: str, *args: str, code: int = 0, pin: str | None = None) -> dict[str, Any]:
    p = run(url, *args, "--json", pin=pin)
    assert p.returncode == code, p.stderr
    lines = p.stdout.strip().splitlines()
    assert len(lines) == 1
    out = json.loads(lines[0])
    assert isinstance(out, dict)
    return out


def test_the_finance_flow_from_the_command_line(engine: sa.Engine, uow: Any, soft_token: Any, tmp_path: Path) -> None:
    sc = fs.scenario(uow, approver_cert=soft_token.cert_der)
    url = engine.url.render_as_string(hide_password=False)
    check = doc(url, "settlement", "check", "--as-of", "2026-03-02")
    assert check["payable"] == 4 and check["rejected"] == 0
    assert {h["claim"]: h["reasons"] for h in check["held"]}["SC-OPEN"] == ["term_not_ended", "refund_open"]
    assert doc(url, "settlement", "check", "--as-of", "2026-03-02") == check  # idempotent

    made = doc(url, "settlement", "batch", "create", "--vendor", "V000", "--paid-on", "2026-03-05",
               "--officer", str(sc.finance_id), "--as-of", "2026-03-02")
    assert [{k: b[k] for k in ("vendor", "claims", "total")} for b in made["batches"]] == [
        {"vendor": "V000", "claims": 2, "total": 50_000}]
    batch = str(made["batches"][0]["id"])
    token = ["--pkcs11-module", soft_token.module, "--token-label", soft_token.label]

    p = run(url, "settlement", "batch", "approve", batch, "--officer", str(sc.finance_id), *token, "--json",
            pin=soft_token.user_pin)
    assert p.returncode == 1 and "four eyes" in p.stderr  # the preparer
    p = run(url, "settlement", "batch", "approve", batch, "--officer", str(sc.officer_id), *token, "--json",
            pin=soft_token.user_pin)
    assert p.returncode == 1 and "permission denied" in p.stderr  # a case officer
    p = run(url, "settlement", "batch", "approve", batch, "--officer", str(sc.finance2_id), *token, "--json",
            pin=WRONG_PIN)
    assert p.returncode == 4 and WRONG_PIN not in p.stderr + p.stdout
    approved = doc(url, "settlement", "batch", "approve", batch, "--officer", str(sc.finance2_id), *token,
                   pin=soft_token.user_pin)
    assert approved["signed"] is True and approved["status"] == "approved"

    out = doc(url, "settlement", "batch", "export", batch, "--out", str(tmp_path / "pay.csv"))
    assert out["lines"] == 2 and len(out["sha256"]) == 64
    again = doc(url, "settlement", "batch", "export", batch, "--out", str(tmp_path / "pay2.csv"))
    assert again["sha256"] == out["sha256"]
    xlsx = doc(url, "settlement", "batch", "export", batch, "--out", str(tmp_path / "pay.xlsx"))
    assert xlsx["lines"] == 2
    header, *rows = (tmp_path / "pay.csv").read_text(encoding="utf-8").splitlines()
    assert {"reference", "vendor_ubn", "amount"} <= set(header.split(","))
    refs = [r.split(",")[1] for r in rows]

    bank = tmp_path / "bank.csv"
    bank.write_text("reference,amount,paid_on,status,reason\n"
                    f"{refs[0]},30000,2026-03-05,paid,\n{refs[1]},1,2026-03-05,paid,\n", encoding="utf-8")
    bad = doc(url, "settlement", "reconcile", str(bank), code=1)
    assert bad == {"paid": 0, "failed": 0, "rejected": [{"row": 3, "reason": bad["rejected"][0]["reason"]}]}
    assert bad["rejected"][0]["reason"].startswith("amount_mismatch")
    bank.write_text("reference,amount,paid_on,status,reason\n"
                    f"{refs[0]},30000,2026-03-05,paid,\n{refs[1]},0,,failed,戶名不符\n", encoding="utf-8")
    assert doc(url, "settlement", "reconcile", str(bank)) == {"paid": 1, "failed": 1, "rejected": []}
    p = run(url, "settlement", "reconcile", str(bank), "--json")
    assert p.returncode == 1 and "nothing to reconcile" in p.stderr
    with uow() as u:
        paid = u.session.scalars(sa.select(m.SettlementClaim.external_id)
                                 .where(m.SettlementClaim.status == "paid")).all()
    assert len(paid) == 1


def test_nothing_to_batch_and_an_unknown_vendor(engine: sa.Engine, uow: Any) -> None:
    sc = fs.scenario(uow)
    url = engine.url.render_as_string(hide_password=False)
    p = run(url, "settlement", "batch", "create", "--vendor", "V999", "--paid-on", "2026-03-05",
            "--officer", str(sc.finance_id), "--json")
    assert p.returncode == 2 and "unknown vendor" in p.stderr
    doc(url, "settlement", "batch", "create", "--all", "--paid-on", "2026-03-05", "--officer", str(sc.finance_id))
    p = run(url, "settlement", "batch", "create", "--all", "--paid-on", "2026-03-05", "--officer",
            str(sc.finance_id), "--json")
    assert p.returncode == 1 and "no payable claim" in p.stderr


def test_tax95a_export_from_the_command_line(engine: sa.Engine, uow: Any, tmp_path: Path) -> None:
    from datetime import UTC, date, datetime

    from tests.integration.test_tax95a import pay_all

    sc = fs.scenario(uow, demo=True)
    pay_all(uow, sc, date(2025, 12, 20), datetime(2026, 1, 5, 2, tzinfo=UTC), tmp_path)
    url = engine.url.render_as_string(hide_password=False)
    args = ("tax95a", "export", "--year", "2025", "--vendor", "V001", "--as-of", "2026-01-10", "--no-pdf")
    first = doc(url, *args, "--out", str(tmp_path / "a"))
    assert first["statements"] == 2 and first["total"] == 60_000
    assert sorted(Path(f["path"]).name for f in first["files"]) == ["22099131.114.U8", "95A-2025-22099131.xlsx"]
    again = doc(url, *args, "--out", str(tmp_path / "b"))
    assert [f["sha256"] for f in again["files"]] == [f["sha256"] for f in first["files"]]
