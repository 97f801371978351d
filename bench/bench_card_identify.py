"""Benchmark: APDUs and time to identify a card on the virtual reader (pcscd + vpcd).

Compares this code's largest-chunk strategy with fixed 200-byte READ BINARYs (what public
reference code for these cards does), on a card with extended length and on a short-only card.
Run with pcscd and the vpcd readers up (test.sh starts them):

    .venv/bin/python bench/bench_card_identify.py [--rounds 20] [--markdown]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backoffice.smartcard import hicos, pcsc  # noqa: E402
from backoffice.smartcard.certinfo import parse_certificate  # noqa: E402
from backoffice.smartcard.connection import CountingConnection  # noqa: E402
from backoffice.smartcard.hicos import SLOT_SIZE, HicosSession, Slot  # noqa: E402
from backoffice.smartcard.identify import identify_connection  # noqa: E402
from tests.support.cards import VcardFactory, card_set  # noqa: E402
from tests.support.pki import build_test_pki  # noqa: E402
from tests.support.vcard import Faults  # noqa: E402

REFERENCE_CHUNK = 200


def reference_read(conn: CountingConnection) -> bytes:
    """Reference approach: select, then read the whole 0x700 slot in 200-byte chunks."""
    for fid in (0x3F00, 0x5030, 0x08F2):
        conn.send_and_receive(hicos.select_apdu(fid))
    out = b""
    while len(out) < SLOT_SIZE:
        le = min(REFERENCE_CHUNK, SLOT_SIZE - len(out))
        data, sw = conn.send_and_receive(hicos.read_binary_apdu(Slot.USER_SIGNATURE + len(out), le))
        out += data
    return out


def measure(reader: str, fn, rounds: int) -> tuple[int, float]:
    times, apdus = [], 0
    for _ in range(rounds):
        hicos.forget_chunk_sizes()
        with pcsc.connect(reader) as raw:
            raw.send_and_receive(hicos.select_apdu(0x3F00))  # uncounted: the MF is current, as after insertion
            conn = CountingConnection(raw)
            start = time.perf_counter()
            fn(conn)
            times.append(time.perf_counter() - start)
            apdus = conn.count
    return apdus, statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    pki = build_test_pki()
    holder = pki.issue("moica", name="王小明", id_last4="6789", subject_type="citizen")
    tmp = Path(tempfile.mkdtemp())
    trust = pki.write_trust_dir(tmp / "trust")
    crl = tmp / "crl"
    crl.mkdir()
    pki.write_crl("moica", crl)
    factory = VcardFactory()
    rows = []
    try:
        for label, faults in (("extended length", Faults()), ("short APDUs only", Faults(extended=False))):
            card = factory(card_set(pki, holder), faults=faults)
            reader = card.reader  # type: ignore[attr-defined]
            ours = measure(reader, lambda c: identify_connection(c, trust, crl), args.rounds)
            cert_only = measure(reader, lambda c: HicosSession(c).read_certificate(), args.rounds)
            ref = measure(reader, lambda c: parse_certificate(reference_read(c)[:len(holder.der)]), args.rounds)
            rows.append((label, ours, cert_only, ref))
            factory.remove(card)
    finally:
        factory.close()
    lines = [
        f"Certificate: {len(holder.der)} bytes (RSA 2048); median of {args.rounds} rounds; "
        "virtual card on pcscd + vpcd (localhost TCP), so times are transport-bound, not card-bound.",
        "",
        "| card | identify (read + parse + validate) | signature certificate read | reference: 3 SELECTs + 200-byte chunks of the slot |",
        "|---|---|---|---|",
    ]
    for label, ours, cert_only, ref in rows:
        lines.append(f"| {label} | {ours[0]} APDUs, {ours[1]:.1f} ms | {cert_only[0]} APDUs, {cert_only[1]:.1f} ms "
                     f"| {ref[0]} APDUs, {ref[1]:.1f} ms |")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
