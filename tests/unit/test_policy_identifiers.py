"""RULES §10 identifiers: UBN, national ID, resident certificates, masking, MOICA card number."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.policy.identifiers import (
    ID_LETTERS,
    IdCheck,
    check_national_id,
    check_ubn,
    is_moica_card_number,
    mask_national_id,
    national_id_checksum,
    ubn_checksum,
)


@pytest.mark.parametrize("ubn", ["04595257", "10458575", "10458574", "22099131", "04595252", "62140097"])
def test_valid_ubn(ubn: str) -> None:
    r = check_ubn(ubn)
    assert r.valid and r.kind == "ubn" and r.reason is None


@pytest.mark.parametrize(
    ("ubn", "reason"),
    [("12345678", "checksum"), ("04595253", "checksum"), ("", "empty"), ("1234567", "format"),
     ("1234567a", "format"), ("０４５９５２５７", "format")],
)
def test_invalid_ubn(ubn: str, reason: str) -> None:
    r = check_ubn(ubn)
    assert not r.valid and r.reason == reason


def test_new_rule_accepts_more_than_old() -> None:
    assert check_ubn("04595252").valid and not check_ubn("04595252", divisor=10).valid
    assert check_ubn("04595257", divisor=10).valid


ubn_st = st.text(alphabet="0123456789", min_size=8, max_size=8)


@given(ubn_st)
def test_old_valid_implies_new_valid(v: str) -> None:
    if check_ubn(v, divisor=10).valid:
        assert check_ubn(v).valid


def _old_valid_ubn(seven: str) -> str:
    """Append the last digit (weight 1) that makes the old-rule sum divisible by 10."""
    s = ubn_checksum(seven + "0")
    return seven + str((10 - s % 10) % 10)


seven_st = st.text(alphabet="0123456789", min_size=7, max_size=7).filter(lambda t: t[6] != "7")


@given(seven_st)
def test_constructed_old_rule_numbers_are_valid_under_both(seven: str) -> None:
    v = _old_valid_ubn(seven)
    assert check_ubn(v, divisor=10).valid and check_ubn(v).valid


@given(seven_st, st.sampled_from([0, 1, 2, 3, 4, 5, 7]), st.integers(1, 9))
def test_old_rule_detects_single_digit_change(seven: str, pos: int, delta: int) -> None:
    # Weights 1 and 2 permute digit sums mod 10, so the old rule catches any single change there.
    v = _old_valid_ubn(seven)
    changed = v[:pos] + str((int(v[pos]) + delta) % 10) + v[pos + 1:]
    assert not check_ubn(changed, divisor=10).valid


@pytest.mark.parametrize(
    ("nid", "kind"),
    [("A123456789", "citizen"), ("M162773050", "citizen"), ("a123456789", "citizen"),
     ("A800000014", "resident"), ("AA00000009", "resident_old")],
)
def test_valid_ids(nid: str, kind: str) -> None:
    r = check_national_id(nid)
    assert r.valid and r.kind == kind


@pytest.mark.parametrize(
    ("nid", "kind", "reason"),
    [("A123456788", "citizen", "checksum"), ("A800000015", "resident", "checksum"),
     ("AA00000008", "resident_old", "checksum"), ("A323456789", "unknown", "format"),
     ("AE00000009", "unknown", "format"), ("A12345678", "unknown", "format"), ("", "unknown", "empty")],
)
def test_invalid_ids(nid: str, kind: str, reason: str) -> None:
    r = check_national_id(nid)
    assert not r.valid and r.kind == kind and r.reason == reason


def _complete(prefix: str) -> str:
    """Append the check digit that makes ``prefix`` (9 chars) valid."""
    s = national_id_checksum(prefix + "0")
    return prefix + str((10 - s % 10) % 10)


id_prefix = st.tuples(
    st.sampled_from(sorted(ID_LETTERS)),
    st.sampled_from(["1", "2", "8", "9", "A", "B", "C", "D"]),
    st.text(alphabet="0123456789", min_size=7, max_size=7),
).map("".join)


@given(id_prefix)
def test_every_completed_id_is_valid(prefix: str) -> None:
    assert check_national_id(_complete(prefix)).valid


@given(id_prefix, st.sampled_from([2, 6, 8, 9]), st.integers(1, 9))
def test_id_detects_single_digit_change(prefix: str, pos: int, delta: int) -> None:
    # Positions n2, n6, n8/n9 carry weights 7, 3, 1: coprime with 10, so any change is caught.
    v = _complete(prefix)
    changed = v[:pos] + str((int(v[pos]) + delta) % 10) + v[pos + 1:]
    assert not check_national_id(changed).valid


def test_mask() -> None:
    assert mask_national_id("A123456789") == "A12****789"
    assert mask_national_id(" a123456789 ") == "A12****789"
    assert mask_national_id("A1234") == "*****"
    # Only a 10-character ID keeps its ends; anything else would show most of itself.
    assert mask_national_id("A123456") == "*******"
    assert mask_national_id("A12345678") == "*********"
    assert mask_national_id("A1234567890") == "***********"
    assert "456" not in mask_national_id("A123456789")


@pytest.mark.parametrize(
    ("v", "ok"),
    [("TP03000000000001", True), ("AB12345678901234", True), ("A123456789012345", False),
     ("AB1234567890123", False), ("AB123456789012345", False), ("", False)],
)
def test_moica_card_number(v: str, ok: bool) -> None:
    assert is_moica_card_number(v) is ok


def test_to_json() -> None:
    assert check_ubn("12345678").to_json() == {
        "valid": False, "kind": "ubn", "reason": "checksum", "clauses": ["RULES §10 統一編號"]}


# The letter codes as the Ministry of the Interior publishes them (a separate copy of the table:
# the implementation's own table is what this checks).
PUBLISHED_LETTER_CODES = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36), strict=True))


def _reference_id(letter: str, second: str, body: str) -> str:
    """A valid ID by the published rule, written out independently of the module."""
    code = PUBLISHED_LETTER_CODES[letter]
    d2 = PUBLISHED_LETTER_CODES[second] % 10 if second.isalpha() else int(second)
    digits = [code // 10, code % 10, d2, *map(int, body)]
    total = sum(d * w for d, w in zip(digits, (1, 9, 8, 7, 6, 5, 4, 3, 2, 1), strict=True))
    return f"{letter}{second}{body}{(10 - total % 10) % 10}"


@pytest.mark.parametrize("letter", sorted(PUBLISHED_LETTER_CODES))
def test_every_first_letter_has_its_published_code(letter: str) -> None:
    for second in ("1", "2", "8", "9"):
        nid = _reference_id(letter, second, "2345678")
        assert check_national_id(nid).valid, nid
        wrong = nid[:-1] + str((int(nid[-1]) + 5) % 10)
        assert not check_national_id(wrong).valid, wrong


@pytest.mark.parametrize("second", "ABCD")
def test_an_old_resident_number_reads_its_second_letter_by_the_same_table(second: str) -> None:
    nid = _reference_id("A", second, "0000000")
    assert (check_national_id(nid).valid, check_national_id(nid).kind) == (True, "resident_old")


def test_a_valid_result_has_no_reason_and_results_are_frozen() -> None:
    ok = check_national_id("A123456789")
    assert (ok.valid, ok.reason) == (True, None)
    assert ok.clauses and check_ubn("04595257").reason is None
    bare = IdCheck(True, "ubn")
    assert (bare.reason, bare.clauses) == (None, ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        ok.valid = False  # type: ignore[misc]


def test_every_reason_an_id_check_gives_has_its_words_in_both_languages() -> None:
    from backoffice.policy.identifiers import REASONS

    given_reasons = {check_ubn("").reason, check_ubn("1234").reason, check_ubn("12345678").reason,
                     check_national_id("").reason, check_national_id("A12").reason,
                     check_national_id("A123456788").reason}
    assert given_reasons == {"empty", "format", "checksum"}
    assert {r: REASONS[r] for r in given_reasons} == {
        "empty": ("未填寫", "empty"), "format": ("格式不符", "wrong format"),
        "checksum": ("檢查碼錯誤", "check digit mismatch")}
