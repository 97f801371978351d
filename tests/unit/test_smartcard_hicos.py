"""HiCOS session against scripted connections (no reader): APDUs, chunking, malformed answers."""

from __future__ import annotations

import pytest

from backoffice.smartcard import hicos
from backoffice.smartcard.connection import ApduError, CardDataError, EmptySlotError, NotHicosCardError
from backoffice.smartcard.hicos import HicosSession, Slot, read_binary_apdu, select_apdu
from tests.support.cards import card_set
from tests.support.vcard import Faults, VirtualHicosCard


class CardConnection:
    """A connection straight to a VirtualHicosCard's APDU processor (no transport)."""

    def __init__(self, card: VirtualHicosCard) -> None:
        self.card = card
        self.reader = "scripted"
        self.atr = card.atr
        self.sent: list[bytes] = []

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        self.sent.append(apdu)
        answer = self.card.process(apdu)
        return answer[:-2], int.from_bytes(answer[-2:], "big")

    def close(self) -> None:
        pass


class Scripted:
    """Expects exact APDUs in order and plays back answers."""

    def __init__(self, script: list[tuple[str, str]], atr: bytes = b"\x3b\x00") -> None:
        self.script = [(bytes.fromhex(c), bytes.fromhex(r)) for c, r in script]
        self.reader, self.atr = "scripted", atr

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        expected, answer = self.script.pop(0)
        assert apdu.hex() == expected.hex()
        return answer[:-2], int.from_bytes(answer[-2:], "big")

    def close(self) -> None:
        pass


@pytest.fixture(autouse=True)
def _cold_chunks():
    hicos.forget_chunk_sizes()
    yield
    hicos.forget_chunk_sizes()


@pytest.fixture(scope="module")
def holder(pki=None):
    from tests.support.pki import build_test_pki

    p = build_test_pki()
    return p, p.issue("moica", name="王小明", id_last4="6789", subject_type="citizen")


@pytest.mark.parametrize(("offset", "le", "apdu"), [
    (0x1500, 256, "80b0150000"),
    (0x0000, 16, "80b0000010"),
    (0x0704, 0x29A, "80b00704" + "00029a"),
    (0x7FFF, 1, "80b07fff01"),
])
def test_read_binary_apdu_vectors(offset, le, apdu):
    assert read_binary_apdu(offset, le).hex() == apdu


@pytest.mark.parametrize(("offset", "le"), [(0x8000, 1), (0, 0), (0, 0x10000), (-1, 1)])
def test_read_binary_apdu_rejects_out_of_range(offset, le):
    with pytest.raises(ValueError):
        read_binary_apdu(offset, le)


def test_select_apdu_uses_hicos_class():
    assert select_apdu(0x08F2).hex() == "80a400000208f2"


def test_extended_card_reads_certificate_in_two_read_binarys(holder):
    pki, h = holder
    conn = CardConnection(VirtualHicosCard(card_set(pki, h)))
    der = HicosSession(conn).read_certificate(Slot.USER_SIGNATURE)
    assert der == h.der
    assert [a.hex()[:4] for a in conn.sent] == ["80a4", "80a4", "80b0", "80b0"]
    # the second read asks for exactly the rest of the certificate, not the whole slot
    assert int.from_bytes(conn.sent[3][5:7], "big") == len(h.der) - 256


