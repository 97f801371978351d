"""What the eligibility review cites and assumes (RULES §4, §5): every check names its published
clauses, and an application whose facts are not known yet is "unknown", never failed or passed
on a default."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from backoffice.policy.applicants import ApplicantType
from backoffice.policy.eligibility import CHECK_CODES, EligibilityInput, evaluate
from tests.unit.test_policy_eligibility import REP_ID, TODAY, UBN, form, sme

T = ApplicantType

# The clauses each check shows the officer (須知, 附表, 手冊 wording; "RULES §5.7" is shown as our
# own reading by the view). Written out here so a changed or emptied clause label fails.
SME_CLAUSES = {
    "applicant_type": ("須知五(一)", "須知四(一)", "中小企業認定標準 第2條"),
    "identity_method": ("須知六(一)1",),
    "sme_size": ("須知四(一)", "中小企業認定標準 第2條", "中小企業認定標準 第5條"),
    "no_major_breach": ("須知五(二)",),
    "no_serious_violation": ("須知五(三)",),
    "not_mainland_or_branch": ("須知五(四)",),
    "no_other_subsidy": ("須知五(五)1", "附表1 聲明事項五"),
    "one_grant_per_ubn": ("須知五(五)2", "須知八(一)"),
    "no_tax_arrears": ("手冊 誰可以申請",),
    "declarations": ("附表1 聲明事項",),
    "personal_data_consent": ("附表1 個人資料提供同意書",),
    "self_assessment": ("須知六(二)", "手冊 步驟2"),
    "form2_authorisation": ("須知六(二)", "附表2 注意事項2", "RULES §5.7"),
    "form3_authorisation": ("須知六(二)", "附表3 注意事項2", "RULES §5.7"),
    "query_rule": ("附表2 注意事項2", "附表3 注意事項2", "RULES §5.7"),
}


def test_every_check_of_an_sme_application_cites_its_clauses() -> None:
    result = evaluate(sme(), TODAY)
    assert {it.code: it.clauses for it in result.items} == SME_CLAUSES
    assert tuple(SME_CLAUSES) == CHECK_CODES


@pytest.mark.parametrize(("atype", "definition"), [
    (T.TAX_REGISTERED, ("須知四(一)",)),
    (T.COOPERATIVE, ("須知四(二)",)),
    (T.SOCIAL_INNOVATION_NONPROFIT, ("須知四(三)",)),
    (T.SOCIAL_INNOVATION_FORPROFIT, ("須知四(三)",)),
])
def test_the_type_check_cites_the_definition_of_the_type(atype: ApplicantType, definition: tuple[str, ...]) -> None:
    item = evaluate(EligibilityInput(ubn=UBN, applicant_type=atype), TODAY).item("applicant_type")
    assert item.clauses == ("須知五(一)", *definition)


UNKNOWN_FACTS = ("applicant_type", "identity_method", "no_major_breach", "no_serious_violation",
                 "not_mainland_or_branch", "no_other_subsidy", "one_grant_per_ubn", "no_tax_arrears")
# What the applicant must have done on the form: not done until the form says so.
NOT_DONE = ("declarations", "personal_data_consent", "self_assessment")


@pytest.mark.parametrize("atype", [T.SME, T.TAX_REGISTERED, T.COOPERATIVE, T.SOCIAL_INNOVATION_NONPROFIT])
def test_with_no_facts_known_the_checks_are_unknown_and_the_form_steps_not_done(atype: ApplicantType) -> None:
    outcomes = {it.code: it.outcome for it in evaluate(EligibilityInput(ubn=UBN, applicant_type=atype), TODAY).items}
    assert {c: outcomes[c] for c in UNKNOWN_FACTS} == dict.fromkeys(UNKNOWN_FACTS, "unknown")
    assert {c: outcomes[c] for c in NOT_DONE} == dict.fromkeys(NOT_DONE, "fail")
    assert outcomes["sme_size"] == ("unknown" if atype is T.SME else "not_applicable")
    forms_needed = atype is not T.SOCIAL_INNOVATION_NONPROFIT
    assert (outcomes["form2_authorisation"], outcomes["form3_authorisation"], outcomes["query_rule"]) == (
        ("fail", "fail", "unknown") if forms_needed else ("not_applicable",) * 3)


@pytest.mark.parametrize("fact", ["declarations_agreed", "personal_data_consent", "self_assessment_done"])
def test_a_box_the_form_leaves_unticked_fails_its_check(fact: str) -> None:
    code = {"declarations_agreed": "declarations", "personal_data_consent": "personal_data_consent",
            "self_assessment_done": "self_assessment"}[fact]
    fields = {f.name: getattr(sme(), f.name) for f in dataclasses.fields(EligibilityInput) if f.name != fact}
    assert evaluate(EligibilityInput(**fields), TODAY).item(code).outcome == "fail"
    assert evaluate(sme(), TODAY).item(code).outcome == "pass"


# The facts that may be "not known yet" (written out: a list read from the dataclass would follow a
# changed default).
OPTIONAL_FACTS = ("as_type", "identity_method", "has_company_registration", "has_business_registration",
                  "has_lp_registration", "has_tax_registration", "has_cooperative_registration",
                  "is_subsidiary_unit", "in_social_innovation_registry", "paid_in_capital", "regular_employees", "no_tax_arrears_declared",
                  "is_mainland_capital", "is_foreign_branch", "is_domestic_branch", "moeaca_subject_type",
                  "granted_before", "used_points_before", "other_cloud_subsidy", "major_breach_registry_hit",
                  "serious_violation", "form2", "form3")


def test_the_optional_facts_default_to_not_known() -> None:
    bare = EligibilityInput(ubn=UBN, applicant_type=T.SME)
    assert {f: getattr(bare, f) for f in OPTIONAL_FACTS} == dict.fromkeys(OPTIONAL_FACTS)
    assert (bare.declarations, bare.declarations_agreed, bare.personal_data_consent,
            bare.self_assessment_done) == (frozenset(), False, False, False)


@pytest.mark.parametrize("fact", OPTIONAL_FACTS)
def test_a_fact_left_out_reads_as_not_known(fact: str) -> None:
    # Leaving a fact out is the same as saying it is not known (None), for every check.
    fields = {f.name: getattr(sme(), f.name) for f in dataclasses.fields(EligibilityInput) if f.name != fact}
    left_out = evaluate(EligibilityInput(**fields), TODAY)
    explicit = evaluate(dataclasses.replace(sme(), **{fact: None}), TODAY)
    assert [(it.code, it.outcome) for it in left_out.items] == [(it.code, it.outcome) for it in explicit.items]


def test_the_facts_a_review_read_cannot_be_changed_afterwards() -> None:
    inp = sme()
    with pytest.raises(dataclasses.FrozenInstanceError):
        inp.paid_in_capital = 1  # type: ignore[misc]


@pytest.mark.parametrize("fact", ["paid_in_capital", "regular_employees"])
def test_zero_is_a_figure_and_a_negative_a_bool_or_a_fraction_is_refused(fact: str) -> None:
    assert getattr(sme(**{fact: 0}), fact) == 0  # no insured employees, or no capital on record
    for bad in (-1, True, 1.5, "12"):
        with pytest.raises(ValueError, match=fact):
            sme(**{fact: bad})


def test_declarations_are_numbered_one_to_ten() -> None:
    assert sme(declarations=frozenset({1, 10})).declarations == frozenset({1, 10})
    for bad in ({0, 1}, {10, 11}):
        with pytest.raises(ValueError, match="1..10"):
            sme(declarations=frozenset(bad))


def test_a_review_report_and_its_items_cannot_be_changed_afterwards() -> None:
    report = evaluate(sme(), TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.eligible = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.items[0].outcome = "fail"  # type: ignore[misc]


@pytest.mark.parametrize(("as_type", "added"), [
    (T.SME, ("須知四(一)", "中小企業認定標準 第2條")),
    (T.TAX_REGISTERED, ("須知四(一)",)),
])
def test_a_for_profit_social_innovation_cites_also_the_type_it_applies_as(
        as_type: ApplicantType, added: tuple[str, ...]) -> None:
    inp = EligibilityInput(ubn=UBN, applicant_type=T.SOCIAL_INNOVATION_FORPROFIT, as_type=as_type)
    assert evaluate(inp, TODAY).item("applicant_type").clauses == ("須知五(一)", "須知四(三)", *added)
    # Applying as its own type adds nothing.
    own = EligibilityInput(ubn=UBN, applicant_type=T.SME, as_type=T.SME)
    assert evaluate(own, TODAY).item("applicant_type").clauses == SME_CLAUSES["applicant_type"]


@pytest.mark.parametrize(("inp", "code", "outcome", "zh", "en"), [
    (sme(), "sme_size", "pass",
     "符合（資本額一億元以下或員工未滿200人）：實收資本額 5,000,000 元，經常僱用員工 12 人",
     "Met (capital <= NT$100,000,000 or employees < 200): paid-in capital NT$5,000,000, regular employees 12"),
    (sme(paid_in_capital=None), "sme_size", "pass",
     "符合（資本額一億元以下或員工未滿200人）：實收資本額未知，經常僱用員工 12 人",
     "Met (capital <= NT$100,000,000 or employees < 200): paid-in capital unknown, regular employees 12"),
    (sme(paid_in_capital=None, regular_employees=None), "sme_size", "unknown",
     "尚待查證：實收資本額未知，經常僱用員工人數未知", "To be verified: paid-in capital unknown, regular employees unknown"),
    (sme(paid_in_capital=200_000_000, regular_employees=250), "sme_size", "fail",
     "資本額逾一億元且員工200人以上：實收資本額 200,000,000 元，經常僱用員工 250 人",
     "Capital above NT$100,000,000 and 200 or more employees: paid-in capital NT$200,000,000, regular employees 250"),
    (sme(), "applicant_type", "pass", "中小企業：符合：統一編號 04595257 有效、有公司或商業登記",
     "SME: Met: UBN 04595257 valid, company or business registration"),
    (EligibilityInput(ubn=UBN, applicant_type=T.SOCIAL_INNOVATION_FORPROFIT), "applicant_type", "fail",
     "營利事業之社會創新組織須以「中小企業」或「稅籍營利事業」身分申請，但未記錄申請身分",
     "A for-profit social-innovation organisation must apply as SME or tax-registered business, but no such type "
     "is recorded"),
    (EligibilityInput(ubn=UBN, applicant_type=T.SOCIAL_INNOVATION_FORPROFIT, as_type=T.COOPERATIVE),
     "applicant_type", "fail", "營利事業之社會創新組織不得以「合作社」身分申請",
     "A for-profit social-innovation organisation may not apply as Cooperative"),
    (EligibilityInput(ubn=UBN, applicant_type=T.SME, as_type=T.COOPERATIVE), "applicant_type", "fail",
     "僅營利事業之社會創新組織得以其他身分申請（記錄為「合作社」）",
     "Only a for-profit social-innovation organisation applies as another type (recorded: Cooperative)"),
    # A for-profit social innovation applying as an SME meets both types' requirements.
    (sme(applicant_type=T.SOCIAL_INNOVATION_FORPROFIT, as_type=T.SME, in_social_innovation_registry=True),
     "applicant_type", "pass",
     "社會創新組織（營利事業）：符合：統一編號 04595257 有效、列入社會創新組織登錄資料庫、有公司或商業登記",
     "Social-innovation organisation (for-profit): Met: UBN 04595257 valid, listed in the Social Innovation "
     "registry, company or business registration"),
    (sme(applicant_type=T.SOCIAL_INNOVATION_FORPROFIT, as_type=T.SME, in_social_innovation_registry=False),
     "applicant_type", "fail", "社會創新組織（營利事業）：不符：列入社會創新組織登錄資料庫",
     "Social-innovation organisation (for-profit): Not met: listed in the Social Innovation registry"),
], ids=["size-pass", "size-capital-unknown", "size-unknown", "size-fail", "type-sme", "type-si-no-as",
        "type-si-as-coop", "type-sme-as-coop", "type-si-as-sme", "type-si-not-listed"])
def test_the_evidence_names_the_figures_and_facts_in_both_languages(
        inp: EligibilityInput, code: str, outcome: str, zh: str, en: str) -> None:
    item = evaluate(inp, TODAY).item(code)
    assert (item.outcome, item.evidence, item.evidence_en) == (outcome, zh, en)


def ALL_BUT(n: int) -> frozenset[int]:  # noqa: N802 (reads as a value in the tables below)
    return frozenset(range(1, 11)) - {n}


@pytest.mark.parametrize(("kw", "code", "outcome", "zh", "en"), [
    ({"major_breach_registry_hit": None}, "no_major_breach", "pass", "依聲明事項二（無紀錄可查）",
     "By declaration 2 (no records to check)"),
    ({"major_breach_registry_hit": None, "declarations": ALL_BUT(2)}, "no_major_breach", "unknown",
     "未聲明聲明事項二且無紀錄", "Declaration 2 not ticked and no records"),
    ({"serious_violation": None}, "no_serious_violation", "pass", "依聲明事項三（無紀錄可查）",
     "By declaration 3 (no records to check)"),
    ({"serious_violation": None, "declarations": ALL_BUT(3)}, "no_serious_violation", "unknown",
     "未聲明聲明事項三且無紀錄", "Declaration 3 not ticked and no records"),
    ({"other_cloud_subsidy": None}, "no_other_subsidy", "pass", "依聲明事項五（無紀錄可查）",
     "By declaration 5 (no records to check)"),
    ({"other_cloud_subsidy": True}, "no_other_subsidy", "fail", "紀錄顯示有其他雲世代小額補助或輔導",
     "Records show another cloud-era small subsidy or assistance"),
    ({}, "no_serious_violation", "pass", "紀錄查無情節重大之違法情事", "No record of a serious violation of law"),
], ids=["breach-declared", "breach-not-declared", "violation-declared", "violation-not-declared",
        "subsidy-declared", "subsidy-recorded", "violation-no-record"])
def test_a_record_answers_a_check_and_without_one_the_numbered_declaration_does(
        kw: dict, code: str, outcome: str, zh: str, en: str) -> None:
    item = evaluate(sme(**kw), TODAY).item(code)
    assert (item.outcome, item.evidence, item.evidence_en) == (outcome, zh, en)


@pytest.mark.parametrize(("kw", "outcome", "zh", "en"), [
    ({"declarations": ALL_BUT(1)}, "fail", "未勾選聲明事項一", "declarations not ticked: 1"),
    ({"declarations": ALL_BUT(10)}, "fail", "未勾選聲明事項十", "declarations not ticked: 10"),
    ({"declarations": frozenset({1, 2, 4, 5, 6, 7, 8, 10}), "declarations_agreed": False}, "fail",
     "未勾選聲明事項三、九；未勾選同意遵守聲明", "declarations not ticked: 3, 9; agreement box not ticked"),
    ({"declarations_agreed": False}, "fail", "未勾選同意遵守聲明", "agreement box not ticked"),
    ({}, "pass", "聲明事項一至十均已勾選並同意", "Declarations 1-10 ticked and agreed"),
], ids=["first-missing", "last-missing", "two-missing-and-box", "box", "all"])
def test_the_declarations_check_names_each_box_left_unticked(kw: dict, outcome: str, zh: str, en: str) -> None:
    item = evaluate(sme(**kw), TODAY).item("declarations")
    assert (item.outcome, item.evidence, item.evidence_en) == (outcome, zh, en)


def _forms(inp: EligibilityInput) -> list[tuple[str, str, str]]:
    report = evaluate(inp, TODAY)
    return [(report.item(c).outcome, report.item(c).evidence, report.item(c).evidence_en)
            for c in ("form2_authorisation", "form3_authorisation", "query_rule")]


def test_the_form_checks_name_the_form_and_the_query_rule_reads_both_forms() -> None:
    assert _forms(sme(form2=None, form3=None)) == [
        ("fail", "未填寫附表2", "Form 2 missing"), ("fail", "未填寫附表3", "Form 3 missing"),
        ("unknown", "附表2未填寫；附表3未填寫", "Form 2 missing; Form 3 missing")]
    # Form 2 missing does not stop the query rule from reading form 3.
    twice = form((date(2026, 3, 2), "success"), (date(2026, 3, 3), "success"), rep=REP_ID)
    assert _forms(sme(form2=None, form3=twice))[2] == (
        "fail", "附表3：115/03/03 於成功查詢後再次查詢", "Form 3: 115/03/03: query after a successful one")
    assert _forms(sme(form3=form(rep=REP_ID)))[1:] == [
        ("pass", "統一編號相符，授權期間 115/03/01–115/03/31，已查詢 0 次",
         "UBN matches, valid 115/03/01–115/03/31, 0 queries made"),
        ("unknown", "附表3尚未成功查詢", "Form 3 not yet queried successfully")]
    assert _forms(sme()) == [
        ("pass", "統一編號相符，授權期間 115/03/01–115/03/31，已查詢 1 次",
         "UBN matches, valid 115/03/01–115/03/31, 1 query made")] * 2 + [
        ("pass", "每份授權書各成功查詢一次", "One successful query per form")]
    assert _forms(EligibilityInput(ubn=UBN, applicant_type=T.SOCIAL_INNOVATION_NONPROFIT)) == [
        ("not_applicable", "此身分免填附表2", "Form 2 not required for this type"),
        ("not_applicable", "此身分免填附表3", "Form 3 not required for this type"),
        ("not_applicable", "此身分免填授權書", "No authorisation forms for this type")]


def test_verdicts_and_type_rules_carry_their_defaults_and_are_frozen() -> None:
    from backoffice.policy.applicants import TYPE_RULES, Verdict

    bare = Verdict(True)
    assert (bare.reasons, bare.clauses, bare.reasons_en, bool(bare), bool(Verdict(False))) == ((), (), (), True, False)
    assert {t: r.as_types for t, r in TYPE_RULES.items()} == {
        T.SME: frozenset(), T.TAX_REGISTERED: frozenset(), T.COOPERATIVE: frozenset(),
        T.SOCIAL_INNOVATION_NONPROFIT: frozenset(),
        T.SOCIAL_INNOVATION_FORPROFIT: frozenset({T.SME, T.TAX_REGISTERED})}
    with pytest.raises(dataclasses.FrozenInstanceError):
        bare.ok = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        TYPE_RULES[T.SME].forms_required = False  # type: ignore[misc]


def test_an_identity_method_is_named_in_the_language_asked_for() -> None:
    from backoffice.policy.applicants import IdentityMethod, method_label

    assert method_label(IdentityMethod.MOEACA_CARD) == "工商憑證 IC 卡"
    assert method_label(IdentityMethod.MOEACA_CARD, "en") == "MOEACA business certificate card"
    assert method_label("phone", "zh") == "負責人手機認證"


@pytest.mark.parametrize(("args", "ok", "clauses", "reason_zh", "reason_en"), [
    (("sme", "moica_card", None), True, ("須知六(一)1",), None, None),
    (("social_innovation_forprofit", "moica_card", "sme"), True, ("須知六(一)4(2)", "須知六(一)1"), None, None),
    (("tax_registered", "phone", None), False, ("須知六(一)2",),
     "「稅籍營利事業」不得以「負責人手機認證」申請；限用：負責人自然人憑證 IC 卡、負責人行動自然人憑證",
     "Tax-registered business may not apply with Representative's mobile-phone verification; allowed: "
     "Representative's MOICA citizen certificate card, Representative's mobile MOICA certificate"),
    (("social_innovation_forprofit", "xca_card", "tax_registered"), False, ("須知六(一)4(2)", "須知六(一)2"),
     "「稅籍營利事業」不得以「組織及團體憑證 IC 卡」申請；限用：負責人自然人憑證 IC 卡、負責人行動自然人憑證",
     "Tax-registered business may not apply with XCA organisation certificate card; allowed: "
     "Representative's MOICA citizen certificate card, Representative's mobile MOICA certificate"),
], ids=["sme", "si-as-sme", "tax-phone", "si-as-tax-xca"])
def test_a_refused_identity_method_names_the_methods_allowed_and_each_clause_once(
        args: tuple, ok: bool, clauses: tuple[str, ...], reason_zh: str | None, reason_en: str | None) -> None:
    from backoffice.policy.applicants import identity_method_allowed

    v = identity_method_allowed(*args)
    assert (v.ok, v.clauses) == (ok, clauses)
    assert (v.reasons, v.reasons_en) == (((reason_zh,), (reason_en,)) if reason_zh else ((), ()))
