"""附表2 / 附表3 authorisation forms and the one-query rule (RULES §5.7, 注意事項2), message by
message: what a filed form lacks, which queries it did not allow, and whether one may be made."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from backoffice.policy.authorisation import (
    AuthorisationForm,
    AuthorisationQuery,
    form_problems,
    in_period,
    may_query,
    period_text,
    query_violations,
)

UBN = "04595257"
REP_ID = "A123456789"
MAR1, MAR31 = date(2026, 3, 1), date(2026, 3, 31)
TODAY = date(2026, 3, 10)


def good(*queries: tuple[date, str], **kw: object) -> AuthorisationForm:
    base: dict[str, object] = dict(ubn=UBN, valid_from=MAR1, valid_until=MAR31, consent=True, signed=True,
                                   representative_id=REP_ID,
                                   queries=tuple(AuthorisationQuery(d, o) for d, o in queries))  # type: ignore[arg-type]
    base.update(kw)
    return AuthorisationForm(**base)  # type: ignore[arg-type]


def test_a_blank_form_lacks_everything_a_form_must_carry() -> None:
    assert form_problems(AuthorisationForm(), UBN, True, TODAY) == [
        ("授權書統一編號無效：空白", "Invalid UBN on the form: blank"),
        ("未載有效期限", "No validity period"),
        ("未勾選同意", "Consent box not ticked"),
        ("未簽章", "Not signed"),
        ("負責人身分證字號格式或檢查碼錯誤", "Representative's ID number malformed"),
    ]
    assert form_problems(AuthorisationForm(), UBN, False, TODAY)[-1] == ("未簽章", "Not signed")
    blank = may_query(AuthorisationForm(), TODAY)
    assert not blank.ok
    assert blank.reasons == ("授權書未勾選同意", "授權書未簽章", "授權書未載有效期限")


def test_a_good_form_has_no_problems_and_allows_its_first_query() -> None:
    assert form_problems(good(), UBN, True, TODAY) == []
    v = may_query(good(), TODAY, "form3")
    assert v.ok and v.clauses == ("附表3 注意事項2", "RULES §5.7")
    assert may_query(good(), TODAY, "form2").clauses == ("附表2 注意事項2", "RULES §5.7")
    assert may_query(good(), TODAY).clauses == ("附表2 注意事項2", "附表3 注意事項2", "RULES §5.7")


@pytest.mark.parametrize(("kw", "problem"), [
    ({"ubn": "10458575"}, ("授權書統一編號 10458575 與申請不符", "UBN 10458575 on the form differs from the application")),
    ({"ubn": "12345678"}, ("授權書統一編號無效：12345678", "Invalid UBN on the form: 12345678")),
    ({"valid_from": MAR31, "valid_until": date(2026, 3, 20)},
     ("有效期限起日晚於迄日：115/03/31–115/03/20", "Validity starts after it ends")),
    ({"valid_from": None}, ("未載有效期限", "No validity period")),
    ({"valid_until": None}, ("未載有效期限", "No validity period")),
    ({"representative_id": "A123456788"}, ("負責人身分證字號格式或檢查碼錯誤", "Representative's ID number malformed")),
])
def test_each_problem_of_a_filed_form_is_named(kw: dict, problem: tuple[str, str]) -> None:
    assert form_problems(good(**kw), UBN, True, TODAY) == [problem]


def test_query_dates_outside_the_period_and_a_period_ended_without_success() -> None:
    late = good((date(2026, 4, 2), "backend_failure"))
    assert form_problems(late, UBN, True, date(2026, 4, 5)) == [
        ("查詢日不在授權期間內：115/04/02", "Query dates outside the validity period: 115/04/02"),
        ("授權期間已過仍未成功查詢，需重新授權", "Validity ended without a successful query: a new form is needed"),
    ]
    # On the last day of the period nothing has ended yet; the day after, it has.
    assert form_problems(good(), UBN, True, MAR31) == []
    assert form_problems(good(), UBN, True, date(2026, 4, 1)) == [
        ("授權期間已過仍未成功查詢，需重新授權", "Validity ended without a successful query: a new form is needed")]
    assert form_problems(good((MAR1, "success")), UBN, True, date(2026, 4, 1)) == []


def test_the_period_reads_in_roc_dates_and_as_unknown_when_either_end_is_missing() -> None:
    assert period_text(good()) == "115/03/01–115/03/31"
    assert period_text(good(valid_from=None)) == "?"
    assert period_text(good(valid_until=None)) == "?"
    assert (in_period(good(), MAR1), in_period(good(), MAR31), in_period(good(), date(2026, 4, 1))) == (True, True, False)
    assert not in_period(good(valid_from=None), TODAY) and not in_period(good(valid_until=None), TODAY)


def test_queries_the_form_did_not_allow_are_each_named() -> None:
    form = good((date(2026, 3, 2), "other_failure"), (date(2026, 3, 3), "backend_failure"))
    assert query_violations(form) == [
        ("115/03/03 於非後端系統問題之失敗後再次查詢", "115/03/03: retry after a failure not caused by the back end")]
    form = good((date(2026, 3, 2), "success"), (date(2026, 3, 3), "success"))
    assert query_violations(form) == [("115/03/03 於成功查詢後再次查詢", "115/03/03: query after a successful one")]
    form = good((date(2026, 3, 30), "backend_failure"), (date(2026, 4, 1), "success"))
    assert query_violations(form) == [("115/04/01 重新查詢已逾授權期間", "115/04/01: retry outside the validity period")]
    # A first query outside the period is a form problem, not a retry.
    assert query_violations(good((date(2026, 4, 1), "success"))) == []
    assert query_violations(good((date(2026, 3, 2), "backend_failure"), (date(2026, 3, 3), "success"))) == []


@pytest.mark.parametrize(("form", "today", "reasons"), [
    (good((MAR1, "success")), TODAY, ("已成功查詢一次，單次授權僅限發查一次",)),
    (good((MAR1, "other_failure")), TODAY, ("前次查詢失敗非因後端系統問題，不得重新查詢，需重新授權",)),
    (good((MAR1, "backend_failure")), TODAY, ()),
    (good(), date(2026, 4, 1), ("今日不在授權期間 115/03/01–115/03/31 內",)),
    (good(valid_until=None), TODAY, ("授權書未載有效期限",)),
])
def test_may_query_says_why_not(form: AuthorisationForm, today: date, reasons: tuple[str, ...]) -> None:
    v = may_query(form, today)
    assert (v.ok, v.reasons) == (not reasons, reasons)


def test_the_english_reason_for_a_day_outside_the_period_shows_the_roc_period() -> None:
    assert may_query(good(), date(2026, 4, 1)).reasons_en == (
        "Today is outside the validity period 115/03/01–115/03/31",)


def test_forms_and_queries_are_frozen_and_an_unknown_outcome_is_refused() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        good().consent = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        AuthorisationQuery(MAR1, "success").outcome = "other_failure"  # type: ignore[misc]
    with pytest.raises(ValueError, match="unknown query outcome"):
        AuthorisationQuery(MAR1, "timeout")  # type: ignore[arg-type]
    bare = AuthorisationForm()
    assert (bare.ubn, bare.valid_from, bare.valid_until, bare.consent, bare.signed, bare.representative_id,
            bare.queries) == (None, None, None, False, False, None, ())


def test_a_one_day_validity_period_is_a_period() -> None:
    one_day = good(valid_from=TODAY, valid_until=TODAY, queries=(AuthorisationQuery(TODAY, "success"),))
    assert form_problems(one_day, UBN, True, TODAY) == []
