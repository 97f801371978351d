"""PKCS#11 access to the officer's card (HiCOS module in production, SoftHSM2 in tests).

This is the only module that imports PyKCS11. PIN verification and signing go through the card
vendor's PKCS#11 module, never through hand-made APDUs (RULES.md §11).

Rules this module keeps:
- a PIN is given once and tried once: a wrong PIN is reported, never retried here;
- a token that already reports a locked PIN is not tried at all (each try could be the last);
- the session is logged out and closed, and the module finalised, whatever happens;
- errors carry data (the PKCS#11 return value, the token's PIN state), never only a string;
- PINs are never logged or kept after the call.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import PyKCS11

# Token flags from PKCS#11 v2.40 §3.2 (CK_TOKEN_INFO.flags); spelled out so that the PIN-state
# logic is a pure function that tests can feed with any combination.
CKF_LOGIN_REQUIRED = 0x00000004
CKF_TOKEN_INITIALIZED = 0x00000400
CKF_USER_PIN_INITIALIZED = 0x00000008
CKF_PROTECTED_AUTHENTICATION_PATH = 0x00000100
CKF_USER_PIN_COUNT_LOW = 0x00010000
CKF_USER_PIN_FINAL_TRY = 0x00020000
CKF_USER_PIN_LOCKED = 0x00040000
CKF_USER_PIN_TO_BE_CHANGED = 0x00080000

# Return values that mean "this PIN was not accepted" (the token may or may not have counted it).
_WRONG_PIN_RVS = {
    PyKCS11.CKR_PIN_INCORRECT,
    PyKCS11.CKR_PIN_INVALID,
    PyKCS11.CKR_PIN_LEN_RANGE,
}
_LOCKED_RVS = {PyKCS11.CKR_PIN_LOCKED, PyKCS11.CKR_PIN_EXPIRED}


class PinLevel(enum.Enum):
    """The PIN state to show before asking for the PIN, worst last."""

    OK = "ok"
    COUNT_LOW = "count_low"  # at least one wrong PIN since the last good one
    FINAL_TRY = "final_try"  # one more wrong PIN locks the card
    LOCKED = "locked"  # the card must be unlocked by the issuer (PUK)


@dataclass(frozen=True)
class PinState:
    """The user-PIN flags of a token, as the token reports them."""

    count_low: bool = False
    final_try: bool = False
    locked: bool = False
    to_be_changed: bool = False
    initialized: bool = True
    pin_pad: bool = False  # protected authentication path: the reader asks for the PIN itself

    @classmethod
    def from_flags(cls, flags: int) -> PinState:
        return cls(
            count_low=bool(flags & CKF_USER_PIN_COUNT_LOW),
            final_try=bool(flags & CKF_USER_PIN_FINAL_TRY),
            locked=bool(flags & CKF_USER_PIN_LOCKED),
            to_be_changed=bool(flags & CKF_USER_PIN_TO_BE_CHANGED),
            initialized=bool(flags & CKF_USER_PIN_INITIALIZED),
            pin_pad=bool(flags & CKF_PROTECTED_AUTHENTICATION_PATH),
        )

    @property
    def level(self) -> PinLevel:
        if self.locked:
            return PinLevel.LOCKED
        if self.final_try:
            return PinLevel.FINAL_TRY
        if self.count_low:
            return PinLevel.COUNT_LOW
        return PinLevel.OK

    @property
    def can_try(self) -> bool:
        return self.initialized and not self.locked

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "count_low": self.count_low,
            "final_try": self.final_try,
            "locked": self.locked,
            "to_be_changed": self.to_be_changed,
            "pin_pad": self.pin_pad,
        }


@dataclass(frozen=True)
class TokenInfo:
    slot: int
    label: str
    serial: str
    manufacturer: str
    model: str
    slot_description: str  # usually names the PC/SC reader
    pin_state: PinState
    initialized: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "slot": self.slot,
            "label": self.label,
            "serial": self.serial,
            "manufacturer": self.manufacturer,
            "model": self.model,
            "slot_description": self.slot_description,
            "pin_state": self.pin_state.to_json(),
        }


@dataclass(frozen=True)
class TokenCertificate:
    """A certificate object on the token; ``key_id`` (CKA_ID) links it to its private key."""

    key_id: bytes
    label: str
    der: bytes


# --- errors -------------------------------------------------------------------------------------


class Pkcs11Error(Exception):
    """A PKCS#11 failure; ``rv`` is the CKR_* value (or -1 when there is none)."""

    def __init__(self, message: str, rv: int = -1) -> None:
        super().__init__(message)
        self.rv = rv

    @property
    def rv_name(self) -> str:
        if self.rv < 0:
            return ""
        return str(PyKCS11.CKR.get(self.rv, f"0x{self.rv:08X}"))


