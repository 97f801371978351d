"""The HiCOS card file system (Chunghwa Telecom cards: MOICA, MOEACA, XCA, GCA); RULES.md §11.

One session class over a ``SmartCardConnection``. Certificates live in EF 3F00/5030/08F2 in
0x700-byte slots, each a DER certificate starting ``30 82 LL LL``. Reading asks for the largest
chunk the card accepts (extended Le first, then 256, then smaller on 6700 / the length a 6Cxx
names) and stops at the certificate's own length, so a 1 KB certificate costs 2 READ BINARYs on
a card with extended length and ceil(len/256) on one without.
"""

from __future__ import annotations

from enum import IntEnum

from backoffice.smartcard.connection import (
    SW,
    ApduError,
    CardDataError,
    EmptySlotError,
    NotHicosCardError,
    SmartCardConnection,
)
from backoffice.smartcard.tlv import TlvError, read_header

CLA = 0x80
INS_SELECT = 0xA4
INS_READ_BINARY = 0xB0
INS_GET_RESPONSE = 0xC0

FID_MF = 0x3F00
FID_CERT_DF = 0x5030
FID_CERT_EF = 0x08F2
FID_INFO_DF = 0x0900
FID_INFO_EF = 0x0905

SLOT_SIZE = 0x700
FIRST_READ = 256  # enough for any certificate header; the rest is read to the exact length
SHORT_MAX = 256
EXTENDED_MAX = 0xFFFF
# After 6700 on a short Le, try these (cards in the field cap at 0xF0 or 200 bytes).
FALLBACK_CHUNKS = (0xF0, 0xC8, 0x80, 0x40)
MIN_CERT_LEN = 64


class Slot(IntEnum):
    ROOT_CA = 0x0000
    ISSUING_CA = 0x0700
    USER_ENCRYPTION = 0x0E00
    USER_SIGNATURE = 0x1500


# Largest Le that worked, per ATR: a second card of the same model skips the probing.
_chunk_by_atr: dict[bytes, int] = {}


def forget_chunk_sizes() -> None:
    """Clear the per-ATR chunk memory (benchmarks and tests start cold)."""
    _chunk_by_atr.clear()


def read_binary_apdu(offset: int, le: int) -> bytes:
    """READ BINARY at ``offset`` for ``le`` bytes (short Le up to 256, extended above)."""
    if not 0 <= offset <= 0x7FFF:
        raise ValueError(f"offset out of range: {offset}")
    head = bytes([CLA, INS_READ_BINARY, offset >> 8, offset & 0xFF])
    if 1 <= le <= SHORT_MAX:
        return head + bytes([le & 0xFF])
    if SHORT_MAX < le <= EXTENDED_MAX:
        return head + b"\x00" + le.to_bytes(2, "big")
    raise ValueError(f"Le out of range: {le}")


def select_apdu(fid: int) -> bytes:
    return bytes([CLA, INS_SELECT, 0x00, 0x00, 0x02]) + fid.to_bytes(2, "big")


