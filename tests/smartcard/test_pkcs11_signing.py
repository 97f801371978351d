"""Signing on a real SoftHSM2 token, verification, and the token-vs-card certificate check."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from backoffice.smartcard.signing import (
    CertificateMismatchError,
    SignedBlob,
    certificates_match,
    prove_possession,
    sha256_hex,
    sign_bytes,
    verify,
)
from tests.support.pki import build_test_pki
from tests.support.softhsm import SoftToken, make_soft_token, spy_calls

pytestmark = pytest.mark.pkcs11

PAYLOAD = "核准退款 案號 R-115-0042 點數 17,500".encode()


def test_sign_and_verify_round_trip(soft_token: SoftToken) -> None:
    blob = sign_bytes(soft_token.module, PAYLOAD, soft_token.user_pin)
    assert blob.payload == PAYLOAD
    assert blob.cert_der == soft_token.cert_der
    assert verify(PAYLOAD, blob.signature, blob.cert_der)
    assert blob.verify()
    # PKCS#1 v1.5 is deterministic: the card's signature equals one made with the same key here,
    # which pins the mechanism to SHA-256 + PKCS#1 v1.5 (not raw RSA, not PSS).
    assert soft_token.holder is not None
    expected = soft_token.holder.key.sign(PAYLOAD, padding.PKCS1v15(), hashes.SHA256())
    assert blob.signature == expected


def test_verify_rejects_a_changed_payload_or_signature(soft_token: SoftToken) -> None:
    blob = sign_bytes(soft_token.module, PAYLOAD, soft_token.user_pin)
    assert not verify(PAYLOAD + b"0", blob.signature, blob.cert_der)
    bad = bytes([blob.signature[0] ^ 1]) + blob.signature[1:]
    assert not verify(PAYLOAD, bad, blob.cert_der)
    other = build_test_pki().issue("moica", name="陳其他", id_last4="1111", subject_type="citizen")
    assert not verify(PAYLOAD, blob.signature, other.der)


def test_verify_refuses_garbage_certificate() -> None:
    with pytest.raises(ValueError):
        verify(PAYLOAD, b"\x00" * 256, b"\x30\x03\x02\x01\x01")


def test_signed_blob_json_carries_the_certificate_hash(soft_token: SoftToken) -> None:
    blob = sign_bytes(soft_token.module, PAYLOAD, soft_token.user_pin)
    document = blob.to_json()
    assert document["cert_sha256"] == sha256_hex(soft_token.cert_der)
    assert document["algorithm"] == "sha256WithRSAEncryption"
    assert SignedBlob(PAYLOAD, blob.signature, soft_token.cert_der).verify()


def test_matching_pcsc_certificate_is_accepted(soft_token: SoftToken) -> None:
    blob = sign_bytes(soft_token.module, PAYLOAD, soft_token.user_pin,
                      expected_cert_der=soft_token.cert_der)
    assert certificates_match(blob.cert_der, soft_token.cert_der)


def test_mismatch_with_pcsc_certificate_stops_before_the_pin(
    soft_token: SoftToken, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card_cert = build_test_pki().issue("moica", name="張別人", id_last4="2222", subject_type="citizen")
    log = tmp_path / "spy.log"
    module_path = soft_token.spy(log, monkeypatch)
    with pytest.raises(CertificateMismatchError) as caught:
        sign_bytes(module_path, PAYLOAD, soft_token.user_pin, expected_cert_der=card_cert.der)
    assert caught.value.expected_sha256 == sha256_hex(card_cert.der)
    assert caught.value.found_sha256 == (sha256_hex(soft_token.cert_der),)
    assert spy_calls(log, "C_Login") == 0  # the PIN never reached the wrong card


def test_signature_certificate_is_chosen_over_encryption_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pki = build_test_pki()
    encryption = pki.issue("moica", name="林官員", id_last4="6789", subject_type="citizen",
                           usage="encryption")
    signature = pki.issue("moica", name="林官員", id_last4="6789", subject_type="citizen")
    # The encryption certificate is imported first (lower CKA_ID), as on a HiCOS card.
    token = make_soft_token(tmp_path / "hsm", encryption, extra=[signature])
    monkeypatch.setenv("SOFTHSM2_CONF", str(token.conf))
    blob = sign_bytes(token.module, PAYLOAD, token.user_pin)
    assert blob.cert_der == signature.der
    assert blob.verify()


def test_prove_possession_signs_a_fresh_challenge(soft_token: SoftToken) -> None:
    first = prove_possession(soft_token.module, soft_token.user_pin, soft_token.cert_der, context=b"o1")
    second = prove_possession(soft_token.module, soft_token.user_pin, soft_token.cert_der, context=b"o1")
    assert first.verify() and second.verify()
    assert first.payload != second.payload
