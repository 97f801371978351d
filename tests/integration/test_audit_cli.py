"""``backoffice-admin audit checkpoint|verify`` as the installed command, on SQLite and PostgreSQL:
unsigned and card-signed checkpoints, the PIN rules, exit 1 with the first broken link."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.integration.test_audit_verify import anchors, decided  # noqa: F401 - fixtures
from tests.support import review_seed as rs
from tests.support.tamper import run

pytestmark = [pytest.mark.pkcs11]
ROOT = Path(__file__).resolve().parents[2]  # `python -m` from here runs this checkout's code


def admin(engine: sa.Engine, *args: str, pin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)  # SOFTHSM2_CONF of the soft_token fixture included
    env["BACKOFFICE_DATABASE_URL"] = engine.url.render_as_string(hide_password=False)
    env.pop("BACKOFFICE_PIN", None)
    if pin is not None:
        env["BACKOFFICE_PIN"] = pin
    return subprocess.run([sys.executable, "-m", "backoffice.cli", "audit", *args], capture_output=True, text=True,
                          env=env, timeout=120, stdin=subprocess.DEVNULL, cwd=ROOT)


def test_checkpoint_then_verify_then_tamper(engine: sa.Engine, decided: rs.Seeded, anchors: Path,  # noqa: F811
                                            tmp_path: Path) -> None:
    cp = tmp_path / "checkpoint.txt"
    made = admin(engine, "checkpoint", "--out", str(cp), "--json")
    assert made.returncode == 0, made.stderr
    doc = json.loads(made.stdout)
    assert doc["seq"] >= 4 and not doc["signed"] and f"seq: {doc['seq']}" in cp.read_text(encoding="utf-8")
    ok = admin(engine, "verify", "--checkpoint", str(cp), "--trust-dir", str(anchors), "--json")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert json.loads(ok.stdout)["ok"] is True
    run(engine, "UPDATE audit_events SET action = 'x' WHERE seq = 3")
    broken = admin(engine, "verify", "--checkpoint", str(cp), "--trust-dir", str(anchors), "--json")
    assert broken.returncode == 1
    first = json.loads(broken.stdout)["first_broken"]
    assert first["seq"] == 3 and first["check"] == "chain" and "edited" in first["what"]
    human = admin(engine, "verify", "--trust-dir", str(anchors))
    assert human.returncode == 1 and "seq 3" in human.stdout and "Traceback" not in human.stderr
    cp.write_bytes(b"\xff\xfe not a checkpoint")
    bad = admin(engine, "verify", "--checkpoint", str(cp))
    assert bad.returncode == 2 and "line 1" not in bad.stderr and "checkpoint" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_a_checkpoint_signed_with_a_supervisors_card(engine: sa.Engine, decided: rs.Seeded,  # noqa: F811
                                                     soft_token: Any, tmp_path: Path) -> None:
    with engine.begin() as conn:  # the card's officer is a supervisor too
        conn.execute(sa.text("INSERT INTO officer_roles (officer_id, role) VALUES (:o, 'supervisor')"),
                     {"o": decided.officer_id})
    cp = tmp_path / "signed.txt"
    args = ("checkpoint", "--out", str(cp), "--pkcs11-module", soft_token.module, "--token-label", soft_token.label)
    empty = admin(engine, *args, pin="")
    assert empty.returncode == 2 and "PIN" in empty.stderr and not cp.exists()
    wrong = admin(engine, *args, pin="000000")
    assert wrong.returncode == 4 and "Traceback" not in wrong.stderr and not cp.exists()
    signed = admin(engine, *args, "--json", pin=soft_token.user_pin)
    assert signed.returncode == 0, signed.stderr
    assert json.loads(signed.stdout)["signed"] is True and soft_token.user_pin not in signed.stdout + signed.stderr
    assert admin(engine, "verify", "--checkpoint", str(cp)).returncode == 0
    text = cp.read_text(encoding="utf-8")
    seq_line = next(line for line in text.splitlines() if line.startswith("seq: "))
    cp.write_text(text.replace(seq_line, f"seq: {int(seq_line[5:]) - 1}"), encoding="utf-8")
    forged = admin(engine, "verify", "--checkpoint", str(cp), "--json")
    assert forged.returncode == 1
    assert "signature does not verify" in json.loads(forged.stdout)["first_broken"]["what"]