class HicosSession:
    """Reads the HiCOS file system of one card. Not thread-safe: one session per connection."""

    def __init__(self, connection: SmartCardConnection, max_chunk: int | None = None) -> None:
        self.connection = connection
        remembered = _chunk_by_atr.get(bytes(connection.atr))
        self.max_chunk = max_chunk or remembered or EXTENDED_MAX
        self._path: tuple[int, ...] | None = None

    # --- transport -----------------------------------------------------------------------------
    def _transceive(self, apdu: bytes) -> tuple[bytes, int]:
        data, sw = self.connection.send_and_receive(apdu)
        # T=0 style "61xx: xx more bytes available": fetch them with GET RESPONSE.
        rounds = 0
        while sw >> 8 == 0x61 and rounds < 64:
            more, sw = self.connection.send_and_receive(bytes([0x00, INS_GET_RESPONSE, 0, 0, sw & 0xFF]))
            data += more
            rounds += 1
        return data, sw

    def select(self, fid: int) -> None:
        _, sw = self._transceive(select_apdu(fid))
        if sw != SW.OK and sw >> 8 != 0x61:
            raise ApduError(sw, f"SELECT {fid:04X}")

    def _select_cert_file(self) -> None:
        if self._path == (FID_MF, FID_CERT_DF, FID_CERT_EF):
            return
        # After power-on the MF is current, so 5030 is selectable without selecting 3F00 first;
        # only when another program left us elsewhere (6A82) do we go through the MF.
        try:
            try:
                self.select(FID_CERT_DF)
            except ApduError as exc:
                if exc.sw != SW.FILE_NOT_FOUND:
                    raise
                self.select(FID_MF)
                self.select(FID_CERT_DF)
            self.select(FID_CERT_EF)
        except ApduError as exc:
            self._path = None
            if exc.sw in (SW.FILE_NOT_FOUND, SW.CLA_NOT_SUPPORTED, SW.INS_NOT_SUPPORTED) or exc.sw >> 8 == 0x6E:
                raise NotHicosCardError(exc.sw) from exc
            raise
        self._path = (FID_MF, FID_CERT_DF, FID_CERT_EF)

    def _read_chunk(self, offset: int, want: int) -> tuple[bytes, bool]:
        """One READ BINARY of up to ``want`` bytes, adapting ``max_chunk``; returns (data, at_eof)."""
        for _ in range(8):
            le = min(want, self.max_chunk)
            data, sw = self._transceive(read_binary_apdu(offset, le))
            if sw == SW.OK or sw == SW.END_OF_FILE:
                if len(data) > le:
                    raise CardDataError(f"card returned {len(data)} bytes for Le={le} at offset {offset:#06x}")
                if not data:
                    raise CardDataError(f"card returned no data at offset {offset:#06x}")
                _chunk_by_atr[bytes(self.connection.atr)] = self.max_chunk
                return data, sw == SW.END_OF_FILE
            if sw == SW.WRONG_LENGTH:
                self.max_chunk = self._smaller_chunk(le)
                continue
            if sw >> 8 == 0x6C:
                exact = (sw & 0xFF) or 256
                if exact >= le:
                    raise ApduError(sw, "READ BINARY")
                self.max_chunk = exact
                continue
            raise ApduError(sw, "READ BINARY")
        raise CardDataError("card keeps refusing the read length")

    @staticmethod
    def _smaller_chunk(le: int) -> int:
        if le > SHORT_MAX:
            return SHORT_MAX
        for size in FALLBACK_CHUNKS:
            if size < le:
                return size
        raise ApduError(SW.WRONG_LENGTH, "READ BINARY")

    def read_binary(self, offset: int, length: int) -> bytes:
        """Exactly ``length`` bytes of the current EF from ``offset``, in the largest chunks."""
        out = bytearray()
        while len(out) < length:
            data, eof = self._read_chunk(offset + len(out), length - len(out))
            out += data
            if eof and len(out) < length:
                raise CardDataError(f"file ends at {offset + len(out):#06x}, {length - len(out)} bytes short")
        return bytes(out)

    # --- the HiCOS file system -----------------------------------------------------------------
    def read_certificate(self, slot: int = Slot.USER_SIGNATURE) -> bytes:
        """The DER certificate in ``slot`` of EF 08F2, read up to its own length."""
        self._select_cert_file()
        first, eof = self._read_chunk(slot, min(self.max_chunk, FIRST_READ, SLOT_SIZE))
        if first[:2] in (b"\xff\xff", b"\x00\x00") or (len(first) == 1 and first[0] in (0x00, 0xFF)):
            raise EmptySlotError(slot)
        try:
            tag, hlen, length = read_header(first)
        except TlvError as exc:
            raise CardDataError(f"slot 0x{slot:04X}: {exc}") from exc
        total = hlen + length
        if tag != 0x30 or not MIN_CERT_LEN <= total <= SLOT_SIZE:
            raise CardDataError(f"slot 0x{slot:04X} does not hold a certificate (tag {tag:02X}, length {total})")
        if len(first) >= total:
            return first[:total]
        if eof:
            raise CardDataError(f"slot 0x{slot:04X}: file ends before the certificate's {total} bytes")
        return first + self.read_binary(slot + len(first), total - len(first))

    def read_card_info(self) -> bytes:
        """EF 3F00/0900/0905 (the MOICA card answers "CHT V32N"); costs 4 APDUs, not needed to read."""
        self._path = None
        self.select(FID_MF)
        self.select(FID_INFO_DF)
        self.select(FID_INFO_EF)
        return self.read_binary(0, 8)
