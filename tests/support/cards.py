"""Card fixtures: the test PKI, virtual HiCOS cards on the real pcscd + vpcd, trust/CRL dirs.

``vcard_factory(certs, faults=...)`` inserts a card into a free vpcd reader (ports from
BACKOFFICE_TEST_VPCD_PORTS; slot i of vpcd = the i-th "Virtual PCD" reader), waits until pcscd
sees it and removes it after the test. A cross-process file lock per port keeps parallel test
runs from plugging two cards into one reader.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.pki import Holder, TestPki, build_test_pki
from tests.support.vcard import (
    SLOT_ISSUING_CA,
    SLOT_ROOT_CA,
    SLOT_USER_ENC,
    SLOT_USER_SIG,
    Faults,
    VirtualHicosCard,
)

WAIT = 10.0


def vpcd_ports() -> list[int]:
    raw = os.environ.get("BACKOFFICE_TEST_VPCD_PORTS", "35963,35964")
    return [int(p) for p in raw.split(",") if p.strip()]


def vpcd_reader_name(index: int) -> str:
    return f"Virtual PCD 00 {index:02d}"


def wait_until(predicate: Callable[[], Any], timeout: float = WAIT, what: str = "condition") -> Any:
    """Poll ``predicate`` until truthy (returns its value) or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def reader_has_card(reader: str, present: bool = True) -> Callable[[], bool]:
    from backoffice.smartcard import pcsc

    def check() -> bool:
        state = next((s for s in pcsc.list_readers() if s.name == reader), None)
        return state is not None and state.card_present == present
    return check


def card_set(pki: TestPki, holder: Holder) -> dict[int, bytes]:
    """The four slots of a HiCOS card for ``holder`` (encryption slot reuses the signature cert)."""
    return {SLOT_ROOT_CA: pki.root.der, SLOT_ISSUING_CA: pki.ca(holder.kind).der,
            SLOT_USER_ENC: holder.der, SLOT_USER_SIG: holder.der}


class VcardFactory:
    def __init__(self) -> None:
        self.cards: list[VirtualHicosCard] = []
        self._locks: dict[int, Any] = {}

    def _claim_port(self) -> tuple[int, int]:
        deadline = time.monotonic() + 60
        while True:
            for index, port in enumerate(vpcd_ports()):
                if port in self._locks:
                    continue
                handle = open(f"/tmp/backoffice-vpcd-{port}.lock", "w")  # noqa: SIM115
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    handle.close()
                    continue
                self._locks[port] = handle
                return index, port
            if time.monotonic() > deadline:
                raise AssertionError("no free vpcd reader")
            time.sleep(0.1)

    def __call__(self, certs: dict[int, bytes] | None = None, faults: Faults | None = None,
                 atr: bytes | None = None, wait: bool = True) -> VirtualHicosCard:
        index, port = self._claim_port()
        card = VirtualHicosCard(certs, atr=atr, faults=faults)
        card.reader = vpcd_reader_name(index)  # type: ignore[attr-defined]
        wait_until(reader_has_card(card.reader, present=False), what=f"{card.reader} empty")  # type: ignore[attr-defined]
        card.insert(port)
        self.cards.append(card)
        if wait:
            wait_until(reader_has_card(card.reader), what=f"pcscd to see the card in {card.reader}")  # type: ignore[attr-defined]
        return card

    def remove(self, card: VirtualHicosCard, wait: bool = True) -> None:
        card.remove()
        if wait:
            wait_until(reader_has_card(card.reader, present=False),  # type: ignore[attr-defined]
                       what=f"pcscd to see {card.reader} empty")  # type: ignore[attr-defined]

    def close(self) -> None:
        for card in self.cards:
            if card.inserted:
                card.remove()
        for card in self.cards:
            try:
                wait_until(reader_has_card(card.reader, present=False), what="reader empty")  # type: ignore[attr-defined]
            except AssertionError:
                pass
        for handle in self._locks.values():
            handle.close()
        self._locks.clear()


@pytest.fixture(scope="session")
def pki() -> TestPki:
    return build_test_pki()


@pytest.fixture
def trust_dir(pki: TestPki, tmp_path: Path) -> Path:
    return pki.write_trust_dir(tmp_path / "trust", kinds=(), include_root=True)


@pytest.fixture
def crl_dir(pki: TestPki, tmp_path: Path) -> Path:
    path = tmp_path / "crl"
    path.mkdir()
    for kind in ("moica", "moeaca", "xca", "gca"):
        pki.write_crl(kind, path)
    return path


@pytest.fixture
def vcard_factory() -> Iterator[VcardFactory]:
    factory = VcardFactory()
    try:
        yield factory
    finally:
        factory.close()
