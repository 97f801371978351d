"""Eligibility review of one application (須知四, 五, 六; RULES §4, §5).

``evaluate(inp, today)`` runs every check of RULES §5 on plain facts and returns one ``CheckItem``
per check, each with its outcome, evidence (zh-TW and English) and clauses. Facts that are not
known yet are ``None`` and make their check "unknown" rather than "fail": an officer then looks.
The service layer records who decided each item; this module only computes.

The authorisation forms and their one-query rule live in ``authorisation``; ``may_query``,
``AuthorisationForm`` and ``AuthorisationQuery`` are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from backoffice.policy.applicants import (
    ApplicantType,
    IdentityMethod,
    effective_type,
    forms_required,
    identity_method_allowed,
    method_label,
    type_label,
)
from backoffice.policy.authorisation import (
    CLAUSE_AUTHORISATION,
    CLAUSE_FORM2_NOTE2,
    CLAUSE_FORM3_NOTE2,
    AuthorisationForm,
    AuthorisationQuery,
    form_problems,
    may_query,
    period_text,
    query_violations,
)
from backoffice.policy.identifiers import check_ubn
from backoffice.policy.results import JsonResult

__all__ = [
    "AuthorisationForm",
    "AuthorisationQuery",
    "CheckItem",
    "EligibilityInput",
    "EligibilityReport",
    "evaluate",
    "may_query",
    "overall",
]

# Clauses.
CLAUSE_DEF_SME = "須知四(一)"
CLAUSE_DEF_COOP = "須知四(二)"
CLAUSE_DEF_SI = "須知四(三)"
CLAUSE_EL_TYPE = "須知五(一)"
CLAUSE_EL_BREACH = "須知五(二)"
CLAUSE_EL_VIOLATION = "須知五(三)"
CLAUSE_EL_BRANCH = "須知五(四)"
CLAUSE_EL_OTHER_SUBSIDY = "須知五(五)1"
CLAUSE_EL_USED_POINTS = "須知五(五)2"
CLAUSE_ONE_GRANT = "須知八(一)"
CLAUSE_FORMS = "須知六(二)"
CLAUSE_SME_ART2 = "中小企業認定標準 第2條"
CLAUSE_SME_ART5 = "中小企業認定標準 第5條"
CLAUSE_DECLARATIONS = "附表1 聲明事項"
CLAUSE_DECLARATION_5 = "附表1 聲明事項五"
CLAUSE_CONSENT = "附表1 個人資料提供同意書"
CLAUSE_TAX_ARREARS = "手冊 誰可以申請"
CLAUSE_SELF_ASSESSMENT = "手冊 步驟2"

SME_MAX_CAPITAL = 100_000_000  # NT$, 實收資本額在新臺幣一億元以下
SME_EMPLOYEES_BELOW = 200  # 經常僱用員工數未滿二百人

Outcome = Literal["pass", "fail", "unknown", "not_applicable"]
# MOEACA certificate subject types that mean a branch office (分公司): fails 須知五(四).
BRANCH_SUBJECT_TYPES: frozenset[str] = frozenset({"branch", "foreign_branch", "分公司"})
_NUMERALS = "一二三四五六七八九十"

CHECK_TITLES: dict[str, tuple[str, str]] = {
    "applicant_type": ("申請身分符合定義", "Applicant type holds"),
    "identity_method": ("身分驗證方式", "Identity method allowed"),
    "sme_size": ("中小企業規模", "SME size"),
    "no_major_breach": ("最近3年無政府計畫重大違約", "No major breach of a government project (3 years)"),
    "no_serious_violation": ("最近3年無重大違法情事", "No serious violation of law (3 years)"),
    "not_mainland_or_branch": ("非陸資企業或分公司", "Not mainland capital or a branch"),
    "no_other_subsidy": ("未獲其他雲世代小額補助或輔導", "No other cloud-era small subsidy or assistance"),
    "one_grant_per_ubn": ("每一統一編號限申請一次", "One grant per UBN"),
    "no_tax_arrears": ("無欠稅", "No tax arrears"),
    "declarations": ("聲明事項", "Declarations"),
    "personal_data_consent": ("個人資料提供同意", "Personal-data consent"),
    "self_assessment": ("數位自評檢測", "Digital self-assessment"),
    "form2_authorisation": (
        "附表2 企業授權書（勞保投保人數）",
        "Form 2 authorisation (labour-insurance headcount)",
    ),
    "form3_authorisation": (
        "附表3 企業授權書（營業登記資料）",
        "Form 3 authorisation (business registration data)",
    ),
    "query_rule": ("授權查詢次數", "One successful query per authorisation"),
}
CHECK_CODES: tuple[str, ...] = tuple(CHECK_TITLES)


@dataclass(frozen=True)
class EligibilityInput:
    """Every fact the §5 checks read. ``None`` means "not known yet"."""

    ubn: str
    applicant_type: ApplicantType
    as_type: ApplicantType | None = None
    identity_method: IdentityMethod | None = None
    # Registration facts (須知四).
    has_company_registration: bool | None = None
    has_business_registration: bool | None = None
    has_lp_registration: bool | None = None  # 有限合夥登記
    has_tax_registration: bool | None = None
    has_cooperative_registration: bool | None = None
    is_subsidiary_unit: bool | None = None  # 附屬單位
    in_social_innovation_registry: bool | None = None
    # Size (中小企業認定標準 Art. 2, 5).
    paid_in_capital: int | None = None  # NT$
    regular_employees: int | None = None  # average monthly labour-insurance headcount, last 12 months
    # 附表1.
    declarations: frozenset[int] = frozenset()  # numbers 1..10 of the ticked 聲明事項
    declarations_agreed: bool = False  # 本單位已明確了解上述聲明內容 box
    personal_data_consent: bool = False
    self_assessment_done: bool = False
    no_tax_arrears_declared: bool | None = None
    # 須知五(四).
    is_mainland_capital: bool | None = None
    is_foreign_branch: bool | None = None
    is_domestic_branch: bool | None = None
    moeaca_subject_type: str | None = None  # "company", "branch", "business"... if a card was read
    # History of this UBN, excluding this application's own grant.
    granted_before: bool | None = None
    used_points_before: bool | None = None
    other_cloud_subsidy: bool | None = None  # other cloud-era small subsidy or assistance
    major_breach_registry_hit: bool | None = None  # None: no registry imported
    serious_violation: bool | None = None
    form2: AuthorisationForm | None = None
    form3: AuthorisationForm | None = None

    def __post_init__(self) -> None:
        for name in ("paid_in_capital", "regular_employees"):
            v = getattr(self, name)
            if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
                raise ValueError(f"{name} must be a non-negative int or None, got {v!r}")
        bad = [n for n in self.declarations if not 1 <= n <= 10]
        if bad:
            raise ValueError(f"declarations are numbered 1..10, got {sorted(bad)}")


@dataclass(frozen=True)
class CheckItem(JsonResult):
    """Outcome of one check, with its evidence (zh-TW, English) and clauses."""

    code: str
    title_zh: str
    title_en: str
    outcome: Outcome
    clauses: tuple[str, ...]
    evidence: str
    evidence_en: str


@dataclass(frozen=True)
class EligibilityReport(JsonResult):
    """All check items; ``eligible`` is False if any fails, None if any is unknown, else True."""

    items: tuple[CheckItem, ...]
    eligible: bool | None

    def item(self, code: str) -> CheckItem:
        for it in self.items:
            if it.code == code:
                return it
        raise KeyError(code)


def overall(outcomes: Iterable[str]) -> bool | None:
    """False if any fail, None if any unknown (and none fail), True otherwise."""
    seen = set(outcomes)
    if "fail" in seen:
        return False
    if "unknown" in seen:
        return None
    return True


def _item(code: str, outcome: Outcome, clauses: tuple[str, ...], zh: str, en: str) -> CheckItem:
    title_zh, title_en = CHECK_TITLES[code]
    return CheckItem(code, title_zh, title_en, outcome, clauses, zh, en)


def _facts(pairs: list[tuple[bool | None, bool, str, str]]) -> tuple[Outcome, str, str]:
    """Compare (value, required, zh, en) facts: fail beats unknown beats pass."""
    fails = [(zh, en) for v, want, zh, en in pairs if v is not None and v != want]
    unknown = [(zh, en) for v, _, zh, en in pairs if v is None]
    if fails:
        return "fail", "不符：" + "、".join(z for z, _ in fails), "Not met: " + ", ".join(e for _, e in fails)
    if unknown:
        return (
            "unknown",
            "尚待查證：" + "、".join(z for z, _ in unknown),
            "To be verified: " + ", ".join(e for _, e in unknown),
        )
    return "pass", "符合：" + "、".join(z for *_, z, _ in pairs), "Met: " + ", ".join(e for *_, e in pairs)


def _norm_ubn(v: str | None) -> str:
    return (v or "").strip()


def _type_requirements(inp: EligibilityInput, t: ApplicantType) -> list[tuple[bool | None, bool, str, str]]:
    """Facts that make the type hold (須知四), as (value, required, zh, en)."""
    if t == ApplicantType.SME:
        either: bool | None
        regs = (inp.has_company_registration, inp.has_business_registration)
        either = True if True in regs else (False if regs == (False, False) else None)
        return [(either, True, "有公司或商業登記", "company or business registration")]
    if t == ApplicantType.TAX_REGISTERED:
        return [
            (inp.has_company_registration, False, "無公司登記", "no company registration"),
            (inp.has_business_registration, False, "無商業登記", "no business registration"),
            (inp.has_lp_registration, False, "無有限合夥登記", "no limited-partnership registration"),
            (inp.has_tax_registration, True, "有稅籍登記", "tax registration"),
        ]
    if t == ApplicantType.COOPERATIVE:
        return [
            (
                inp.has_cooperative_registration,
                True,
                "依合作社法設立",
                "registered under the Cooperative Act",
            ),
            (inp.has_tax_registration, True, "有稅籍登記", "tax registration"),
            (inp.is_subsidiary_unit, False, "非附屬單位", "not a subsidiary unit"),
        ]
    return [
        (
            inp.in_social_innovation_registry,
            True,
            "列入社會創新組織登錄資料庫",
            "listed in the Social Innovation registry",
        )
    ]


_TYPE_CLAUSES: dict[ApplicantType, tuple[str, ...]] = {
    ApplicantType.SME: (CLAUSE_DEF_SME, CLAUSE_SME_ART2),
    ApplicantType.TAX_REGISTERED: (CLAUSE_DEF_SME,),
    ApplicantType.COOPERATIVE: (CLAUSE_DEF_COOP,),
    ApplicantType.SOCIAL_INNOVATION_NONPROFIT: (CLAUSE_DEF_SI,),
    ApplicantType.SOCIAL_INNOVATION_FORPROFIT: (CLAUSE_DEF_SI,),
}


def _check_type(
    inp: EligibilityInput, eff: ApplicantType | None, problems: tuple[tuple[str, str], ...]
) -> CheckItem:
    t = ApplicantType(inp.applicant_type)
    clauses = (CLAUSE_EL_TYPE, *_TYPE_CLAUSES[t])
    if eff is not None and eff != t:
        clauses = clauses + tuple(c for c in _TYPE_CLAUSES[eff] if c not in clauses)
    ubn = check_ubn(_norm_ubn(inp.ubn))
    pairs: list[tuple[bool | None, bool, str, str]] = [
        (ubn.valid, True, f"統一編號 {_norm_ubn(inp.ubn)} 有效", f"UBN {_norm_ubn(inp.ubn)} valid")
    ]
    if problems or eff is None:
        zh = "；".join(z for z, _ in problems)
        en = "; ".join(e for _, e in problems)
        return _item("applicant_type", "fail", clauses, zh, en)
    if t == ApplicantType.SOCIAL_INNOVATION_FORPROFIT:
        pairs += _type_requirements(inp, t)
    pairs += _type_requirements(inp, eff)
    outcome, zh, en = _facts(pairs)
    return _item("applicant_type", outcome, clauses, f"{type_label(t)}：{zh}", f"{type_label(t, 'en')}: {en}")


def _check_method(inp: EligibilityInput) -> CheckItem:
    if inp.identity_method is None:
        v = identity_method_allowed(inp.applicant_type, IdentityMethod.MOICA_CARD, inp.as_type)
        return _item(
            "identity_method", "unknown", v.clauses, "未記錄身分驗證方式", "No identity method recorded"
        )
    v = identity_method_allowed(inp.applicant_type, inp.identity_method, inp.as_type)
    if v.ok:
        return _item(
            "identity_method",
            "pass",
            v.clauses,
            f"以「{method_label(inp.identity_method)}」申請，符合規定",
            f"Applied with {method_label(inp.identity_method, 'en')}: allowed",
        )
    return _item("identity_method", "fail", v.clauses, "；".join(v.reasons), "; ".join(v.reasons_en))


def _check_sme_size(inp: EligibilityInput, eff: ApplicantType | None) -> CheckItem:
    clauses = (CLAUSE_DEF_SME, CLAUSE_SME_ART2, CLAUSE_SME_ART5)
    if eff != ApplicantType.SME:
        return _item("sme_size", "not_applicable", clauses, "非以中小企業身分申請", "Not applying as an SME")
    cap, emp = inp.paid_in_capital, inp.regular_employees
    cap_zh = "實收資本額未知" if cap is None else f"實收資本額 {cap:,} 元"
    emp_zh = "經常僱用員工人數未知" if emp is None else f"經常僱用員工 {emp} 人"
    zh_facts = f"{cap_zh}，{emp_zh}"
    cap_en = "paid-in capital unknown" if cap is None else f"paid-in capital NT${cap:,}"
    emp_en = "regular employees unknown" if emp is None else f"regular employees {emp}"
    en_facts = f"{cap_en}, {emp_en}"
    if (cap is not None and cap <= SME_MAX_CAPITAL) or (emp is not None and emp < SME_EMPLOYEES_BELOW):
        return _item(
            "sme_size",
            "pass",
            clauses,
            f"符合（資本額一億元以下或員工未滿200人）：{zh_facts}",
            f"Met (capital <= NT$100,000,000 or employees < 200): {en_facts}",
        )
    if cap is not None and emp is not None:
        return _item(
            "sme_size",
            "fail",
            clauses,
            f"資本額逾一億元且員工200人以上：{zh_facts}",
            f"Capital above NT$100,000,000 and 200 or more employees: {en_facts}",
        )
    return _item("sme_size", "unknown", clauses, f"尚待查證：{zh_facts}", f"To be verified: {en_facts}")


def _declared(inp: EligibilityInput, n: int) -> bool:
    return n in inp.declarations


def _flag_or_declaration(
    code: str, flag: bool | None, declared: bool, n: int, clauses: tuple[str, ...], what: tuple[str, str]
) -> CheckItem:
    """A check answered by a record (flag) when there is one, else by the 附表1 declaration n."""
    zh, en = what
    if flag is True:
        return _item(code, "fail", clauses, f"紀錄顯示有{zh}", f"Records show {en}")
    if flag is False:
        return _item(code, "pass", clauses, f"紀錄查無{zh}", f"No record of {en}")
    if declared:
        return _item(
            code,
            "pass",
            clauses,
            f"依聲明事項{_NUMERALS[n - 1]}（無紀錄可查）",
            f"By declaration {n} (no records to check)",
        )
    return _item(
        code,
        "unknown",
        clauses,
        f"未聲明聲明事項{_NUMERALS[n - 1]}且無紀錄",
        f"Declaration {n} not ticked and no records",
    )


def _check_branch(inp: EligibilityInput) -> CheckItem:
    clauses = (CLAUSE_EL_BRANCH,)
    found: list[tuple[str, str]] = []
    if inp.is_mainland_capital:
        found.append(("陸資企業", "mainland-Chinese capital"))
    if inp.is_foreign_branch:
        found.append(("外國營利事業在臺分公司", "Taiwan branch of a foreign company"))
    if inp.is_domestic_branch:
        found.append(("本國企業分公司", "branch of a domestic company"))
    subject = (inp.moeaca_subject_type or "").strip().lower()
    if subject in BRANCH_SUBJECT_TYPES:
        found.append(("工商憑證主體為分公司", "MOEACA certificate subject is a branch"))
    if found:
        return _item(
            "not_mainland_or_branch",
            "fail",
            clauses,
            "、".join(z for z, _ in found),
            ", ".join(e for _, e in found),
        )
    flags = (inp.is_mainland_capital, inp.is_foreign_branch, inp.is_domestic_branch)
    if None not in flags:
        return _item(
            "not_mainland_or_branch",
            "pass",
            clauses,
            "紀錄：非陸資、非分公司",
            "Records: not mainland capital, not a branch",
        )
    if _declared(inp, 4):
        return _item("not_mainland_or_branch", "pass", clauses, "依聲明事項四", "By declaration 4")
    return _item(
        "not_mainland_or_branch",
        "unknown",
        clauses,
        "未聲明聲明事項四且資料不全",
        "Declaration 4 not ticked and records incomplete",
    )


def _check_one_grant(inp: EligibilityInput) -> CheckItem:
    clauses = (CLAUSE_EL_USED_POINTS, CLAUSE_ONE_GRANT)
    if inp.used_points_before:
        return _item(
            "one_grant_per_ubn",
            "fail",
            clauses,
            "此統一編號已申請且使用點數",
            "This UBN already applied for and used points",
        )
    if inp.granted_before:
        return _item(
            "one_grant_per_ubn",
            "fail",
            clauses,
            "此統一編號已獲發點數，不得重複申請（未使用而返還者請辦理重新開通）",
            "This UBN was already granted points; no second application (a lapsed grant is reactivated instead)",
        )
    if inp.used_points_before is None or inp.granted_before is None:
        return _item("one_grant_per_ubn", "unknown", clauses, "申請紀錄待查", "Grant history to be checked")
    return _item(
        "one_grant_per_ubn", "pass", clauses, "此統一編號無獲發點數紀錄", "No earlier grant to this UBN"
    )


def _check_bool(
    code: str, value: bool | None, clauses: tuple[str, ...], yes: tuple[str, str], no: tuple[str, str]
) -> CheckItem:
    if value is None:
        return _item(code, "unknown", clauses, "未記錄", "Not recorded")
    zh, en = yes if value else no
    return _item(code, "pass" if value else "fail", clauses, zh, en)


def _check_declarations(inp: EligibilityInput) -> CheckItem:
    missing = [n for n in range(1, 11) if n not in inp.declarations]
    problems_zh, problems_en = [], []
    if missing:
        problems_zh.append("未勾選聲明事項" + "、".join(_NUMERALS[n - 1] for n in missing))
        problems_en.append("declarations not ticked: " + ", ".join(str(n) for n in missing))
    if not inp.declarations_agreed:
        problems_zh.append("未勾選同意遵守聲明")
        problems_en.append("agreement box not ticked")
    if problems_zh:
        return _item(
            "declarations", "fail", (CLAUSE_DECLARATIONS,), "；".join(problems_zh), "; ".join(problems_en)
        )
    return _item(
        "declarations",
        "pass",
        (CLAUSE_DECLARATIONS,),
        "聲明事項一至十均已勾選並同意",
        "Declarations 1-10 ticked and agreed",
    )


def _check_form(
    code: Literal["form2_authorisation", "form3_authorisation"],
    form: AuthorisationForm | None,
    inp: EligibilityInput,
    required: bool,
    today: date,
) -> CheckItem:
    is3 = code == "form3_authorisation"
    name, name_en = ("附表3", "Form 3") if is3 else ("附表2", "Form 2")
    clauses = (CLAUSE_FORMS, CLAUSE_FORM3_NOTE2 if is3 else CLAUSE_FORM2_NOTE2, CLAUSE_AUTHORISATION)
    if not required:
        return _item(code, "not_applicable", clauses, f"此身分免填{name}", f"{name_en} not required for this type")
    if form is None:
        return _item(code, "fail", clauses, f"未填寫{name}", f"{name_en} missing")
    problems = form_problems(form, inp.ubn, is3, today)
    if problems:
        return _item(
            code, "fail", clauses, "；".join(z for z, _ in problems), "; ".join(e for _, e in problems)
        )
    return _item(
        code,
        "pass",
        clauses,
        f"統一編號相符，授權期間 {period_text(form)}，已查詢 {len(form.queries)} 次",
        f"UBN matches, valid {period_text(form)}, {len(form.queries)} "
        f"{'query' if len(form.queries) == 1 else 'queries'} made",
    )


def _check_queries(inp: EligibilityInput, required: bool) -> CheckItem:
    clauses = (CLAUSE_FORM2_NOTE2, CLAUSE_FORM3_NOTE2, CLAUSE_AUTHORISATION)
    if not required:
        return _item(
            "query_rule",
            "not_applicable",
            clauses,
            "此身分免填授權書",
            "No authorisation forms for this type",
        )
    violations: list[tuple[str, str]] = []
    waiting: list[tuple[str, str]] = []
    for name, name_en, form in (("附表2", "Form 2", inp.form2), ("附表3", "Form 3", inp.form3)):
        if form is None:
            waiting.append((f"{name}未填寫", f"{name_en} missing"))
            continue
        violations += [(f"{name}：{z}", f"{name_en}: {e}") for z, e in query_violations(form)]
        if not any(q.outcome == "success" for q in form.queries):
            waiting.append((f"{name}尚未成功查詢", f"{name_en} not yet queried successfully"))
    if violations:
        return _item(
            "query_rule",
            "fail",
            clauses,
            "；".join(z for z, _ in violations),
            "; ".join(e for _, e in violations),
        )
    if waiting:
        return _item(
            "query_rule",
            "unknown",
            clauses,
            "；".join(z for z, _ in waiting),
            "; ".join(e for _, e in waiting),
        )
    return _item("query_rule", "pass", clauses, "每份授權書各成功查詢一次", "One successful query per form")


def evaluate(inp: EligibilityInput, today: date) -> EligibilityReport:
    """Run every RULES §5 check (in ``CHECK_CODES`` order) and combine the outcomes."""
    eff, type_problems = effective_type(inp.applicant_type, inp.as_type)
    required = forms_required(inp.applicant_type, inp.as_type)
    items = (
        _check_type(inp, eff, type_problems),
        _check_method(inp),
        _check_sme_size(inp, eff),
        _flag_or_declaration(
            "no_major_breach",
            inp.major_breach_registry_hit,
            _declared(inp, 2),
            2,
            (CLAUSE_EL_BREACH,),
            ("政府計畫重大違約紀錄", "a major breach of a government project"),
        ),
        _flag_or_declaration(
            "no_serious_violation",
            inp.serious_violation,
            _declared(inp, 3),
            3,
            (CLAUSE_EL_VIOLATION,),
            ("情節重大之違法情事", "a serious violation of law"),
        ),
        _check_branch(inp),
        _flag_or_declaration(
            "no_other_subsidy",
            inp.other_cloud_subsidy,
            _declared(inp, 5),
            5,
            (CLAUSE_EL_OTHER_SUBSIDY, CLAUSE_DECLARATION_5),
            ("其他雲世代小額補助或輔導", "another cloud-era small subsidy or assistance"),
        ),
        _check_one_grant(inp),
        _check_bool(
            "no_tax_arrears",
            inp.no_tax_arrears_declared,
            (CLAUSE_TAX_ARREARS,),
            ("已聲明無欠稅", "Declared no tax arrears"),
            ("未聲明無欠稅", "No-tax-arrears declaration missing"),
        ),
        _check_declarations(inp),
        _check_bool(
            "personal_data_consent",
            inp.personal_data_consent,
            (CLAUSE_CONSENT,),
            ("已勾選同意", "Consent ticked"),
            ("未勾選個人資料提供同意", "Personal-data consent not ticked"),
        ),
        _check_bool(
            "self_assessment",
            inp.self_assessment_done,
            (CLAUSE_FORMS, CLAUSE_SELF_ASSESSMENT),
            ("已完成數位自評", "Self-assessment done"),
            ("未完成數位自評", "Self-assessment not done"),
        ),
        _check_form("form2_authorisation", inp.form2, inp, required, today),
        _check_form("form3_authorisation", inp.form3, inp, required, today),
        _check_queries(inp, required),
    )
    assert tuple(it.code for it in items) == CHECK_CODES
    return EligibilityReport(items=items, eligible=overall(it.outcome for it in items))
