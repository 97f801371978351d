"""TLV and certificate parsing: vectors, the card-type/holder table, and hypothesis fuzzing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backoffice.smartcard.certinfo import decode_subject_directory_attributes, parse_certificate
from backoffice.smartcard.connection import CardDataError
from backoffice.smartcard.tlv import TlvError, decode_oid, iter_tlvs, parse_one, read_header
from tests.support.pki import build_test_pki, der_oid, der_printable, make_pki, subject_directory_attributes


@pytest.mark.parametrize(("data", "header"), [
    ("3082059a", (0x30, 4, 0x59A)),
    ("300a", (0x30, 2, 10)),
    ("0481ff", (0x04, 3, 255)),
    ("06830100 00".replace(" ", ""), (0x06, 5, 0x10000)),
])
def test_read_header_vectors(data, header):
    assert read_header(bytes.fromhex(data)) == header


@pytest.mark.parametrize("data", ["", "30", "3082", "308201", "3080", "3085", "1f8101"])
def test_read_header_rejects(data):
    with pytest.raises(TlvError):
        read_header(bytes.fromhex(data))


@pytest.mark.parametrize(("dotted",), [
    ("2.16.886.1.100.2.51",), ("2.16.886.1.100.3.2.2.1.1",), ("2.5.29.9",), ("1.2.840.113549.1.1.11",),
    ("0.9.2342",),
])
def test_oid_round_trip(dotted):
    assert decode_oid(parse_one(der_oid(dotted)).value) == dotted


def test_decode_oid_known_bytes():
    assert decode_oid(bytes.fromhex("60867601640233")) == "2.16.886.1.100.2.51"
    with pytest.raises(TlvError):
        decode_oid(b"\x60\x86")


def test_iter_tlvs_requires_exact_fill():
    assert [t.value for t in iter_tlvs(bytes.fromhex("0101ff0400"))] == [b"\xff", b""]
    with pytest.raises(TlvError):
        list(iter_tlvs(bytes.fromhex("0102ff")))


def test_subject_directory_attributes_decoding():
    value = subject_directory_attributes([
        ("2.16.886.1.100.2.1", der_oid("2.16.886.1.100.3.1.9")),
        ("2.16.886.1.100.2.51", der_printable("0014")),
    ])
    assert decode_subject_directory_attributes(value) == {
        "2.16.886.1.100.2.1": ["2.16.886.1.100.3.1.9"],
        "2.16.886.1.100.2.51": ["0014"],
    }


# --- identity: one case per card type ------------------------------------------------------
@pytest.mark.parametrize(("kind", "kwargs", "expected"), [
    ("moica", dict(name="王小明", id_last4="6789", subject_type="citizen"),
     dict(name="王小明", id_last4="6789", ubn=None, org_id=None, subject_type="citizen")),
    ("moica", dict(name="JOHN SMITH", id_last4="0014", subject_type="resident"),
     dict(name="JOHN SMITH", id_last4="0014", ubn=None, org_id=None, subject_type="resident")),
    ("moeaca", dict(company="好給力股份有限公司", ubn="04595257", subject_type="company"),
     dict(name="好給力股份有限公司", id_last4=None, ubn="04595257", org_id=None, subject_type="company")),
    ("moeaca", dict(company="好給力股份有限公司台中分公司", ubn="10458575", subject_type="branch"),
     dict(name="好給力股份有限公司台中分公司", id_last4=None, ubn="10458575", org_id=None, subject_type="branch")),
    ("moeaca", dict(company="阿明小吃店", ubn="22099131", subject_type="sole_proprietorship"),
     dict(name="阿明小吃店", id_last4=None, ubn="22099131", org_id=None, subject_type="sole_proprietorship")),
    ("xca", dict(org="台灣雲端協會", org_id="A0000001"),
     dict(name="台灣雲端協會", id_last4=None, ubn=None, org_id="A0000001", subject_type="organisation")),
    ("gca", dict(org="數位發展部", org_id="2.16.886.101.20003"),
     dict(name="數位發展部", id_last4=None, ubn=None, org_id="2.16.886.101.20003", subject_type="government")),
])
def test_card_type_and_holder(kind, kwargs, expected):
    info = parse_certificate(build_test_pki().issue(kind, **kwargs).der)
    assert info.card_type == kind
    assert info.holder.to_json() == expected


def test_unknown_issuer_keeps_raw_subject():
    other = make_pki(root_ou="Some Root")
    holder = other.issue("moica", name="王小明", issuer=other.root)
    info = parse_certificate(holder.der)
    assert info.card_type == "unknown"
    assert "CN=王小明" in info.subject


# --- fuzzing: garbage must only ever raise the module's own errors ---------------------------
@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=64))
def test_fuzz_tlv(data):
    try:
        for item in iter_tlvs(data):
            assert item.total_len <= len(data)
    except TlvError:
        pass


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=80))
def test_fuzz_subject_directory_attributes(data):
    try:
        decode_subject_directory_attributes(data)
    except CardDataError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_certificate_mutations(data):
    der = bytearray(build_test_pki().issue("moica", name="王小明", id_last4="6789", subject_type="citizen").der)
    mode = data.draw(st.sampled_from(["flip", "truncate", "splice"]))
    if mode == "flip":
        for _ in range(data.draw(st.integers(1, 8))):
            pos = data.draw(st.integers(0, len(der) - 1))
            der[pos] = data.draw(st.integers(0, 255))
    elif mode == "truncate":
        der = der[: data.draw(st.integers(0, len(der) - 1))]
    else:
        pos = data.draw(st.integers(0, len(der)))
        der[pos:pos] = data.draw(st.binary(min_size=1, max_size=16))
    try:
        info = parse_certificate(bytes(der))
    except CardDataError:
        return
    assert info.card_type in {"moica", "moeaca", "xca", "gca", "unknown"}
    info.certificate_json()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_certificate_random_bytes(data):
    try:
        parse_certificate(b"\x30\x82" + len(data).to_bytes(2, "big") + data)
    except CardDataError:
        pass


def test_a_certificate_with_an_unknown_version_is_bad_card_data_everywhere(tmp_path) -> None:
    """Fuzzing found it: cryptography raises InvalidVersion (not a ValueError) for version 2 (v2
    is value 1); the card read, the officer binding, the trust store and signature checks must all
    refuse it as bad data, never crash."""
    from backoffice.services.admin.officers import CertBinding, InvalidCertificateError
    from backoffice.smartcard.signing import verify as verify_signature
    from backoffice.smartcard.validation import TrustStore

    good = build_test_pki().issue("moica", name="王小明", id_last4="6789", subject_type="citizen").der
    version = bytes.fromhex("a003020102")  # [0] EXPLICIT INTEGER 2 (v3)
    assert good.count(version) == 1
    bad = good.replace(version, bytes.fromhex("a003020101"))
    with pytest.raises(CardDataError):
        parse_certificate(bad)
    with pytest.raises(InvalidCertificateError):
        CertBinding.from_der(bad)
    with pytest.raises(ValueError):
        verify_signature(b"payload", b"\x00" * 256, bad)
    (tmp_path / "odd.cer").write_bytes(bad)
    store = TrustStore.from_dir(tmp_path)
    assert store.anchors == store.intermediates == []  # ignored, like any file that is not a certificate