class ModuleLoadError(Pkcs11Error):
    """The PKCS#11 module file cannot be loaded (wrong path, wrong architecture)."""

    def __init__(self, path: str, rv: int = -1) -> None:
        super().__init__(f"PKCS#11 module cannot be loaded: {path}", rv)
        self.path = path


class TokenNotFound(Pkcs11Error):
    """No token (card) with the wanted label or certificate is present."""

    def __init__(self, label: str | None, present: tuple[str, ...] = ()) -> None:
        wanted = f"label {label!r}" if label else "a token"
        super().__init__(f"no PKCS#11 token with {wanted}; present: {list(present)}")
        self.label = label
        self.present = present


class KeyNotFound(Pkcs11Error):
    """The token has no certificate with a matching private key for signing."""


class WrongPinError(Pkcs11Error):
    """The token refused the PIN; ``pin_state`` is what the token reports afterwards."""

    def __init__(self, pin_state: PinState, rv: int) -> None:
        super().__init__(f"wrong PIN (token reports {pin_state.level.value})", rv)
        self.pin_state = pin_state


class PinLockedError(Pkcs11Error):
    """The user PIN is locked (or expired); no PIN was tried."""

    def __init__(self, pin_state: PinState, rv: int = -1) -> None:
        super().__init__("the card's PIN is locked", rv)
        self.pin_state = pin_state


class TokenRemovedError(Pkcs11Error):
    """The card was pulled out or the reader went away during the operation."""


_REMOVED_RVS = {
    PyKCS11.CKR_DEVICE_REMOVED,
    PyKCS11.CKR_TOKEN_NOT_PRESENT,
    PyKCS11.CKR_SESSION_HANDLE_INVALID,
    PyKCS11.CKR_SESSION_CLOSED,
    PyKCS11.CKR_DEVICE_ERROR,
}


def _translate(exc: PyKCS11.PyKCS11Error) -> Pkcs11Error:
    if exc.value in _REMOVED_RVS:
        return TokenRemovedError("the card was removed or the reader is gone", exc.value)
    return Pkcs11Error(f"PKCS#11 error {exc}", exc.value)


def _text(value: Any) -> str:
    return str(value).strip().rstrip("\x00").strip()


# --- module and sessions -------------------------------------------------------------------------


class _Library(PyKCS11.PyKCS11Lib):  # type: ignore[misc]
    """PyKCS11's library object without its self-deadlock.

    ``PyKCS11Lib.__del__`` unloads under a class-wide, non-reentrant lock that ``load`` and
    ``unload`` hold too. When the garbage collector finalises an unreachable instance (one kept in a
    cycle by an exception's traceback, say) while this thread is inside ``load``, the thread waits
    for itself forever: the test run once hung that way, in a futex wait with no CPU. Our instances
    are unloaded explicitly (``Pkcs11Module.__exit__``), so finalising one has nothing to do; one
    left loaded by accident is unloaded only if the lock is free, never waited for.
    """

    def __del__(self) -> None:
        if getattr(self, "pkcs11dll_filename", None) is None:
            return
        lock = PyKCS11.PyKCS11Lib._lock
        if lock.acquire(blocking=False):
            try:
                self._unload_locked()
            finally:
                lock.release()


