"""Applicant types (申請單位身分類型) and identity methods (身分驗證方式): RULES §4, §5.9.

One table, ``TYPE_RULES``, says which identity methods each type may use at application and
whether the authorisation forms 附表2/附表3 are required. Everything else reads that table.
This module also holds ``Verdict``, the small yes/no-with-reasons result shared by the
part-2 policy modules (applicants, industry, eligibility, settlement).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from backoffice.policy.results import JsonResult

# Clause references (shown next to every computed answer).
CLAUSE_METHOD_SME = "須知六(一)1"
CLAUSE_METHOD_TAX = "須知六(一)2"
CLAUSE_METHOD_COOP = "須知六(一)3"
CLAUSE_METHOD_SI_NONPROFIT = "須知六(一)4(1)"
CLAUSE_METHOD_SI_FORPROFIT = "須知六(一)4(2)"


@dataclass(frozen=True)
class Verdict(JsonResult):
    """A yes/no answer with the reasons (zh-TW and English) and the clauses it rests on."""

    ok: bool
    reasons: tuple[str, ...] = ()
    clauses: tuple[str, ...] = ()
    reasons_en: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.ok


def verdict(problems: list[tuple[str, str]], clauses: tuple[str, ...]) -> Verdict:
    """Build a Verdict from (zh, en) problem pairs: ok when there are none."""
    return Verdict(
        ok=not problems,
        reasons=tuple(zh for zh, _ in problems),
        reasons_en=tuple(en for _, en in problems),
        clauses=clauses,
    )


class ApplicantType(StrEnum):
    """申請單位身分類型 (須知四, 六(一))."""

    SME = "sme"  # 中小企業
    TAX_REGISTERED = "tax_registered"  # 稅籍營利事業
    COOPERATIVE = "cooperative"  # 合作社
    SOCIAL_INNOVATION_NONPROFIT = "social_innovation_nonprofit"  # 社會創新組織（非營利事業）
    SOCIAL_INNOVATION_FORPROFIT = "social_innovation_forprofit"  # 社會創新組織（營利事業）


class IdentityMethod(StrEnum):
    """身分驗證方式 used when the application was filed."""

    MOEACA_CARD = "moeaca_card"  # 工商憑證 IC 卡
    MOICA_CARD = "moica_card"  # 負責人自然人憑證 IC 卡
    MOICA_MOBILE = "moica_mobile"  # 負責人行動自然人憑證
    PHONE = "phone"  # 負責人手機認證
    XCA_CARD = "xca_card"  # 組織及團體憑證 IC 卡


@dataclass(frozen=True)
class TypeRule:
    """One row of the RULES §4 table.

    ``methods`` is None for the for-profit social-innovation organisation, which has no methods of
    its own: it applies as SME or tax-registered business (``as_types``) with that type's rules.
    """

    methods: frozenset[IdentityMethod] | None
    forms_required: bool
    clause: str
    as_types: frozenset[ApplicantType] = frozenset()


_MOICA = frozenset({IdentityMethod.MOICA_CARD, IdentityMethod.MOICA_MOBILE})

TYPE_RULES: dict[ApplicantType, TypeRule] = {
    ApplicantType.SME: TypeRule(
        _MOICA | {IdentityMethod.MOEACA_CARD, IdentityMethod.PHONE}, True, CLAUSE_METHOD_SME
    ),
    ApplicantType.TAX_REGISTERED: TypeRule(_MOICA, True, CLAUSE_METHOD_TAX),
    ApplicantType.COOPERATIVE: TypeRule(_MOICA | {IdentityMethod.XCA_CARD}, True, CLAUSE_METHOD_COOP),
    ApplicantType.SOCIAL_INNOVATION_NONPROFIT: TypeRule(
        frozenset({IdentityMethod.XCA_CARD}), False, CLAUSE_METHOD_SI_NONPROFIT
    ),
    ApplicantType.SOCIAL_INNOVATION_FORPROFIT: TypeRule(
        None,
        True,  # both types it may apply as require the forms
        CLAUSE_METHOD_SI_FORPROFIT,
        as_types=frozenset({ApplicantType.SME, ApplicantType.TAX_REGISTERED}),
    ),
}

TYPE_LABELS: dict[ApplicantType, tuple[str, str]] = {
    ApplicantType.SME: ("中小企業", "SME"),
    ApplicantType.TAX_REGISTERED: ("稅籍營利事業", "Tax-registered business"),
    ApplicantType.COOPERATIVE: ("合作社", "Cooperative"),
    ApplicantType.SOCIAL_INNOVATION_NONPROFIT: (
        "社會創新組織（非營利事業）",
        "Social-innovation organisation (non-profit)",
    ),
    ApplicantType.SOCIAL_INNOVATION_FORPROFIT: (
        "社會創新組織（營利事業）",
        "Social-innovation organisation (for-profit)",
    ),
}

METHOD_LABELS: dict[IdentityMethod, tuple[str, str]] = {
    IdentityMethod.MOEACA_CARD: ("工商憑證 IC 卡", "MOEACA business certificate card"),
    IdentityMethod.MOICA_CARD: ("負責人自然人憑證 IC 卡", "Representative's MOICA citizen certificate card"),
    IdentityMethod.MOICA_MOBILE: ("負責人行動自然人憑證", "Representative's mobile MOICA certificate"),
    IdentityMethod.PHONE: ("負責人手機認證", "Representative's mobile-phone verification"),
    IdentityMethod.XCA_CARD: ("組織及團體憑證 IC 卡", "XCA organisation certificate card"),
}


def type_label(t: ApplicantType | str, lang: str = "zh") -> str:
    """Display name of an applicant type ("zh" for zh-TW, "en" for English)."""
    zh, en = TYPE_LABELS[ApplicantType(t)]
    return en if lang == "en" else zh


def method_label(m: IdentityMethod | str, lang: str = "zh") -> str:
    """Display name of an identity method ("zh" for zh-TW, "en" for English)."""
    zh, en = METHOD_LABELS[IdentityMethod(m)]
    return en if lang == "en" else zh


def effective_type(
    applicant_type: ApplicantType | str, as_type: ApplicantType | str | None = None
) -> tuple[ApplicantType | None, tuple[tuple[str, str], ...]]:
    """The type whose rules apply, and the problems found (zh, en) when there is none.

    Only a for-profit social-innovation organisation applies "as" another type; for every other
    type ``as_type`` must be empty or the type itself.
    """
    t = ApplicantType(applicant_type)
    a = ApplicantType(as_type) if as_type else None
    rule = TYPE_RULES[t]
    if rule.methods is None:
        if a is None:
            return None, (
                (
                    "營利事業之社會創新組織須以「中小企業」或「稅籍營利事業」身分申請，但未記錄申請身分",
                    "A for-profit social-innovation organisation must apply as SME or tax-registered "
                    "business, but no such type is recorded",
                ),
            )
        if a not in rule.as_types:
            return None, (
                (
                    f"營利事業之社會創新組織不得以「{type_label(a)}」身分申請",
                    f"A for-profit social-innovation organisation may not apply as {type_label(a, 'en')}",
                ),
            )
        return a, ()
    if a is not None and a != t:
        return None, (
            (
                f"僅營利事業之社會創新組織得以其他身分申請（記錄為「{type_label(a)}」）",
                f"Only a for-profit social-innovation organisation applies as another type "
                f"(recorded: {type_label(a, 'en')})",
            ),
        )
    return t, ()


def allowed_methods(
    applicant_type: ApplicantType | str, as_type: ApplicantType | str | None = None
) -> frozenset[IdentityMethod]:
    """Identity methods allowed for the type (empty when the type/as_type pair is invalid)."""
    eff, _ = effective_type(applicant_type, as_type)
    if eff is None:
        return frozenset()
    methods = TYPE_RULES[eff].methods
    return methods if methods is not None else frozenset()


def _clauses_for(t: ApplicantType, eff: ApplicantType | None) -> tuple[str, ...]:
    own = TYPE_RULES[t].clause
    if eff is None or eff == t:
        return (own,)
    return (own, TYPE_RULES[eff].clause)


def identity_method_allowed(
    applicant_type: ApplicantType | str,
    method: IdentityMethod | str,
    as_type: ApplicantType | str | None = None,
) -> Verdict:
    """Whether ``method`` is an allowed identity method at application for the type (須知六(一))."""
    t = ApplicantType(applicant_type)
    m = IdentityMethod(method)
    eff, problems = effective_type(t, as_type)
    found = list(problems)
    if eff is not None and m not in allowed_methods(t, as_type):
        allowed = "、".join(method_label(x) for x in sorted(allowed_methods(t, as_type)))
        allowed_en = ", ".join(method_label(x, "en") for x in sorted(allowed_methods(t, as_type)))
        found.append(
            (
                f"「{type_label(eff)}」不得以「{method_label(m)}」申請；限用：{allowed}",
                f"{type_label(eff, 'en')} may not apply with {method_label(m, 'en')}; allowed: {allowed_en}",
            )
        )
    return verdict(found, _clauses_for(t, eff))


def forms_required(applicant_type: ApplicantType | str, as_type: ApplicantType | str | None = None) -> bool:
    """Whether the authorisation forms 附表2 and 附表3 are required (須知六(二)).

    A for-profit social-innovation organisation needs them whichever type it applies as, so the
    answer does not depend on a missing ``as_type``.
    """
    t = ApplicantType(applicant_type)
    eff, _ = effective_type(t, as_type)
    return TYPE_RULES[eff if eff is not None else t].forms_required


def representative_id_collected(method: IdentityMethod | str) -> bool:
    """Whether the representative's national ID number is collected (附表1 告知事項一, RULES §5.9).

    Collected for the XCA card, the representative's MOICA certificate (card or mobile) and phone
    verification; not for the MOEACA business certificate.
    """
    return IdentityMethod(method) != IdentityMethod.MOEACA_CARD