def test_short_only_card_falls_back_to_256_and_remembers_it_per_atr(holder):
    pki, h = holder
    card = VirtualHicosCard(card_set(pki, h), faults=Faults(extended=False))
    conn = CardConnection(card)
    assert HicosSession(conn).read_certificate() == h.der
    reads = [a for a in conn.sent if a[1] == 0xB0]
    # first read is short (256); one extended attempt is refused (6700), the rest comes by 256
    assert [len(a) for a in reads[:3]] == [5, 7, 5]
    assert len(reads) == -(-len(h.der) // 256) + 1
    conn2 = CardConnection(card)
    session2 = HicosSession(conn2)
    assert session2.max_chunk == 256
    assert session2.read_certificate() == h.der
    assert len([a for a in conn2.sent if a[1] == 0xB0]) == -(-len(h.der) // 256)


def test_6700_on_short_le_steps_down(holder):
    pki, h = holder
    conn = CardConnection(VirtualHicosCard(card_set(pki, h), faults=Faults(extended=False, max_le=0xC8)))
    assert HicosSession(conn).read_certificate() == h.der
    reads = [a for a in conn.sent if a[1] == 0xB0]
    assert [r[4] for r in reads[:3]] == [0x00, 0xF0, 0xC8]


def test_6cxx_gives_the_exact_length(holder):
    pki, h = holder
    conn = CardConnection(VirtualHicosCard(card_set(pki, h),
                                           faults=Faults(extended=False, max_le=0xE0, refuse_sw=0x6C00)))
    assert HicosSession(conn).read_certificate() == h.der
    reads = [a for a in conn.sent if a[1] == 0xB0]
    assert reads[1][4] == 0xE0


def test_short_answers_with_9000_are_continued(holder):
    pki, h = holder
    conn = CardConnection(VirtualHicosCard(card_set(pki, h), faults=Faults(short_reads=100)))
    assert HicosSession(conn).read_certificate() == h.der


def test_longer_answer_than_le_is_an_error(holder):
    pki, h = holder
    conn = CardConnection(VirtualHicosCard(card_set(pki, h), faults=Faults(long_reads=3)))
    with pytest.raises(CardDataError, match="returned"):
        HicosSession(conn).read_certificate()


def test_get_response_61xx_is_followed():
    cert_head = "3082" + "0050" + "00" * 0x50
    conn = Scripted([
        ("80a40000025030", "9000"),
        ("80a400000208f2", "9000"),
        ("80b0150000", cert_head[:40] + "6142"),
        ("00c0000042", cert_head[40:] + "9000"),
    ])
    assert HicosSession(conn).read_certificate().hex() == cert_head


def test_goes_through_mf_when_5030_not_found_from_here():
    conn = Scripted([
        ("80a40000025030", "6a82"),
        ("80a40000023f00", "9000"),
        ("80a40000025030", "9000"),
        ("80a400000208f2", "9000"),
        ("80b0000000", "ffff" + "ff" * 254 + "9000"),
    ])
    with pytest.raises(EmptySlotError) as err:
        HicosSession(conn).read_certificate(Slot.ROOT_CA)
    assert err.value.slot == 0


@pytest.mark.parametrize("faults", [Faults(non_hicos=True), Faults(odd_sw={0xA4: 0x6E00})])
def test_non_hicos_card(faults, holder):
    pki, h = holder
    conn = CardConnection(VirtualHicosCard(card_set(pki, h), faults=faults))
    with pytest.raises(NotHicosCardError):
        HicosSession(conn).read_certificate()


def test_odd_status_word_on_read_carries_the_sw(holder):
    pki, h = holder
    conn = CardConnection(VirtualHicosCard(card_set(pki, h), faults=Faults(odd_sw={0xB0: 0x6F00})))
    with pytest.raises(ApduError) as err:
        HicosSession(conn).read_certificate()
    assert err.value.sw == 0x6F00


def test_truncated_certificate_is_not_returned_as_a_certificate(holder):
    from backoffice.smartcard.certinfo import parse_certificate

    pki, h = holder
    card = VirtualHicosCard(card_set(pki, h), faults=Faults(truncate={0x1500: 600}))
    der = HicosSession(CardConnection(card)).read_certificate()
    assert len(der) == len(h.der)  # the header still claims the full length
    with pytest.raises(CardDataError):
        parse_certificate(der)


def test_length_beyond_slot_is_rejected():
    conn = Scripted([
        ("80a40000025030", "9000"),
        ("80a400000208f2", "9000"),
        ("80b0150000", "30820800" + "00" * 252 + "9000"),
    ])
    with pytest.raises(CardDataError, match="does not hold a certificate"):
        HicosSession(conn).read_certificate()


def test_file_ending_before_the_certificate_is_an_error():
    conn = Scripted([
        ("80a40000025030", "9000"),
        ("80a400000208f2", "9000"),
        ("80b0150000", "30820200" + "00" * 60 + "6282"),
    ])
    with pytest.raises(CardDataError, match="file ends"):
        HicosSession(conn).read_certificate()


def test_card_info_reads_cht_v32n(holder):
    pki, h = holder
    conn = CardConnection(VirtualHicosCard(card_set(pki, h)))
    assert HicosSession(conn).read_card_info() == b"CHT V32N"
