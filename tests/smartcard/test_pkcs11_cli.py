"""`backoffice-admin card sign` end to end: a subprocess, the real SoftHSM2 module, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from backoffice.smartcard.signing import verify
from tests.support.pki import build_test_pki
from tests.support.softhsm import WRONG_PIN, SoftToken, spy_calls

pytestmark = pytest.mark.pkcs11


def _sign(token: SoftToken, tmp_path: Path, *extra: str, pin: str | None,
          module: str | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**token.env, "PYTHONIOENCODING": "utf-8"}
    env.pop("BACKOFFICE_PIN", None)
    if pin is not None:
        env["BACKOFFICE_PIN"] = pin
    source = tmp_path / "decision.txt"
    if not source.exists():
        source.write_text("核准 申請案 A-115-000123\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "backoffice.cli", "card", "sign", "--pkcs11-module", module or token.module,
         "--in", str(source), "--out", str(tmp_path / "decision.sig"), *extra],
        env=env, capture_output=True, text=True, timeout=120, input=stdin if stdin is not None else "",
    )


def test_sign_exit_0_writes_a_verifiable_signature(soft_token: SoftToken, tmp_path: Path) -> None:
    result = _sign(soft_token, tmp_path, "--cert-out", str(tmp_path / "signer.der"), "--json",
                   pin=soft_token.user_pin)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    signature = (tmp_path / "decision.sig").read_bytes()
    assert doc["signature_bytes"] == len(signature) == 256
    assert (tmp_path / "signer.der").read_bytes() == soft_token.cert_der
    assert verify((tmp_path / "decision.txt").read_bytes(), signature, soft_token.cert_der)
    assert soft_token.user_pin not in result.stdout + result.stderr


def test_wrong_pin_exit_4_tried_once(soft_token: SoftToken, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "spy.log"
    spy = soft_token.spy(log, monkeypatch)
    result = _sign(soft_token, tmp_path, pin=WRONG_PIN, module=spy)
    assert result.returncode == 4, result.stderr
    assert "CKR_PIN_INCORRECT" in result.stderr
    assert not (tmp_path / "decision.sig").exists()
    assert spy_calls(log, "C_Login") == 1


def test_locked_pin_exit_4_without_trying(soft_token_locked: SoftToken, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "spy.log"
    spy = soft_token_locked.spy(log, monkeypatch)
    result = _sign(soft_token_locked, tmp_path, pin=soft_token_locked.user_pin, module=spy)
    assert result.returncode == 4
    assert "locked" in result.stderr
    assert spy_calls(log, "C_Login") == 0


def test_unknown_token_label_exit_2(soft_token: SoftToken, tmp_path: Path) -> None:
    result = _sign(soft_token, tmp_path, "--token-label", "nobody", pin=soft_token.user_pin)
    assert result.returncode == 2
    assert "nobody" in result.stderr


def test_missing_module_exit_2(soft_token: SoftToken, tmp_path: Path) -> None:
    result = _sign(soft_token, tmp_path, pin=soft_token.user_pin, module=str(tmp_path / "none.so"))
    assert result.returncode == 2


def test_expected_certificate_of_another_card_is_refused(soft_token: SoftToken, tmp_path: Path) -> None:
    other = build_test_pki().issue("moica", name="張別人", id_last4="2222")
    (tmp_path / "other.der").write_bytes(other.der)
    result = _sign(soft_token, tmp_path, "--cert", str(tmp_path / "other.der"), pin=soft_token.user_pin)
    assert result.returncode == 3
    assert "mismatch" in result.stderr


def test_pin_is_read_from_the_prompt_when_not_in_the_environment(soft_token: SoftToken,
                                                                   tmp_path: Path) -> None:
    # No terminal here: getpass falls back to stdin (on a terminal it reads without echo).
    result = _sign(soft_token, tmp_path, pin=None, stdin=soft_token.user_pin + "\n")
    assert result.returncode == 0, result.stderr
    assert "PIN" in result.stderr  # the PIN state was shown before the prompt


def test_no_pin_entered_is_not_tried(soft_token: SoftToken, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "spy.log"
    spy = soft_token.spy(log, monkeypatch)
    result = _sign(soft_token, tmp_path, pin=None, module=spy, stdin="")
    assert result.returncode == 2
    assert spy_calls(log, "C_Login") == 0


@pytest.mark.parametrize(("pin", "stdin"), [("", ""), ("   ", ""), (None, "\n")])
def test_an_empty_pin_is_refused_before_the_token(soft_token: SoftToken, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  pin: str | None, stdin: str) -> None:
    """Issue 7: an empty BACKOFFICE_PIN (or an empty line at the prompt) never reaches C_Login."""
    log = tmp_path / "spy.log"
    spy = soft_token.spy(log, monkeypatch)
    result = _sign(soft_token, tmp_path, pin=pin, module=spy, stdin=stdin)
    assert result.returncode == 2, result.stderr
    assert ("empty PIN in BACKOFFICE_PIN" if pin is not None else "no PIN entered") in result.stderr
    assert spy_calls(log, "C_Login") == 0
    assert not (tmp_path / "decision.sig").exists()
