"""Eligibility review (RULES §4, §5): applicant types, identity methods, checks, authorisation forms."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from backoffice.policy.applicants import (
    TYPE_RULES,
    ApplicantType,
    IdentityMethod,
    forms_required,
    identity_method_allowed,
    method_label,
    representative_id_collected,
    type_label,
)
from backoffice.policy.eligibility import (
    CHECK_CODES,
    AuthorisationForm,
    AuthorisationQuery,
    EligibilityInput,
    evaluate,
    may_query,
    overall,
)

T = ApplicantType
M = IdentityMethod
UBN = "04595257"
OTHER_UBN = "10458575"
REP_ID = "A123456789"
TODAY = date(2026, 3, 10)


def form(
    *queries: tuple[date, str], ubn: str = UBN, rep: str | None = None, **kw: object
) -> AuthorisationForm:
    base: dict[str, object] = dict(
        ubn=ubn,
        valid_from=date(2026, 3, 1),
        valid_until=date(2026, 3, 31),
        consent=True,
        signed=True,
        representative_id=rep,
        queries=tuple(AuthorisationQuery(d, o) for d, o in queries),  # type: ignore[arg-type]
    )
    base.update(kw)
    return AuthorisationForm(**base)  # type: ignore[arg-type]


def sme(**kw: object) -> EligibilityInput:
    """A fully eligible SME application; tests change one fact at a time."""
    base: dict[str, object] = dict(
        ubn=UBN,
        applicant_type=T.SME,
        identity_method=M.MOEACA_CARD,
        has_company_registration=True,
        has_business_registration=False,
        has_lp_registration=False,
        has_tax_registration=True,
        paid_in_capital=5_000_000,
        regular_employees=12,
        declarations=frozenset(range(1, 11)),
        declarations_agreed=True,
        personal_data_consent=True,
        self_assessment_done=True,
        no_tax_arrears_declared=True,
        is_mainland_capital=False,
        is_foreign_branch=False,
        is_domestic_branch=False,
        moeaca_subject_type="company",
        granted_before=False,
        used_points_before=False,
        other_cloud_subsidy=False,
        major_breach_registry_hit=False,
        serious_violation=False,
        form2=form((date(2026, 3, 2), "success")),
        form3=form((date(2026, 3, 2), "success"), rep=REP_ID),
    )
    base.update(kw)
    return EligibilityInput(**base)  # type: ignore[arg-type]


def outcome(inp: EligibilityInput, code: str) -> str:
    return evaluate(inp, TODAY).item(code).outcome


# --- RULES §4 table -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("atype", "method", "as_type", "ok"),
    [
        (T.SME, M.MOEACA_CARD, None, True),
        (T.SME, M.MOICA_CARD, None, True),
        (T.SME, M.MOICA_MOBILE, None, True),
        (T.SME, M.PHONE, None, True),
        (T.SME, M.XCA_CARD, None, False),
        (T.TAX_REGISTERED, M.MOICA_CARD, None, True),
        (T.TAX_REGISTERED, M.MOICA_MOBILE, None, True),
        (T.TAX_REGISTERED, M.MOEACA_CARD, None, False),
        (T.TAX_REGISTERED, M.PHONE, None, False),
        (T.COOPERATIVE, M.XCA_CARD, None, True),
        (T.COOPERATIVE, M.MOICA_CARD, None, True),
        (T.COOPERATIVE, M.MOEACA_CARD, None, False),
        (T.COOPERATIVE, M.PHONE, None, False),
        (T.SOCIAL_INNOVATION_NONPROFIT, M.XCA_CARD, None, True),
        (T.SOCIAL_INNOVATION_NONPROFIT, M.MOICA_CARD, None, False),
        (T.SOCIAL_INNOVATION_FORPROFIT, M.MOEACA_CARD, T.SME, True),
        (T.SOCIAL_INNOVATION_FORPROFIT, M.PHONE, T.SME, True),
        (T.SOCIAL_INNOVATION_FORPROFIT, M.MOEACA_CARD, T.TAX_REGISTERED, False),
        (T.SOCIAL_INNOVATION_FORPROFIT, M.MOICA_MOBILE, T.TAX_REGISTERED, True),
        (T.SOCIAL_INNOVATION_FORPROFIT, M.XCA_CARD, T.SME, False),
        (T.SOCIAL_INNOVATION_FORPROFIT, M.MOICA_CARD, None, False),  # must say which type
        (T.SOCIAL_INNOVATION_FORPROFIT, M.XCA_CARD, T.COOPERATIVE, False),  # not a permitted as-type
        (T.SME, M.MOEACA_CARD, T.TAX_REGISTERED, False),  # only for-profit SI applies "as"
        (T.SME, M.MOEACA_CARD, T.SME, True),
    ],
)
def test_identity_method_table(atype: T, method: M, as_type: T | None, ok: bool) -> None:
    v = identity_method_allowed(atype, method, as_type)
    assert v.ok is ok
    assert bool(v.reasons) is not ok
    assert len(v.reasons) == len(v.reasons_en)
    assert any(c.startswith("須知六(一)") for c in v.clauses)


def test_identity_method_accepts_plain_strings() -> None:
    assert identity_method_allowed("tax_registered", "moeaca_card").ok is False
    assert identity_method_allowed("sme", "phone").ok is True


@pytest.mark.parametrize(
    ("atype", "as_type", "required"),
    [
        (T.SME, None, True),
        (T.TAX_REGISTERED, None, True),
        (T.COOPERATIVE, None, True),
        (T.SOCIAL_INNOVATION_NONPROFIT, None, False),
        (T.SOCIAL_INNOVATION_FORPROFIT, T.SME, True),
        (T.SOCIAL_INNOVATION_FORPROFIT, T.TAX_REGISTERED, True),
        (T.SOCIAL_INNOVATION_FORPROFIT, None, True),
    ],
)
def test_forms_required(atype: T, as_type: T | None, required: bool) -> None:
    assert forms_required(atype, as_type) is required


@pytest.mark.parametrize(
    ("method", "collected"),
    [
        (M.MOEACA_CARD, False),
        (M.MOICA_CARD, True),
        (M.MOICA_MOBILE, True),
        (M.PHONE, True),
        (M.XCA_CARD, True),
    ],
)
def test_representative_id_collected(method: M, collected: bool) -> None:
    assert representative_id_collected(method) is collected


def test_every_type_and_method_has_both_labels() -> None:
    for t in T:
        assert t in TYPE_RULES
        assert type_label(t) and type_label(t, "en") and type_label(t) != type_label(t, "en")
    for m in M:
        assert method_label(m) and method_label(m, "en") and method_label(m) != method_label(m, "en")
    assert type_label("cooperative") == "合作社"


# --- the whole report --------------------------------------------------------------------------


def test_clean_sme_is_eligible_and_report_is_complete() -> None:
    report = evaluate(sme(), TODAY)
    assert tuple(it.code for it in report.items) == CHECK_CODES
    assert {it.outcome for it in report.items} == {"pass"}
    assert report.eligible is True
    for it in report.items:
        assert it.clauses and it.title_zh and it.title_en and it.evidence and it.evidence_en
    js = report.to_json()
    assert js["eligible"] is True and js["items"][0]["code"] == "applicant_type"


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        (["pass", "pass"], True),
        (["pass", "not_applicable"], True),
        (["pass", "unknown"], None),
        (["unknown", "fail"], False),
        (["fail", "pass"], False),
    ],
)
def test_overall(outcomes: list[str], expected: bool | None) -> None:
    assert overall(outcomes) is expected


def test_unknown_fact_makes_report_undecided_not_ineligible() -> None:
    report = evaluate(sme(regular_employees=None, paid_in_capital=None), TODAY)
    assert report.item("sme_size").outcome == "unknown"
    assert report.eligible is None


def test_one_failure_makes_report_ineligible() -> None:
    report = evaluate(sme(regular_employees=None, paid_in_capital=None, is_domestic_branch=True), TODAY)
    assert report.eligible is False


# --- applicant_type (須知四) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "pass"),
        ({"has_company_registration": False, "has_business_registration": True}, "pass"),
        ({"has_company_registration": False, "has_business_registration": False}, "fail"),
        ({"has_company_registration": None, "has_business_registration": False}, "unknown"),
        ({"ubn": "12345678"}, "fail"),
        # tax-registered: no company/business/LP registration, but a tax registration
        (
            {
                "applicant_type": T.TAX_REGISTERED,
                "identity_method": M.MOICA_CARD,
                "has_company_registration": False,
            },
            "pass",
        ),
        ({"applicant_type": T.TAX_REGISTERED, "identity_method": M.MOICA_CARD}, "fail"),
        (
            {
                "applicant_type": T.TAX_REGISTERED,
                "identity_method": M.MOICA_CARD,
                "has_company_registration": False,
                "has_lp_registration": True,
            },
            "fail",
        ),
        (
            {
                "applicant_type": T.TAX_REGISTERED,
                "has_company_registration": False,
                "has_tax_registration": False,
            },
            "fail",
        ),
        # cooperative: Cooperative Act, tax registration, not a subsidiary unit
        (
            {
                "applicant_type": T.COOPERATIVE,
                "has_cooperative_registration": True,
                "is_subsidiary_unit": False,
            },
            "pass",
        ),
        (
            {
                "applicant_type": T.COOPERATIVE,
                "has_cooperative_registration": True,
                "is_subsidiary_unit": True,
            },
            "fail",
        ),
        ({"applicant_type": T.COOPERATIVE, "has_cooperative_registration": True}, "unknown"),
        # social innovation: in the registry
        ({"applicant_type": T.SOCIAL_INNOVATION_NONPROFIT, "in_social_innovation_registry": True}, "pass"),
        ({"applicant_type": T.SOCIAL_INNOVATION_NONPROFIT, "in_social_innovation_registry": False}, "fail"),
        (
            {
                "applicant_type": T.SOCIAL_INNOVATION_FORPROFIT,
                "as_type": T.SME,
                "in_social_innovation_registry": True,
            },
            "pass",
        ),
        (
            {
                "applicant_type": T.SOCIAL_INNOVATION_FORPROFIT,
                "as_type": T.SME,
                "in_social_innovation_registry": False,
            },
            "fail",
        ),
        # for-profit SI applying as tax-registered while holding a company registration
        (
            {
                "applicant_type": T.SOCIAL_INNOVATION_FORPROFIT,
                "as_type": T.TAX_REGISTERED,
                "in_social_innovation_registry": True,
            },
            "fail",
        ),
        ({"applicant_type": T.SOCIAL_INNOVATION_FORPROFIT, "in_social_innovation_registry": True}, "fail"),
    ],
)
def test_applicant_type_holds(changes: dict[str, object], expected: str) -> None:
    assert outcome(sme(**changes), "applicant_type") == expected


# --- identity_method in the report ------------------------------------------------------------


def test_tax_registered_with_moeaca_card_fails_identity_method() -> None:
    inp = sme(applicant_type=T.TAX_REGISTERED, has_company_registration=False, identity_method=M.MOEACA_CARD)
    item = evaluate(inp, TODAY).item("identity_method")
    assert item.outcome == "fail"
    assert "須知六(一)2" in item.clauses
    assert evaluate(inp, TODAY).eligible is False
    ok = dataclasses.replace(inp, identity_method=M.MOICA_MOBILE)
    assert outcome(ok, "identity_method") == "pass"


def test_missing_identity_method_is_unknown() -> None:
    assert outcome(sme(identity_method=None), "identity_method") == "unknown"


# --- sme_size (中小企業認定標準 Art. 2) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("capital", "employees", "expected"),
    [
        (100_000_000, 500, "pass"),  # capital at the limit
        (100_000_001, 199, "pass"),  # employees just below 200
        (100_000_001, 200, "fail"),  # neither
        (500_000_000, 1000, "fail"),
        (100_000_001, None, "unknown"),
        (None, 200, "unknown"),
        (None, 5, "pass"),
        (None, None, "unknown"),
    ],
)
def test_sme_size(capital: int | None, employees: int | None, expected: str) -> None:
    assert outcome(sme(paid_in_capital=capital, regular_employees=employees), "sme_size") == expected


def test_sme_size_applies_only_to_smes() -> None:
    coop = sme(
        applicant_type=T.COOPERATIVE,
        identity_method=M.XCA_CARD,
        has_cooperative_registration=True,
        is_subsidiary_unit=False,
        paid_in_capital=10**9,
        regular_employees=900,
    )
    assert outcome(coop, "sme_size") == "not_applicable"
    si_as_sme = sme(
        applicant_type=T.SOCIAL_INNOVATION_FORPROFIT,
        as_type=T.SME,
        in_social_innovation_registry=True,
        paid_in_capital=10**9,
        regular_employees=900,
    )
    assert outcome(si_as_sme, "sme_size") == "fail"


def test_negative_capital_is_rejected() -> None:
    with pytest.raises(ValueError):
        sme(paid_in_capital=-1)
    with pytest.raises(ValueError):
        sme(declarations=frozenset({0, 1}))


# --- records or declarations ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "field", "declaration"),
    [
        ("no_major_breach", "major_breach_registry_hit", 2),
        ("no_serious_violation", "serious_violation", 3),
        ("no_other_subsidy", "other_cloud_subsidy", 5),
    ],
)
@pytest.mark.parametrize(
    ("flag", "declared", "expected"),
    [
        (True, True, "fail"),  # a record beats the declaration
        (False, False, "pass"),
        (None, True, "pass"),  # declaration only
        (None, False, "unknown"),
    ],
)
def test_record_or_declaration(
    code: str, field: str, declaration: int, flag: bool | None, declared: bool, expected: str
) -> None:
    decl = frozenset(range(1, 11)) if declared else frozenset(range(1, 11)) - {declaration}
    assert outcome(sme(**{field: flag, "declarations": decl}), code) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "pass"),
        ({"moeaca_subject_type": "branch"}, "fail"),
        ({"moeaca_subject_type": "Branch"}, "fail"),
        ({"moeaca_subject_type": "business"}, "pass"),
        ({"is_mainland_capital": True}, "fail"),
        ({"is_foreign_branch": True}, "fail"),
        ({"is_domestic_branch": True}, "fail"),
        ({"is_mainland_capital": None}, "pass"),  # declaration 四 ticked
        ({"is_mainland_capital": None, "declarations": frozenset(range(1, 11)) - {4}}, "unknown"),
        ({"is_mainland_capital": None, "moeaca_subject_type": "branch"}, "fail"),
    ],
)
def test_not_mainland_or_branch(changes: dict[str, object], expected: str) -> None:
    assert outcome(sme(**changes), "not_mainland_or_branch") == expected


def test_branch_certificate_fails_and_cites_clause() -> None:
    item = evaluate(sme(moeaca_subject_type="branch"), TODAY).item("not_mainland_or_branch")
    assert item.outcome == "fail" and item.clauses == ("須知五(四)",)
    assert "分公司" in item.evidence


@pytest.mark.parametrize(
    ("granted", "used", "expected"),
    [
        (False, False, "pass"),
        (True, False, "fail"),  # lapsed grant: reactivate, don't re-apply
        (True, True, "fail"),
        (False, True, "fail"),
        (None, False, "unknown"),
        (False, None, "unknown"),
        (None, True, "fail"),
    ],
)
def test_one_grant_per_ubn(granted: bool | None, used: bool | None, expected: str) -> None:
    assert outcome(sme(granted_before=granted, used_points_before=used), "one_grant_per_ubn") == expected


@pytest.mark.parametrize(
    ("code", "field", "good", "bad"),
    [
        ("no_tax_arrears", "no_tax_arrears_declared", True, False),
        ("personal_data_consent", "personal_data_consent", True, False),
        ("self_assessment", "self_assessment_done", True, False),
        ("declarations", "declarations_agreed", True, False),
        ("declarations", "declarations", frozenset(range(1, 11)), frozenset(range(1, 10))),
    ],
)
def test_ticked_boxes(code: str, field: str, good: object, bad: object) -> None:
    assert outcome(sme(**{field: good}), code) == "pass"
    assert outcome(sme(**{field: bad}), code) == "fail"


def test_missing_declaration_is_named() -> None:
    item = evaluate(sme(declarations=frozenset(range(1, 11)) - {3, 10}), TODAY).item("declarations")
    assert "三" in item.evidence and "十" in item.evidence
    assert "3, 10" in item.evidence_en


# --- authorisation forms (附表2, 附表3) --------------------------------------------------------


def test_nonprofit_social_innovation_needs_no_forms() -> None:
    inp = sme(
        applicant_type=T.SOCIAL_INNOVATION_NONPROFIT,
        identity_method=M.XCA_CARD,
        in_social_innovation_registry=True,
        form2=None,
        form3=None,
    )
    report = evaluate(inp, TODAY)
    for code in ("form2_authorisation", "form3_authorisation", "query_rule"):
        assert report.item(code).outcome == "not_applicable"
    assert report.item("sme_size").outcome == "not_applicable"
    assert report.eligible is True


@pytest.mark.parametrize(
    ("code", "changes", "expected"),
    [
        ("form2_authorisation", {"form2": None}, "fail"),
        ("form2_authorisation", {"form2": form((date(2026, 3, 2), "success"), ubn=OTHER_UBN)}, "fail"),
        ("form2_authorisation", {"form2": form((date(2026, 3, 2), "success"), ubn="04595253")}, "fail"),
        ("form2_authorisation", {"form2": form((date(2026, 3, 2), "success"), consent=False)}, "fail"),
        ("form2_authorisation", {"form2": form((date(2026, 3, 2), "success"), signed=False)}, "fail"),
        ("form2_authorisation", {"form2": form((date(2026, 3, 2), "success"), valid_until=None)}, "fail"),
        (
            "form2_authorisation",
            {"form2": form((date(2026, 3, 2), "success"), valid_from=date(2026, 4, 1))},
            "fail",
        ),
        ("form2_authorisation", {"form2": form((date(2026, 2, 28), "success"))}, "fail"),  # before period
        ("form2_authorisation", {"form2": form((date(2026, 3, 31), "success"))}, "pass"),  # last day
        ("form2_authorisation", {"form2": form()}, "pass"),  # not queried yet, period still running
        ("form3_authorisation", {}, "pass"),
        ("form3_authorisation", {"form3": form((date(2026, 3, 2), "success"))}, "fail"),  # no rep ID
        ("form3_authorisation", {"form3": form((date(2026, 3, 2), "success"), rep="A123456788")}, "fail"),
        ("form3_authorisation", {"form3": form((date(2026, 3, 2), "success"), rep="a123456789")}, "pass"),
        ("form3_authorisation", {"form3": form((date(2026, 3, 2), "success"), rep="A800000014")}, "pass"),
    ],
)
def test_authorisation_form(code: str, changes: dict[str, object], expected: str) -> None:
    assert outcome(sme(**changes), code) == expected


def test_form_expired_without_success_fails() -> None:
    f = form((date(2026, 3, 30), "backend_failure"))
    assert evaluate(sme(form2=f), date(2026, 3, 31)).item("form2_authorisation").outcome == "pass"
    assert evaluate(sme(form2=f), date(2026, 4, 1)).item("form2_authorisation").outcome == "fail"


@pytest.mark.parametrize(
    ("queries", "expected"),
    [
        ([(date(2026, 3, 2), "success")], "pass"),
        ([], "unknown"),  # awaiting the query
        ([(date(2026, 3, 2), "backend_failure")], "unknown"),
        ([(date(2026, 3, 2), "backend_failure"), (date(2026, 3, 3), "success")], "pass"),
        (
            [
                (date(2026, 3, 2), "backend_failure"),
                (date(2026, 3, 3), "backend_failure"),
                (date(2026, 3, 31), "success"),
            ],
            "pass",
        ),
        # retry after a back-end failure outside the validity period
        ([(date(2026, 3, 30), "backend_failure"), (date(2026, 4, 1), "success")], "fail"),
        # a query after a success
        ([(date(2026, 3, 2), "success"), (date(2026, 3, 3), "success")], "fail"),
        ([(date(2026, 3, 2), "success"), (date(2026, 3, 3), "backend_failure")], "fail"),
        # a failure not caused by the back end allows no retry
        ([(date(2026, 3, 2), "other_failure"), (date(2026, 3, 3), "success")], "fail"),
        ([(date(2026, 3, 2), "other_failure")], "unknown"),
    ],
)
def test_query_rule(queries: list[tuple[date, str]], expected: str) -> None:
    assert outcome(sme(form2=form(*queries)), "query_rule") == expected


def test_query_rule_names_the_form() -> None:
    bad = form((date(2026, 3, 2), "success"), (date(2026, 3, 5), "success"), rep=REP_ID)
    item = evaluate(sme(form3=bad), TODAY).item("query_rule")
    assert item.outcome == "fail" and "附表3" in item.evidence and "附表2" not in item.evidence


@pytest.mark.parametrize(
    ("queries", "today", "ok"),
    [
        ([], date(2026, 3, 1), True),  # first day of validity
        ([], date(2026, 2, 28), False),  # not yet valid
        ([], date(2026, 4, 1), False),  # expired
        ([(date(2026, 3, 2), "backend_failure")], date(2026, 3, 31), True),  # retry inside validity
        ([(date(2026, 3, 2), "backend_failure")], date(2026, 4, 1), False),  # retry outside validity
        (
            [(date(2026, 3, 2), "backend_failure"), (date(2026, 3, 3), "backend_failure")],
            date(2026, 3, 4),
            True,
        ),
        ([(date(2026, 3, 2), "success")], date(2026, 3, 3), False),
        ([(date(2026, 3, 2), "backend_failure"), (date(2026, 3, 3), "success")], date(2026, 3, 4), False),
        ([(date(2026, 3, 2), "other_failure")], date(2026, 3, 3), False),
    ],
)
def test_may_query(queries: list[tuple[date, str]], today: date, ok: bool) -> None:
    v = may_query(form(*queries), today, "form2")
    assert v.ok is ok
    assert "附表2 注意事項2" in v.clauses and "附表3 注意事項2" not in v.clauses


def test_may_query_refuses_unsigned_or_unconsented_form() -> None:
    assert may_query(form(signed=False), TODAY).ok is False
    assert may_query(form(consent=False), TODAY).ok is False
    v = may_query(form(valid_from=None), TODAY)
    assert v.ok is False and v.reasons


def test_query_outcome_is_validated() -> None:
    with pytest.raises(ValueError):
        AuthorisationQuery(date(2026, 3, 2), "maybe")  # type: ignore[arg-type]
