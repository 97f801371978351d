"""PC/SC through pyscard: the ONLY module that imports pyscard.

Adapts readers and cards to ``SmartCardConnection`` and turns PC/SC return codes into the
card layer's errors. Uses pyscard's thin ``smartcard.scard`` layer so that every return code is
seen (sharing violation, card removed, service down).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from smartcard import scard

from backoffice.smartcard.connection import (
    CardBusyError,
    CardRemovedError,
    NoCardError,
    NoReaderError,
    ReaderError,
)

_REMOVED = {scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_RESET_CARD,
            scard.SCARD_E_NOT_TRANSACTED, scard.SCARD_W_UNPOWERED_CARD, scard.SCARD_W_UNRESPONSIVE_CARD}
_NO_SERVICE = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_E_NO_READERS_AVAILABLE}
_GONE_READER = {scard.SCARD_E_READER_UNAVAILABLE, scard.SCARD_E_UNKNOWN_READER}


@dataclass(frozen=True)
class ReaderState:
    """One reader as PC/SC sees it right now."""

    name: str
    card_present: bool
    atr: bytes
    exclusive: bool  # a program holds the card exclusively
    in_use: bool

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "card_present": self.card_present}


def _u32(code: int) -> int:
    return code & 0xFFFFFFFF


def _check(code: int, what: str, reader: str | None = None) -> None:
    if code == scard.SCARD_S_SUCCESS:
        return
    if _u32(code) in {_u32(c) for c in _NO_SERVICE}:
        raise NoReaderError(reader, scard.SCardGetErrorMessage(code))
    raise ReaderError(code, f"{what}: {scard.SCardGetErrorMessage(code)}", reader)


class _Context:
    """A PC/SC context, released on exit."""

    def __enter__(self) -> int:
        code, self.handle = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        _check(code, "SCardEstablishContext")
        return int(self.handle)

    def __exit__(self, *exc: object) -> None:
        scard.SCardReleaseContext(self.handle)


def _reader_names(ctx: int) -> list[str]:
    code, names = scard.SCardListReaders(ctx, [])
    if _u32(code) in (_u32(scard.SCARD_E_NO_READERS_AVAILABLE),):
        return []
    _check(code, "SCardListReaders")
    return list(names)


def list_readers() -> list[ReaderState]:
    """Every reader with its card state. Empty when there is none; NoReaderError if pcscd is down."""
    with _Context() as ctx:
        names = _reader_names(ctx)
        if not names:
            return []
        code, states = scard.SCardGetStatusChange(ctx, 0, [(n, scard.SCARD_STATE_UNAWARE) for n in names])
        if _u32(code) == _u32(scard.SCARD_E_TIMEOUT):
            code = scard.SCARD_S_SUCCESS
        _check(code, "SCardGetStatusChange")
    out = []
    for name, event, atr in states:
        present = bool(event & scard.SCARD_STATE_PRESENT) and not event & scard.SCARD_STATE_MUTE
        out.append(ReaderState(name, present, bytes(atr) if present else b"",
                               bool(event & scard.SCARD_STATE_EXCLUSIVE), bool(event & scard.SCARD_STATE_INUSE)))
    return out


class PcscConnection:
    """A connected card (``SmartCardConnection``)."""

    def __init__(self, ctx: int, handle: int, protocol: int, reader: str, atr: bytes) -> None:
        self._ctx = ctx
        self._handle: int | None = handle
        self._pci = scard.SCARD_PCI_T0 if protocol == scard.SCARD_PROTOCOL_T0 else scard.SCARD_PCI_T1
        self._reader = reader
        self._atr = atr

    @property
    def reader(self) -> str:
        return self._reader

    @property
    def atr(self) -> bytes:
        return self._atr

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        if self._handle is None:
            raise CardRemovedError(self._reader, "connection closed")
        try:
            code, response = scard.SCardTransmit(self._handle, self._pci, list(apdu))
        except SystemError as exc:  # pyscard on a handle pcscd already dropped
            raise CardRemovedError(self._reader, str(exc)) from exc
        if code != scard.SCARD_S_SUCCESS:
            if _u32(code) in {_u32(c) for c in _REMOVED | _GONE_READER}:
                raise CardRemovedError(self._reader, scard.SCardGetErrorMessage(code))
            raise ReaderError(code, f"SCardTransmit: {scard.SCardGetErrorMessage(code)}", self._reader)
        if len(response) < 2:
            raise CardRemovedError(self._reader, "answer without a status word")
        return bytes(response[:-2]), (response[-2] << 8) | response[-1]

    def close(self) -> None:
        if self._handle is not None:
            scard.SCardDisconnect(self._handle, scard.SCARD_LEAVE_CARD)
            self._handle = None
        if self._ctx:
            scard.SCardReleaseContext(self._ctx)
            self._ctx = 0

    def __enter__(self) -> PcscConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(reader: str | None = None, exclusive: bool = False, busy_wait: float = 0.0) -> PcscConnection:
    """Connect to the card in ``reader`` (default: the first reader holding a card).

    ``busy_wait`` seconds are spent retrying while another program holds the card exclusively
    (then ``CardBusyError``); ``exclusive`` keeps other programs out while we read.
    """
    deadline = time.monotonic() + busy_wait
    while True:
        try:
            return _connect_once(reader, exclusive)
        except CardBusyError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)


def _connect_once(reader: str | None, exclusive: bool) -> PcscConnection:
    states = list_readers()
    if not states:
        raise NoReaderError()
    if reader is not None:
        chosen = next((s for s in states if s.name == reader), None)
        if chosen is None:
            raise NoReaderError(reader, "available: " + ", ".join(s.name for s in states))
    else:
        chosen = next((s for s in states if s.card_present), None)
        if chosen is None:
            raise NoCardError(None)
    if not chosen.card_present:
        raise NoCardError(chosen.name)
    code, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    _check(code, "SCardEstablishContext")
    mode = scard.SCARD_SHARE_EXCLUSIVE if exclusive else scard.SCARD_SHARE_SHARED
    code, handle, protocol = scard.SCardConnect(ctx, chosen.name, mode,
                                                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
    if code != scard.SCARD_S_SUCCESS:
        scard.SCardReleaseContext(ctx)
        ucode = _u32(code)
        if ucode == _u32(scard.SCARD_E_SHARING_VIOLATION):
            raise CardBusyError(chosen.name)
        if ucode in {_u32(c) for c in _REMOVED}:
            raise NoCardError(chosen.name)
        if ucode in {_u32(c) for c in _GONE_READER}:
            raise NoReaderError(chosen.name, scard.SCardGetErrorMessage(code))
        raise ReaderError(code, f"SCardConnect: {scard.SCardGetErrorMessage(code)}", chosen.name)
    atr = chosen.atr
    code, _name, _state, _proto, status_atr = scard.SCardStatus(handle)
    if code == scard.SCARD_S_SUCCESS and status_atr:
        atr = bytes(status_atr)
    return PcscConnection(ctx, handle, protocol, chosen.name, atr)


def snapshot() -> dict[str, bytes | None]:
    """Reader name -> ATR of the card in it (None when empty). For the event watcher."""
    try:
        return {s.name: (s.atr if s.card_present else None) for s in list_readers()}
    except NoReaderError:
        return {}
