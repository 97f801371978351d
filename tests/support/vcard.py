"""A virtual HiCOS card that plugs into the vsmartcard ``vpcd`` reader driver of the real pcscd.

vpcd is the server; the card connects to 127.0.0.1:<port> and speaks the vpcd protocol: each
message is a 2-byte big-endian length and a payload. One-byte payloads are control messages
(0x00 power off, 0x01 power on, 0x02 reset: no answer; 0x04 get ATR: answer the ATR); longer
payloads are command APDUs, answered with the response APDU. "Insert" = connect, "remove" =
close the socket.

The card serves the HiCOS layout of RULES.md §11: MF 3F00 / DF 5030 / EF 08F2 with 0x700-byte
certificate slots and 3F00 / 0900 / 0905 holding "CHT V32N". Faults can be injected to test the
reader code against misbehaving cards (see ``Faults``).
"""

from __future__ import annotations

import socket
import struct
import threading
from dataclasses import dataclass, field

HICOS_ATR = bytes.fromhex("3BBE9600004105200000000000000000009000")  # T=0, 14 historical bytes
OTHER_ATR = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")

SLOT_SIZE = 0x700
CERT_FILE_SIZE = 4 * SLOT_SIZE
SLOT_ROOT_CA, SLOT_ISSUING_CA, SLOT_USER_ENC, SLOT_USER_SIG = 0x0000, 0x0700, 0x0E00, 0x1500


@dataclass
class Faults:
    """Misbehaviour to inject. Every field defaults to a well-behaved HiCOS card.

    - ``extended``: accept extended-length READ BINARY (Le on 2 bytes); False -> 6700.
    - ``max_le``: the largest Le accepted; a larger one is refused with ``refuse_sw``
      (0x6700, or 0x6C00 meaning "6C + the right length").
    - ``truncate``: slot -> number of bytes kept of the certificate (the rest of the slot is 0xFF).
    - ``odd_sw``: INS -> status word returned instead of the normal answer (e.g. {0xB0: 0x6F00}).
    - ``short_reads``: answer READ BINARY with at most this many bytes and 9000 (wrong length).
    - ``long_reads``: answer READ BINARY with this many bytes more than asked.
    - ``disconnect_after``: close the socket (card pulled) on receiving APDU number N+1.
    - ``non_hicos``: a different card: CLA 80 -> 6E00, SELECTs -> 6A82.
    """

    extended: bool = True
    max_le: int = 0xFFFF
    refuse_sw: int = 0x6700
    truncate: dict[int, int] = field(default_factory=dict)
    odd_sw: dict[int, int] = field(default_factory=dict)
    short_reads: int | None = None
    long_reads: int = 0
    disconnect_after: int | None = None
    non_hicos: bool = False


