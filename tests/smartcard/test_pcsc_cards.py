"""The card layer through pyscard and the real pcscd, with virtual HiCOS cards on vpcd."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading

import pytest

from backoffice.smartcard import hicos, pcsc
from backoffice.smartcard.connection import (
    ApduError,
    CardBusyError,
    CardDataError,
    CardRemovedError,
    NoCardError,
    NoReaderError,
    NotHicosCardError,
)
from backoffice.smartcard.events import CardWatcher, EventKind
from backoffice.smartcard.identify import identify_card
from backoffice.smartcard.validation import Status
from tests.support.cards import card_set, wait_until
from tests.support.pki import make_pki
from tests.support.softhsm import required
from tests.support.vcard import Faults

pytestmark = pytest.mark.pcsc
UTC = dt.UTC


def _vpcd_readers() -> list[str]:
    try:
        return [s.name for s in pcsc.list_readers() if s.name.startswith("Virtual PCD")]
    except NoReaderError:
        return []


@pytest.fixture(autouse=True)
def _need_pcscd():
    if len(_vpcd_readers()) < 2:
        if os.environ.get("BACKOFFICE_TEST_VPCD_PORTS") or required():
            pytest.fail("pcscd with the two vpcd readers is not running (test.sh starts it)")
        pytest.skip("pcscd with vpcd readers not running")
    hicos.forget_chunk_sizes()


HOLDERS = {
    "moica": dict(name="王小明", id_last4="6789", subject_type="citizen"),
    "moeaca": dict(company="好給力股份有限公司", ubn="04595257", subject_type="branch"),
    "xca": dict(org="台灣雲端協會", org_id="A0000001"),
    "gca": dict(org="數位發展部", org_id="A12000000G"),
}


@pytest.mark.parametrize("kind", sorted(HOLDERS))
def test_read_identify_and_validate_each_card_type(kind, pki, vcard_factory, trust_dir, crl_dir):
    holder = pki.issue(kind, **HOLDERS[kind])
    card = vcard_factory(card_set(pki, holder))
    result = identify_card(card.reader, trust_dir, crl_dir)
    assert result.card_type == kind
    assert result.info.der == holder.der
    doc = result.to_json()
    assert doc["reader"] == card.reader
    assert doc["validation"] == {"status": "valid", "detail": doc["validation"]["detail"]}
    spec = HOLDERS[kind]
    assert doc["holder"]["name"] == (spec.get("name") or spec.get("company") or spec.get("org"))
    for key in ("id_last4", "ubn", "org_id"):
        assert doc["holder"][key] == spec.get(key), key
    # the count we report is what the card actually received
    assert doc["apdus"] == len(card.log)


@pytest.mark.parametrize(("status", "setup"), [
    ("expired", "expired"), ("revoked", "revoked"), ("untrusted", "forged"),
    ("revocation_unknown", "no_crl"), ("revocation_unknown", "stale_crl"), ("not_yet_valid", "future"),
])
def test_validation_statuses_end_to_end(status, setup, pki, vcard_factory, trust_dir, tmp_path):
    crl = tmp_path / "crls"
    crl.mkdir()
    at = None
    if setup == "forged":
        forged = make_pki()
        holder = forged.issue("moica", **HOLDERS["moica"])
        certs = card_set(forged, holder)
    else:
        kwargs = dict(HOLDERS["moica"])
        if setup == "expired":
            kwargs["not_after"] = dt.datetime(2026, 1, 1, tzinfo=UTC)
        if setup == "future":
            kwargs["not_before"] = dt.datetime(2099, 1, 1, tzinfo=UTC)
            kwargs["not_after"] = dt.datetime(2100, 1, 1, tzinfo=UTC)
        holder = pki.issue("moica", **kwargs)
        certs = card_set(pki, holder)
    if setup in ("revoked", "expired", "future", "stale_crl"):
        pki.write_crl("moica", crl, revoked=[holder.cert.serial_number] if setup == "revoked" else [])
    if setup == "stale_crl":
        at = dt.datetime.now(UTC) + dt.timedelta(days=60)
    card = vcard_factory(certs)
    result = identify_card(card.reader, trust_dir, crl, at=at)
    assert result.validation.status == Status(status), result.validation.detail


@pytest.mark.parametrize(("faults", "error"), [
    (Faults(truncate={0x1500: 500}), CardDataError),
    (Faults(odd_sw={0xB0: 0x6F00}), ApduError),
    (Faults(long_reads=5), CardDataError),
    (Faults(non_hicos=True), NotHicosCardError),
])
def test_malformed_cards_give_clear_errors(faults, error, pki, vcard_factory, trust_dir, crl_dir):
    holder = pki.issue("moica", **HOLDERS["moica"])
    card = vcard_factory(card_set(pki, holder), faults=faults)
    with pytest.raises(error):
        identify_card(card.reader, trust_dir, crl_dir)


def test_short_only_card_reads_in_256_byte_chunks(pki, vcard_factory, trust_dir, crl_dir):
    holder = pki.issue("moica", **HOLDERS["moica"])
    card = vcard_factory(card_set(pki, holder), faults=Faults(extended=False, max_le=0xF0))
    result = identify_card(card.reader, trust_dir, crl_dir)
    assert result.info.der == holder.der
    assert all(len(apdu) <= 7 and (apdu[1] != 0xB0 or len(apdu) == 5 or apdu[4] == 0) for apdu in card.log)


def test_card_pulled_mid_read_raises_card_removed_without_hanging(pki, vcard_factory, trust_dir, crl_dir):
    holder = pki.issue("moica", **HOLDERS["moica"])
    card = vcard_factory(card_set(pki, holder), faults=Faults(disconnect_after=3, extended=False))
    outcome: list[BaseException | object] = []

    def run() -> None:
        try:
            outcome.append(identify_card(card.reader, trust_dir, crl_dir))
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)  # a hang guard, not a timing assertion
    assert not worker.is_alive(), "reading a pulled card hung"
    assert isinstance(outcome[0], CardRemovedError | NoCardError), outcome
    wait_until(lambda: not next(s for s in pcsc.list_readers() if s.name == card.reader).card_present,
               what="pcscd to notice the pulled card")


def test_card_held_exclusively_then_released(pki, vcard_factory, trust_dir, crl_dir):
    holder = pki.issue("moica", **HOLDERS["moica"])
    card = vcard_factory(card_set(pki, holder))
    other_program = pcsc.connect(card.reader, exclusive=True)
    try:
        with pytest.raises(CardBusyError) as err:
            identify_card(card.reader, trust_dir, crl_dir)
        assert err.value.reader == card.reader
    finally:
        other_program.close()
    assert identify_card(card.reader, trust_dir, crl_dir).card_type == "moica"


def test_busy_wait_retries_until_the_other_program_lets_go(pki, vcard_factory, trust_dir, crl_dir):
    holder = pki.issue("moica", **HOLDERS["moica"])
    card = vcard_factory(card_set(pki, holder))
    other_program = pcsc.connect(card.reader, exclusive=True)
    release = threading.Timer(0.5, other_program.close)
    release.start()
    try:
        assert identify_card(card.reader, trust_dir, crl_dir, busy_wait=30).card_type == "moica"
    finally:
        release.join()


def test_two_readers_at_once(pki, vcard_factory, trust_dir, crl_dir):
    person = pki.issue("moica", **HOLDERS["moica"])
    company = pki.issue("moeaca", **HOLDERS["moeaca"])
    card1 = vcard_factory(card_set(pki, person))
    card2 = vcard_factory(card_set(pki, company))
    assert card1.reader != card2.reader
    present = {s.name: s.card_present for s in pcsc.list_readers()}
    assert present[card1.reader] and present[card2.reader]
    results = {}

    def read(reader: str) -> None:
        results[reader] = identify_card(reader, trust_dir, crl_dir)

    threads = [threading.Thread(target=read, args=(c.reader,)) for c in (card1, card2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results[card1.reader].info.holder.id_last4 == "6789"
    assert results[card2.reader].info.holder.ubn == "04595257"


def test_no_card_in_the_named_reader(vcard_factory, pki):
    card = vcard_factory(card_set(pki, pki.issue("moica", **HOLDERS["moica"])))
    vcard_factory.remove(card)
    with pytest.raises(NoCardError):
        pcsc.connect(card.reader)
    with pytest.raises(NoReaderError):
        pcsc.connect("No Such Reader 99")


def test_watcher_sees_insert_and_remove(pki, vcard_factory):
    watcher = CardWatcher(interval=0.05)
    watcher.poll()  # baseline
    card = vcard_factory(card_set(pki, pki.issue("moica", **HOLDERS["moica"])))
    seen = wait_until(lambda: [e for e in watcher.poll() if e.reader == card.reader], what="insert event")
    assert seen[-1].kind is EventKind.CARD_INSERTED and seen[-1].atr == card.atr
    vcard_factory.remove(card)
    seen = wait_until(lambda: [e for e in watcher.poll() if e.reader == card.reader], what="remove event")
    assert seen[-1].kind is EventKind.CARD_REMOVED


# --- the command line ----------------------------------------------------------------------
def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backoffice.cli", "card", *args],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ))


def test_cli_readers_and_read(pki, vcard_factory, trust_dir, crl_dir):
    holder = pki.issue("moeaca", **HOLDERS["moeaca"])
    card = vcard_factory(card_set(pki, holder))
    proc = _cli("readers", "--json")
    assert proc.returncode == 0, proc.stderr
    readers = {r["name"]: r["card_present"] for r in json.loads(proc.stdout)}
    assert readers[card.reader] is True
    proc = _cli("read", "--reader", card.reader, "--trust-dir", str(trust_dir), "--crl-dir", str(crl_dir), "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert set(doc) == {"reader", "atr", "card_type", "holder", "certificate", "validation", "apdus"}
    assert doc["card_type"] == "moeaca"
    assert doc["holder"] == {"name": "好給力股份有限公司", "id_last4": None, "ubn": "04595257", "org_id": None,
                             "subject_type": "branch"}
    assert doc["validation"]["status"] == "valid"
    assert doc["certificate"]["sha256"] == __import__("hashlib").sha256(holder.der).hexdigest()
    # --at before the certificate's validity: read fine (exit 0), status says so
    proc = _cli("read", "--reader", card.reader, "--trust-dir", str(trust_dir), "--crl-dir", str(crl_dir),
                "--at", "2024-06-01", "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["validation"]["status"] == "not_yet_valid"


def test_cli_exit_codes_no_card_and_unreadable(pki, vcard_factory, trust_dir):
    card = vcard_factory(card_set(pki, pki.issue("moica")), faults=Faults(non_hicos=True))
    proc = _cli("read", "--reader", card.reader, "--trust-dir", str(trust_dir), "--json")
    assert proc.returncode == 3, proc.stderr
    assert "HiCOS" in proc.stderr
    vcard_factory.remove(card)
    proc = _cli("read", "--reader", card.reader, "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert _cli("read", "--reader", "No Such Reader 99", "--json").returncode == 2


def test_cli_watch_prints_events(pki, vcard_factory):
    proc = subprocess.Popen([sys.executable, "-m", "backoffice.cli", "card", "watch", "--json", "--timeout", "8"],
                            stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        assert proc.stdout is not None
        first = json.loads(proc.stdout.readline())  # the watcher reports existing readers first
        assert first["event"] == "reader_added"
        card = vcard_factory(card_set(pki, pki.issue("moica")))
        for line in proc.stdout:
            event = json.loads(line)
            if event["reader"] == card.reader and event["event"] == "card_inserted":
                break
        else:
            pytest.fail("no card_inserted event printed")
    finally:
        proc.kill()
        proc.wait()