class Pkcs11Module:
    """A loaded PKCS#11 module. Use as a context manager: it is finalised on exit.

    Loading per use (not once per process) makes the module re-read its configuration and notice
    cards changed by other programs; it costs a few milliseconds.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._lib: PyKCS11.PyKCS11Lib | None = None

    def __enter__(self) -> Pkcs11Module:
        lib = _Library()
        try:
            lib.load(self.path)
        except PyKCS11.PyKCS11Error as exc:
            error = ModuleLoadError(self.path, exc.value)
        else:
            self._lib = lib
            return self
        del lib  # not kept alive by the traceback below (see _Library)
        raise error from None

    def __exit__(self, *exc_info: object) -> None:
        lib, self._lib = self._lib, None
        if lib is not None:
            try:
                lib.unload()
            except PyKCS11.PyKCS11Error:  # finalising must not hide the real error
                pass

    @property
    def lib(self) -> PyKCS11.PyKCS11Lib:
        if self._lib is None:
            raise RuntimeError("Pkcs11Module used outside its 'with' block")
        return self._lib

    def tokens(self) -> list[TokenInfo]:
        """Every present token, with its PIN state."""
        try:
            slots = self.lib.getSlotList(tokenPresent=True)
        except PyKCS11.PyKCS11Error as exc:
            raise _translate(exc) from None
        found = []
        for slot in slots:
            try:
                info = self.token_info(slot)
            except TokenRemovedError:
                continue  # pulled out between the listing and the query
            if info.initialized:  # skips blank tokens (SoftHSM always offers one)
                found.append(info)
        return found

    def token_info(self, slot: int) -> TokenInfo:
        try:
            info = self.lib.getTokenInfo(slot)
            slot_info = self.lib.getSlotInfo(slot)
        except PyKCS11.PyKCS11Error as exc:
            raise _translate(exc) from None
        return TokenInfo(
            slot=int(slot),
            label=_text(info.label),
            serial=_text(info.serialNumber),
            manufacturer=_text(info.manufacturerID),
            model=_text(info.model),
            slot_description=_text(slot_info.slotDescription),
            pin_state=PinState.from_flags(int(info.flags)),
            initialized=bool(int(info.flags) & CKF_TOKEN_INITIALIZED),
        )

    def find_tokens(self, label: str | None = None) -> list[TokenInfo]:
        """Tokens with ``label`` (all tokens without a label); TokenNotFound when there is none."""
        present = self.tokens()
        tokens = [t for t in present if label is None or t.label == label]
        if not tokens:
            raise TokenNotFound(label, tuple(t.label for t in present))
        return tokens

    @contextmanager
    def session(self, token: TokenInfo) -> Iterator[TokenSession]:
        """A read-only session on ``token``; logged out and closed on exit."""
        try:
            raw = self.lib.openSession(token.slot, PyKCS11.CKF_SERIAL_SESSION)
        except PyKCS11.PyKCS11Error as exc:
            raise _translate(exc) from None
        session = TokenSession(self, token, raw)
        try:
            yield session
        finally:
            session.close()


class TokenSession:
    """One PKCS#11 session: certificates, one login, signing."""

    def __init__(self, module: Pkcs11Module, token: TokenInfo, raw: PyKCS11.Session) -> None:
        self._module = module
        self.token = token
        self._raw = raw
        self._logged_in = False
        self.login_attempts = 0  # tests check that a PIN is never retried

    def close(self) -> None:
        if self._logged_in:
            try:
                self._raw.logout()
            except PyKCS11.PyKCS11Error:
                pass
            self._logged_in = False
        try:
            self._raw.closeSession()
        except PyKCS11.PyKCS11Error:
            pass

    def certificates(self) -> list[TokenCertificate]:
        """X.509 certificates on the token (readable without a PIN)."""
        try:
            handles = self._raw.findObjects(
                [(PyKCS11.CKA_CLASS, PyKCS11.CKO_CERTIFICATE),
                 (PyKCS11.CKA_CERTIFICATE_TYPE, PyKCS11.CKC_X_509)]
            )
            result = []
            for handle in handles:
                key_id, label, value = self._raw.getAttributeValue(
                    handle, [PyKCS11.CKA_ID, PyKCS11.CKA_LABEL, PyKCS11.CKA_VALUE]
                )
                result.append(TokenCertificate(bytes(key_id or b""), _text(label or ""), bytes(value)))
            return result
        except PyKCS11.PyKCS11Error as exc:
            raise _translate(exc) from None

    def login(self, pin: str | None) -> None:
        """Log the user in with ``pin``, once. ``None`` only for PIN-pad readers.

        Raises PinLockedError before trying when the token already reports a locked PIN, and
        WrongPinError with the token's PIN state after a refused PIN.
        """
        state = self._module.token_info(self.token.slot).pin_state
        if state.locked:
            raise PinLockedError(state)
        if not pin and not state.pin_pad:  # None or "": never spend a try on an empty PIN
            raise WrongPinError(state, PyKCS11.CKR_PIN_LEN_RANGE)
        self.login_attempts += 1
        try:
            self._raw.login(pin)
        except PyKCS11.PyKCS11Error as exc:
            if exc.value == PyKCS11.CKR_USER_ALREADY_LOGGED_IN:
                self._logged_in = True
                return
            if exc.value in _LOCKED_RVS:
                raise PinLockedError(self._state_after(), exc.value) from None
            if exc.value in _WRONG_PIN_RVS:
                after = self._state_after()
                if after.locked:
                    raise PinLockedError(after, exc.value) from None
                raise WrongPinError(after, exc.value) from None
            raise _translate(exc) from None
        self._logged_in = True

    def _state_after(self) -> PinState:
        try:
            return self._module.token_info(self.token.slot).pin_state
        except Pkcs11Error:
            return PinState(count_low=True)

    def sign(self, key_id: bytes, data: bytes) -> bytes:
        """Sign ``data`` with the private key whose CKA_ID is ``key_id``: SHA-256, RSA PKCS#1 v1.5."""
        if not self._logged_in:
            raise RuntimeError("login() before sign()")
        try:
            keys = self._raw.findObjects(
                [(PyKCS11.CKA_CLASS, PyKCS11.CKO_PRIVATE_KEY), (PyKCS11.CKA_ID, key_id)]
            )
            if not keys:
                raise KeyNotFound(f"no private key with CKA_ID {key_id.hex()}")
            mechanism = PyKCS11.Mechanism(PyKCS11.CKM_SHA256_RSA_PKCS, None)
            return bytes(self._raw.sign(keys[0], data, mechanism))
        except PyKCS11.PyKCS11Error as exc:
            raise _translate(exc) from None

    def has_private_key(self, key_id: bytes) -> bool:
        """Whether a private key with this CKA_ID is visible (after login on most tokens)."""
        try:
            return bool(self._raw.findObjects(
                [(PyKCS11.CKA_CLASS, PyKCS11.CKO_PRIVATE_KEY), (PyKCS11.CKA_ID, key_id)]
            ))
        except PyKCS11.PyKCS11Error as exc:
            raise _translate(exc) from None


def list_tokens(module_path: str) -> list[TokenInfo]:
    """Tokens present behind ``module_path`` with their PIN state (no PIN needed)."""
    with Pkcs11Module(module_path) as module:
        return module.tokens()


def find_tokens(module_path: str, token_label: str | None = None) -> list[TokenInfo]:
    """The tokens to show before asking for a PIN (label, PIN state); TokenNotFound if none."""
    with Pkcs11Module(module_path) as module:
        return module.find_tokens(token_label)
