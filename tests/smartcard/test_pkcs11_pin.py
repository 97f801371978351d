"""PIN state reporting and the one-try login, against a real SoftHSM2 token."""

from __future__ import annotations

from pathlib import Path

import pytest
from PyKCS11 import CKR_PIN_INCORRECT

from backoffice.smartcard import pkcs11
from backoffice.smartcard.pkcs11 import (
    ModuleLoadError,
    PinLevel,
    PinLockedError,
    PinState,
    Pkcs11Module,
    TokenNotFound,
    WrongPinError,
)
from backoffice.smartcard.signing import sign_bytes
from tests.support.softhsm import (
    CKF_USER_PIN_FINAL_TRY,
    WRONG_PIN,
    SoftToken,
    spy_calls,
)

pytestmark = pytest.mark.pkcs11


@pytest.mark.parametrize(
    ("flags", "level", "can_try"),
    [
        (0x0000_0408, PinLevel.OK, True),
        (0x0001_0408, PinLevel.COUNT_LOW, True),
        (0x0003_0408, PinLevel.FINAL_TRY, True),
        (0x0002_0408, PinLevel.FINAL_TRY, True),
        (0x0007_0408, PinLevel.LOCKED, False),
        (0x0004_0408, PinLevel.LOCKED, False),
        (0x0000_0400, PinLevel.OK, False),  # user PIN not initialised
    ],
)
def test_pin_state_from_token_flags(flags: int, level: PinLevel, can_try: bool) -> None:
    state = PinState.from_flags(flags)
    assert state.level is level
    assert state.can_try is can_try
    assert state.to_json()["level"] == level.value


def test_pin_state_flags_to_be_changed_and_pin_pad() -> None:
    state = PinState.from_flags(0x0008_0508)
    assert state.to_be_changed and state.pin_pad and state.level is PinLevel.OK


def test_fresh_token_is_listed_with_pin_ok(soft_token: SoftToken) -> None:
    tokens = pkcs11.list_tokens(soft_token.module)
    assert [t.label for t in tokens] == [soft_token.label]  # the blank SoftHSM slot is skipped
    assert tokens[0].pin_state.level is PinLevel.OK
    assert tokens[0].to_json()["pin_state"]["level"] == "ok"


def test_token_reports_count_low_after_a_wrong_pin_elsewhere(soft_token_count_low: SoftToken) -> None:
    (token,) = pkcs11.find_tokens(soft_token_count_low.module, soft_token_count_low.label)
    assert token.pin_state.level is PinLevel.COUNT_LOW


def test_good_login_clears_count_low(soft_token_count_low: SoftToken) -> None:
    soft_token_count_low.good_login()
    (token,) = pkcs11.find_tokens(soft_token_count_low.module)
    assert token.pin_state.level is PinLevel.OK


def test_final_try_is_reported(soft_token: SoftToken) -> None:
    soft_token.set_flags(CKF_USER_PIN_FINAL_TRY)
    (token,) = pkcs11.find_tokens(soft_token.module)
    assert token.pin_state.level is PinLevel.FINAL_TRY


def test_wrong_pin_reports_the_tokens_state_and_is_tried_once(
    soft_token: SoftToken, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "spy.log"
    module_path = soft_token.spy(log, monkeypatch)
    with Pkcs11Module(module_path) as module:
        (token,) = module.find_tokens()
        with module.session(token) as session:
            with pytest.raises(WrongPinError) as caught:
                session.login(WRONG_PIN)
            assert session.login_attempts == 1
    assert caught.value.rv == CKR_PIN_INCORRECT
    assert caught.value.rv_name == "CKR_PIN_INCORRECT"
    assert caught.value.pin_state.count_low  # what SoftHSM2 reports after a wrong PIN
    assert spy_calls(log, "C_Login") == 1
    assert spy_calls(log, "C_Logout") == 0  # never logged in
    assert spy_calls(log, "C_CloseSession") >= 1
    assert spy_calls(log, "C_Finalize") == 1


def test_sign_with_wrong_pin_does_not_retry(
    soft_token: SoftToken, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "spy.log"
    module_path = soft_token.spy(log, monkeypatch)
    with pytest.raises(WrongPinError):
        sign_bytes(module_path, b"decision 42", WRONG_PIN)
    assert spy_calls(log, "C_Login") == 1
    assert spy_calls(log, "C_Sign") == 0


def test_an_empty_pin_is_never_sent_to_the_token(
    soft_token: SoftToken, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "spy.log"
    module_path = soft_token.spy(log, monkeypatch)
    with pytest.raises(WrongPinError) as caught:
        sign_bytes(module_path, b"decision 42", "")
    assert caught.value.rv_name == "CKR_PIN_LEN_RANGE" and not caught.value.pin_state.count_low
    assert spy_calls(log, "C_Login") == 0


def test_locked_token_is_not_tried_at_all(
    soft_token_locked: SoftToken, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "spy.log"
    module_path = soft_token_locked.spy(log, monkeypatch)
    (token,) = pkcs11.find_tokens(module_path)
    assert token.pin_state.level is PinLevel.LOCKED
    with pytest.raises(PinLockedError) as caught:
        sign_bytes(module_path, b"decision 42", soft_token_locked.user_pin)
    assert caught.value.pin_state.locked
    # SoftHSM2 would have accepted this PIN: only our refusal keeps the card's last tries safe.
    assert spy_calls(log, "C_Login") == 0


def test_good_login_logs_out_and_closes(
    soft_token: SoftToken, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "spy.log"
    module_path = soft_token.spy(log, monkeypatch)
    sign_bytes(module_path, b"x", soft_token.user_pin)
    assert spy_calls(log, "C_Login") == 1
    assert spy_calls(log, "C_Logout") == 1
    assert spy_calls(log, "C_Finalize") == 1


def test_unknown_label_is_token_not_found(soft_token: SoftToken) -> None:
    with pytest.raises(TokenNotFound) as caught:
        pkcs11.find_tokens(soft_token.module, "no-such-card")
    assert caught.value.present == (soft_token.label,)


def test_missing_module_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(ModuleLoadError) as caught:
        pkcs11.list_tokens(str(tmp_path / "libnothing.so"))
    assert caught.value.path.endswith("libnothing.so")
