"""Validation statuses: chain to the trust directory, validity period, CRL revocation."""

from __future__ import annotations

import datetime as dt

import pytest

from backoffice.smartcard.validation import Status, validate
from tests.support.pki import build_test_pki, make_pki

UTC = dt.UTC
NOW = dt.datetime(2026, 6, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def pki():
    return build_test_pki()


@pytest.fixture
def dirs(pki, tmp_path):
    trust = pki.write_trust_dir(tmp_path / "trust")
    crl = tmp_path / "crl"
    crl.mkdir()
    for kind in ("moica", "moeaca", "xca", "gca"):
        pki.write_crl(kind, crl, last_update=NOW - dt.timedelta(days=1), next_update=NOW + dt.timedelta(days=6))
    return trust, crl


@pytest.mark.parametrize("kind", ["moica", "moeaca", "xca", "gca"])
def test_valid_for_every_card_type(pki, dirs, kind):
    result = validate(pki.issue(kind).cert, *dirs, at=NOW)
    assert result.status is Status.VALID, result.detail
    assert len(result.chain) == 3


def test_expired_and_not_yet_valid(pki, dirs):
    cert = pki.issue("moica", not_before=dt.datetime(2025, 1, 1, tzinfo=UTC),
                     not_after=dt.datetime(2026, 1, 1, tzinfo=UTC)).cert
    assert validate(cert, *dirs, at=NOW).status is Status.EXPIRED
    assert validate(cert, *dirs, at=dt.datetime(2024, 12, 31, tzinfo=UTC)).status is Status.NOT_YET_VALID


def test_revoked(pki, dirs, tmp_path):
    holder = pki.issue("moeaca", ubn="04595257", subject_type="company")
    pki.write_crl("moeaca", dirs[1], revoked=[holder.cert.serial_number],
                  last_update=NOW - dt.timedelta(days=1), next_update=NOW + dt.timedelta(days=6))
    result = validate(holder.cert, *dirs, at=NOW)
    assert result.status is Status.REVOKED
    other = pki.issue("moeaca", ubn="10458575", subject_type="company")
    assert validate(other.cert, *dirs, at=NOW).status is Status.VALID


def test_missing_crl_is_revocation_unknown(pki, dirs, tmp_path):
    empty = tmp_path / "nocrl"
    empty.mkdir()
    result = validate(pki.issue("moica").cert, dirs[0], empty, at=NOW)
    assert result.status is Status.REVOCATION_UNKNOWN
    assert validate(pki.issue("moica").cert, dirs[0], None, at=NOW).status is Status.REVOCATION_UNKNOWN


def test_stale_crl_is_revocation_unknown(pki, dirs):
    later = NOW + dt.timedelta(days=30)
    result = validate(pki.issue("moica").cert, *dirs, at=later)
    assert result.status is Status.REVOCATION_UNKNOWN
    assert "stale" in result.detail


def test_crl_signed_by_someone_else_is_ignored(pki, tmp_path):
    trust = pki.write_trust_dir(tmp_path / "trust")
    forged = make_pki()  # same names, other keys
    crl = tmp_path / "crl"
    crl.mkdir()
    forged.write_crl("moica", crl, last_update=NOW - dt.timedelta(days=1), next_update=NOW + dt.timedelta(days=6))
    assert validate(pki.issue("moica").cert, trust, crl, at=NOW).status is Status.REVOCATION_UNKNOWN


def test_lookalike_hierarchy_is_untrusted(pki, dirs):
    forged = make_pki()  # identical names, different keys
    result = validate(forged.issue("moica").cert, *dirs, at=NOW, extra_intermediates=[forged.ca("moica").cert])
    assert result.status is Status.UNTRUSTED


def test_intermediate_from_the_card_completes_the_chain(pki, tmp_path, dirs):
    root_only = pki.write_trust_dir(tmp_path / "rootonly", kinds=())
    cert = pki.issue("gca").cert
    assert validate(cert, root_only, dirs[1], at=NOW).status is Status.UNTRUSTED
    ok = validate(cert, root_only, dirs[1], at=NOW, extra_intermediates=[pki.ca("gca").cert])
    assert ok.status is Status.VALID


def test_empty_trust_dir_is_untrusted(pki, tmp_path, dirs):
    result = validate(pki.issue("moica").cert, tmp_path / "none", dirs[1], at=NOW)
    assert result.status is Status.UNTRUSTED
    assert result.to_json()["status"] == "untrusted"