class VirtualHicosCard:
    """A HiCOS-like card: ``insert(port)`` connects to vpcd, ``remove()`` pulls it out."""

    def __init__(self, certs: dict[int, bytes] | None = None, atr: bytes | None = None,
                 faults: Faults | None = None, info: bytes = b"CHT V32N") -> None:
        self.faults = faults or Faults()
        self.atr = atr or (OTHER_ATR if self.faults.non_hicos else HICOS_ATR)
        cert_file = bytearray(b"\xff" * CERT_FILE_SIZE)
        for slot, der in (certs or {}).items():
            kept = der[: self.faults.truncate.get(slot, len(der))]
            assert len(kept) <= SLOT_SIZE, "certificate larger than a slot"
            cert_file[slot: slot + len(kept)] = kept
        # path (tuple of FIDs) -> EF contents; DFs are the prefixes.
        self.files: dict[tuple[int, ...], bytes] = {
            (0x3F00, 0x5030, 0x08F2): bytes(cert_file),
            (0x3F00, 0x0900, 0x0905): info,
        }
        self.log: list[bytes] = []  # every command APDU received, in order
        self.port: int | None = None
        self._current: tuple[int, ...] = (0x3F00,)
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # --- lifecycle -----------------------------------------------------------------------------
    def insert(self, port: int) -> None:
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.settimeout(None)
        # vpcd writes the length and the payload separately; without quick ACKs, Nagle on its
        # side and delayed ACK on ours add ~40 ms to every APDU.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock, self.port = sock, port
        self._thread = threading.Thread(target=self._serve, args=(sock,), daemon=True,
                                        name=f"vicc-{port}")
        self._thread.start()

    def remove(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def inserted(self) -> bool:
        return self._sock is not None

    # --- vpcd protocol -------------------------------------------------------------------------
    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                header = _recv_exact(sock, 2)
                if header is None:
                    return
                (length,) = struct.unpack(">H", header)
                payload = _recv_exact(sock, length)
                if payload is None:
                    return
                if length == 1:
                    if payload[0] == 0x04:
                        sock.sendall(struct.pack(">H", len(self.atr)) + self.atr)
                    elif payload[0] in (0x00, 0x01, 0x02):
                        self._current = (0x3F00,)
                    continue
                n = self.faults.disconnect_after
                if n is not None and len(self.log) >= n:
                    self.log.append(payload)
                    self.remove_from_thread(sock)
                    return
                self.log.append(payload)
                answer = self.process(payload)
                sock.sendall(struct.pack(">H", len(answer)) + answer)
        except OSError:
            return

    def remove_from_thread(self, sock: socket.socket) -> None:
        with self._lock:
            if self._sock is sock:
                self._sock = None
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()

    # --- the card ------------------------------------------------------------------------------
    def process(self, apdu: bytes) -> bytes:
        """Answer one command APDU (data + SW1 SW2)."""
        if len(apdu) < 4:
            return b"\x67\x00"
        cla, ins, p1, p2 = apdu[:4]
        if ins in self.faults.odd_sw:
            return self.faults.odd_sw[ins].to_bytes(2, "big")
        if self.faults.non_hicos:
            return b"\x6e\x00" if cla == 0x80 else b"\x6a\x82"
        if cla not in (0x00, 0x80):
            return b"\x6e\x00"
        if ins == 0xA4:
            return self._select(apdu)
        if ins == 0xB0:
            return self._read_binary(apdu, p1, p2)
        return b"\x6d\x00"

    def _select(self, apdu: bytes) -> bytes:
        if len(apdu) < 7 or apdu[4] != 2:
            return b"\x67\x00"
        fid = int.from_bytes(apdu[5:7], "big")
        if fid == 0x3F00:
            self._current = (0x3F00,)
            return b"\x90\x00"
        # children of the current DF, then siblings (children of the parent)
        bases = [self._current]
        if len(self._current) > 1:
            bases.append(self._current[:-1])
        for base in bases:
            path = base + (fid,)
            if any(p[: len(path)] == path for p in self.files):
                self._current = path
                return b"\x90\x00"
        return b"\x6a\x82"

    def _read_binary(self, apdu: bytes, p1: int, p2: int) -> bytes:
        content = self.files.get(self._current)
        if content is None:
            return b"\x69\x86"  # no current EF
        if len(apdu) == 5:
            le = apdu[4] or 256
        elif len(apdu) == 7 and apdu[4] == 0:
            if not self.faults.extended:
                return b"\x67\x00"
            le = int.from_bytes(apdu[5:7], "big") or 65536
        elif len(apdu) == 4:
            le = 256
        else:
            return b"\x67\x00"
        if le > self.faults.max_le:
            if self.faults.refuse_sw == 0x6C00:
                return bytes([0x6C, self.faults.max_le & 0xFF])
            return self.faults.refuse_sw.to_bytes(2, "big")
        offset = ((p1 & 0x7F) << 8) | p2
        if offset >= len(content):
            return b"\x6b\x00"
        if self.faults.short_reads is not None:
            le = min(le, self.faults.short_reads)
        data = content[offset: offset + le + self.faults.long_reads]
        if self.faults.long_reads and len(data) < le + self.faults.long_reads:
            data += b"\x00" * (le + self.faults.long_reads - len(data))
        sw = b"\x90\x00" if len(data) >= le else b"\x62\x82"
        return data + sw


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    buf = b""
    while len(buf) < n:
        try:
            if hasattr(socket, "TCP_QUICKACK"):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            chunk = sock.recv(n - len(buf))
        except OSError:
            return None
        if not chunk:
            return None
        buf += chunk
    return buf
