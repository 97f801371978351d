"""產業類別 of 附表1: the table transcribed from the form, code normalisation, validation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backoffice.policy.industry import (
    DIVISIONS,
    SECTIONS,
    SECTIONS_EN,
    label,
    normalise_division,
    section_label,
    section_of,
    validate_industry,
)

# The 附表1 part of the seed form text, shipped with the tests (no machine path, never skipped).
SEED = Path(__file__).resolve().parent.parent / "data" / "industry_form_excerpt.txt"


def _form_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_table_matches_the_form_text() -> None:
    """Every 大類 and 中類 line of 附表1 is in the table with the same name, and nothing else."""
    text = _form_text()
    sections = dict(re.findall(r"([A-S]) 大類 - +(\S+)", text))
    divisions = {
        code.replace("∣", "-"): name.strip()
        for code, name in re.findall(r"(\d\d(?:∣\d\d)?)中類 - (.+)", text)
    }
    assert sections == SECTIONS
    assert {k: v.name_zh for k, v in DIVISIONS.items()} == divisions
    assert len(DIVISIONS) == 88  # 90 two-digit codes of the form, two pairs merged


def test_divisions_sit_in_their_sections_in_order() -> None:
    text = _form_text()
    current = None
    seen: dict[str, str] = {}
    for line in text.splitlines():
        m = re.search(r"([A-S]) 大類 -", line)
        if m:
            current = m.group(1)
        m = re.search(r"(\d\d(?:∣\d\d)?)中類 -", line)
        if m:
            assert current is not None
            seen[m.group(1).replace("∣", "-")] = current
    assert seen == {k: v.section for k, v in DIVISIONS.items()}


def test_every_entry_has_an_english_name() -> None:
    assert set(SECTIONS_EN) == set(SECTIONS)
    for d in DIVISIONS.values():
        assert d.name_en and d.name_en.isascii()
        assert d.section in SECTIONS


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("62", "62"),
        (62, "62"),
        (" 62 ", "62"),
        ("62中類", "62"),
        ("1", "01"),
        ("01", "01"),
        ("45", "45-46"),
        ("46", "45-46"),
        ("4546", "45-46"),
        ("45|46", "45-46"),
        ("45∣46", "45-46"),
        ("45-46", "45-46"),
        ("45／46", "45-46"),
        ("47", "47-48"),
        ("48", "47-48"),
        ("47∣48", "47-48"),
        ("4748", "47-48"),
        ("4647", None),  # not a combined pair
        ("4548", None),
        ("04", None),  # gap in the table
        ("57", None),
        ("89", None),
        ("97", None),
        ("６２", None),  # full-width digits are not codes
        ("", None),
        (None, None),
        ("ab", None),
    ],
)
def test_normalise_division(raw: str | int | None, expected: str | None) -> None:
    assert normalise_division(raw) == expected


@pytest.mark.parametrize(
    ("division", "section"),
    [
        ("01", "A"),
        ("06", "B"),
        ("34", "C"),
        ("35", "D"),
        ("46", "G"),
        ("47∣48", "G"),
        ("62", "J"),
        ("84", "O"),
        ("96", "S"),
    ],
)
def test_section_of(division: str, section: str) -> None:
    assert section_of(division) == section


def test_section_of_unknown_raises() -> None:
    with pytest.raises(KeyError):
        section_of("99")


def test_labels() -> None:
    assert label("62") == "62 電腦程式設計、諮詢及相關服務業"
    assert label("45∣46") == "45-46 批發業"
    assert label("62", "en") == "62 Computer programming, consultancy and related activities"
    assert section_label("j") == "J 出版影音及資通訊業"
    with pytest.raises(KeyError):
        label("00")


@pytest.mark.parametrize(
    ("section", "division", "other", "ok"),
    [
        ("J", "62", None, True),
        (None, "62", None, True),
        ("j", "62", "", True),
        ("G", "45|46", None, True),
        ("C", "62", None, False),  # division not in that section
        (None, "99", None, False),
        ("J", None, None, True),  # a section box alone [decision]
        ("Z", None, None, False),
        (None, None, "寵物美容", True),  # 其他
        (None, None, "   ", False),  # blank 其他
        (None, None, None, False),  # nothing chosen
        ("J", "62", "軟體", False),  # two choices
        ("J", None, "軟體", False),
    ],
)
def test_validate_industry(section: str | None, division: str | None, other: str | None, ok: bool) -> None:
    v = validate_industry(section, division, other)
    assert v.ok is ok
    assert bool(v.reasons) is not ok and len(v.reasons) == len(v.reasons_en)
    assert v.clauses == ("附表1 產業類別",)


def test_full_width_digits_name_no_division_and_divisions_are_frozen() -> None:
    import dataclasses

    from backoffice.policy.industry import DIVISIONS, normalise_division

    assert normalise_division("62") == "62"
    assert normalise_division("６２") is None  # full-width digits: retype as ASCII
    assert normalise_division("6a") is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        DIVISIONS["62"].section = "A"  # type: ignore[misc]
