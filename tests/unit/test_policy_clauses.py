"""What a person reads for a clause (RULES: users see published clauses only): every citable
reference is a published clause or our own reading, published 須知 clauses have their wording,
and shown / shown_all / label / wording / describe say exactly what they should."""

from __future__ import annotations

import dataclasses

import pytest

from backoffice.policy import clauses as C
from backoffice.policy.clause_wording import WORDING

PUBLISHED = ("須知", "附表", "手冊", "民法", "中小企業認定標準")


def test_every_citable_reference_is_a_published_clause_or_our_own_reading() -> None:
    constants = {v for k, v in vars(C).items() if k.isupper() and isinstance(v, str)
                 and k not in ("INTERNAL_PREFIX", "OPERATING_RULE_ZH", "OPERATING_RULE_EN")}
    assert constants == set(C.CLAUSES)  # every constant is in the table, and only those
    for ref, clause in C.CLAUSES.items():
        assert isinstance(ref, str) and clause.ref == ref and clause.title_zh and clause.title_en
        assert ref.startswith(PUBLISHED) or C.is_internal(ref), ref
    # Every Guidelines section we cite has its published wording for the tooltip.
    assert {r for r in C.CLAUSES if r.startswith("須知")} <= set(WORDING)


def test_a_published_clause_is_shown_with_its_title_and_our_reading_as_an_operating_rule() -> None:
    assert C.shown(C.LAPSE) == "須知七(三) 1 個月內完全未使用，點數返還系統"
    assert C.shown(C.LAPSE, "en") == "須知七(三) Unused for 1 month: points return to the system"
    assert C.shown(C.DECISION_DATES) == "作業原則：期限遇假日不順延"
    assert C.shown(C.DECISION_DATES, "en_US") == "Operating rule: Deadlines are not moved off holidays"
    assert (C.label(C.LAPSE), C.label(C.DECISION_DATES)) == ("須知七(三)", "作業原則")
    assert C.is_internal("  RULES §9") and not C.is_internal("須知八(五)")


def test_unknown_references_never_error_and_never_show_an_internal_reference() -> None:
    assert C.describe("須知九(九)") == C.Clause("須知九(九)", "須知九(九)", "須知九(九)")
    assert C.shown("須知九(九)") == "須知九(九)"
    assert C.describe("RULES §99") == C.Clause("RULES §99", "本執行單位作業原則", "the executing unit's operating practice")
    assert C.shown("RULES §99") == "作業原則：本執行單位作業原則"
    assert C.wording("RULES §99", "en") == "Operating rule: the executing unit's operating practice"


def test_shown_all_gives_each_clause_once_in_order() -> None:
    refs = [C.VALIDITY, C.LAPSE, C.VALIDITY, C.DECISION_DATES, C.DECISION_DATES]
    assert C.shown_all(refs) == "須知七(二) 獲發點數日起 3 個月內使用完畢、須知七(三) 1 個月內完全未使用，點數返還系統、作業原則：期限遇假日不順延"
    assert C.shown_all([C.VALIDITY, C.LAPSE], "en", sep=" / ") == (
        "須知七(二) Use points within 3 months of issue / 須知七(三) Unused for 1 month: points return to the system")
    assert C.shown_all([]) == ""


def test_the_tooltip_quotes_the_published_wording() -> None:
    assert C.wording(C.POINT_VALUE) == f"須知二(一)：「{WORDING['須知二(一)']}」"
    assert C.wording(C.POINT_VALUE, "en") == f"須知二(一) 30,000 points granted; 1 point = NT$1\n「{WORDING['須知二(一)']}」"
    assert C.wording(C.DECISION_DATES) == "作業原則：期限遇假日不順延"
    assert C.wording("須知九(九)") == "須知九(九)"  # no wording on file: the reference itself


def test_a_clause_cannot_be_changed() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        C.CLAUSES[C.LAPSE].title_zh = "x"  # type: ignore[misc]


def test_results_turn_into_json_and_anything_else_is_refused() -> None:
    from datetime import date
    from fractions import Fraction

    from backoffice.policy.results import jsonable

    assert jsonable({"a": (1, None, True), "b": frozenset({2, 1}), "d": date(2026, 3, 1), "f": Fraction(1, 3)}) == {
        "a": [1, None, True], "b": [1, 2], "d": "2026-03-01", "f": "1/3"}
    for odd in (1.5, object(), b"bytes"):
        with pytest.raises(TypeError, match="cannot convert"):
            jsonable(odd)
