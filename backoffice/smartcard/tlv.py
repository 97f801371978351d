"""Minimal DER/BER TLV reading: headers, nested values, object identifiers.

Pure functions over bytes; every failure is a ``TlvError`` (a ``CardDataError``), never an
IndexError, so that garbage from a card cannot crash a caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from backoffice.smartcard.connection import CardDataError

TAG_INTEGER = 0x02
TAG_OCTET_STRING = 0x04
TAG_OID = 0x06
TAG_UTF8 = 0x0C
TAG_PRINTABLE = 0x13
TAG_IA5 = 0x16
TAG_BMP = 0x1E
TAG_SEQUENCE = 0x30
TAG_SET = 0x31


class TlvError(CardDataError):
    """Malformed TLV data."""


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes
    header_len: int

    @property
    def total_len(self) -> int:
        return self.header_len + len(self.value)


def read_header(data: bytes, offset: int = 0) -> tuple[int, int, int]:
    """Return (tag, header length, value length) of the TLV at ``offset``.

    Only the header must be present, so this tells how many bytes a certificate needs after
    reading its first four bytes. Multi-byte tags are rejected (DER certificates do not use them).
    """
    if offset < 0 or len(data) - offset < 2:
        raise TlvError("TLV header truncated")
    tag = data[offset]
    if tag & 0x1F == 0x1F:
        raise TlvError(f"multi-byte tag {tag:02X} not supported")
    first = data[offset + 1]
    if first < 0x80:
        return tag, 2, first
    n = first & 0x7F
    if n == 0 or n > 4:
        raise TlvError(f"unsupported length encoding {first:02X}")
    if len(data) - offset < 2 + n:
        raise TlvError("TLV length truncated")
    length = int.from_bytes(data[offset + 2: offset + 2 + n], "big")
    return tag, 2 + n, length


def parse_one(data: bytes, offset: int = 0) -> Tlv:
    """Parse the complete TLV at ``offset``."""
    tag, hlen, length = read_header(data, offset)
    end = offset + hlen + length
    if end > len(data):
        raise TlvError(f"TLV value truncated: need {hlen + length} bytes, have {len(data) - offset}")
    return Tlv(tag, bytes(data[offset + hlen: end]), hlen)


def iter_tlvs(data: bytes) -> Iterator[Tlv]:
    """Iterate over consecutive TLVs filling ``data`` exactly."""
    offset = 0
    while offset < len(data):
        item = parse_one(data, offset)
        yield item
        offset += item.total_len


def expect(data: bytes, tag: int, offset: int = 0) -> Tlv:
    item = parse_one(data, offset)
    if item.tag != tag:
        raise TlvError(f"expected tag {tag:02X}, found {item.tag:02X}")
    return item


def decode_oid(value: bytes) -> str:
    """Dotted form of an OBJECT IDENTIFIER's value bytes."""
    if not value:
        raise TlvError("empty OID")
    if value[-1] & 0x80:
        raise TlvError("OID truncated")
    arcs: list[int] = []
    acc = 0
    for byte in value:
        acc = (acc << 7) | (byte & 0x7F)
        if not byte & 0x80:
            arcs.append(acc)
            acc = 0
    first = arcs[0]
    head = [0, first] if first < 40 else [1, first - 40] if first < 80 else [2, first - 80]
    return ".".join(str(a) for a in head + arcs[1:])


def decode_string(item: Tlv) -> str:
    """Text of a DER string type (UTF8, Printable, IA5, BMP)."""
    try:
        if item.tag == TAG_BMP:
            return item.value.decode("utf-16-be")
        if item.tag in (TAG_UTF8, TAG_PRINTABLE, TAG_IA5, 0x14, 0x1A):
            return item.value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TlvError(f"undecodable string: {exc}") from exc
    raise TlvError(f"tag {item.tag:02X} is not a string")
