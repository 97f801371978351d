"""The connection interface every card session uses, and the errors of the card layer.

Errors carry data (status word, reader, tries left) so that views map types to messages and
never parse strings.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Protocol


class SW(IntEnum):
    """Status words the card layer reacts to (ISO 7816-4)."""

    OK = 0x9000
    END_OF_FILE = 0x6282  # fewer bytes than Le: end of file reached
    WRONG_LENGTH = 0x6700
    NO_CURRENT_EF = 0x6986
    FILE_NOT_FOUND = 0x6A82
    WRONG_P1P2 = 0x6B00
    INS_NOT_SUPPORTED = 0x6D00
    CLA_NOT_SUPPORTED = 0x6E00


class SmartCardError(Exception):
    """Base of every error raised by ``backoffice.smartcard``."""


class NoReaderError(SmartCardError):
    """No PC/SC reader (or not the one asked for), or the PC/SC service is not running."""

    def __init__(self, reader: str | None = None, detail: str = "") -> None:
        self.reader = reader
        self.detail = detail
        super().__init__(f"no card reader{f' {reader!r}' if reader else ''}{f': {detail}' if detail else ''}")


class NoCardError(SmartCardError):
    """The reader is there but holds no card."""

    def __init__(self, reader: str | None = None) -> None:
        self.reader = reader
        super().__init__(f"no card in reader {reader!r}" if reader else "no card in any reader")


class CardBusyError(SmartCardError):
    """Another program holds the card exclusively; closing it and retrying will work."""

    def __init__(self, reader: str) -> None:
        self.reader = reader
        super().__init__(f"the card in {reader!r} is held exclusively by another program")


class CardRemovedError(SmartCardError):
    """The card was pulled out (or reset) while we talked to it."""

    def __init__(self, reader: str | None = None, detail: str = "") -> None:
        self.reader = reader
        self.detail = detail
        super().__init__(f"card removed from {reader!r} during the operation{f' ({detail})' if detail else ''}")


class ReaderError(SmartCardError):
    """Any other PC/SC failure; ``code`` is the PC/SC return code."""

    def __init__(self, code: int, detail: str, reader: str | None = None) -> None:
        self.code = code
        self.detail = detail
        self.reader = reader
        super().__init__(f"PC/SC error 0x{code & 0xFFFFFFFF:08X}: {detail}")


class ApduError(SmartCardError):
    """The card answered a command with an unexpected status word."""

    def __init__(self, sw: int, command: str = "") -> None:
        self.sw = sw
        self.command = command
        super().__init__(f"{command or 'command'} failed with status word {sw:04X}")


class NotHicosCardError(SmartCardError):
    """The card does not have the HiCOS certificate file (not a Taiwan government IC card)."""

    def __init__(self, sw: int) -> None:
        self.sw = sw
        super().__init__(f"not a HiCOS card (SELECT answered {sw:04X})")


class CardDataError(SmartCardError):
    """The card's data is malformed: wrong lengths, truncated or unparsable certificate."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(detail)


class EmptySlotError(CardDataError):
    """A certificate slot holds no certificate."""

    def __init__(self, slot: int) -> None:
        self.slot = slot
        super().__init__(f"no certificate in slot 0x{slot:04X}")


class SmartCardConnection(Protocol):
    """What a card session needs from a reader: send one APDU, get (data, SW) back."""

    @property
    def reader(self) -> str: ...

    @property
    def atr(self) -> bytes: ...

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]: ...

    def close(self) -> None: ...


class CountingConnection:
    """Wraps a connection and counts (and optionally logs) the APDUs sent."""

    def __init__(self, inner: SmartCardConnection) -> None:
        self.inner = inner
        self.count = 0
        self.log: list[tuple[bytes, bytes, int]] = []

    @property
    def reader(self) -> str:
        return self.inner.reader

    @property
    def atr(self) -> bytes:
        return self.inner.atr

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        self.count += 1
        data, sw = self.inner.send_and_receive(apdu)
        self.log.append((apdu, data, sw))
        return data, sw

    def close(self) -> None:
        self.inner.close()
