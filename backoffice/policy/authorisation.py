"""Authorisation forms 附表2 / 附表3 (企業授權書) and the one-query rule (RULES §5.7).

附表2 authorises a query of the labour-insurance headcount, 附表3 of the business-registration
data. Each authorisation allows one successful query; after a query that failed because of a
back-end fault it may be repeated until it succeeds, but only inside the validity period
(注意事項2). ``may_query`` answers before a query is made; ``form_problems`` and
``query_violations`` feed the eligibility checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from backoffice.policy.applicants import Verdict, verdict
from backoffice.policy.dates import roc_short
from backoffice.policy.identifiers import check_national_id, check_ubn
from backoffice.policy.results import JsonResult

CLAUSE_FORM2_NOTE2 = "附表2 注意事項2"
CLAUSE_FORM3_NOTE2 = "附表3 注意事項2"
CLAUSE_AUTHORISATION = "RULES §5.7"

QueryOutcome = Literal["success", "backend_failure", "other_failure"]
QUERY_OUTCOMES: frozenset[str] = frozenset({"success", "backend_failure", "other_failure"})


@dataclass(frozen=True)
class AuthorisationQuery(JsonResult):
    """One query made under an authorisation form, in the order made."""

    at: date
    outcome: QueryOutcome

    def __post_init__(self) -> None:
        if self.outcome not in QUERY_OUTCOMES:
            raise ValueError(f"unknown query outcome {self.outcome!r}")


@dataclass(frozen=True)
class AuthorisationForm(JsonResult):
    """附表2 or 附表3 as filed. ``representative_id`` (負責人身分證字號) is on 附表3 only."""

    ubn: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    consent: bool = False
    signed: bool = False
    representative_id: str | None = None
    queries: tuple[AuthorisationQuery, ...] = ()


def in_period(form: AuthorisationForm, d: date) -> bool:
    return (
        form.valid_from is not None
        and form.valid_until is not None
        and form.valid_from <= d <= form.valid_until
    )


def period_text(form: AuthorisationForm) -> str:
    if form.valid_from is None or form.valid_until is None:
        return "?"
    return f"{roc_short(form.valid_from)}–{roc_short(form.valid_until)}"


def query_violations(form: AuthorisationForm) -> list[tuple[str, str]]:
    """Queries the authorisation did not allow (注意事項2): after a success, after a non-back-end
    failure, or a retry outside the validity period."""
    found: list[tuple[str, str]] = []
    before: list[str] = []
    for q in form.queries:
        when = roc_short(q.at)
        if "success" in before:
            found.append(
                (f"{when} 於成功查詢後再次查詢", f"{when}: query after a successful one")
            )
        elif "other_failure" in before:
            found.append(
                (
                    f"{when} 於非後端系統問題之失敗後再次查詢",
                    f"{when}: retry after a failure not caused by the back end",
                )
            )
        elif before and not in_period(form, q.at):
            found.append(
                (f"{when} 重新查詢已逾授權期間", f"{when}: retry outside the validity period")
            )
        before.append(q.outcome)
    return found


def may_query(
    form: AuthorisationForm, today: date, which: Literal["form2", "form3"] | None = None
) -> Verdict:
    """Whether a query may be made today under ``form`` (附表2/附表3 注意事項2).

    Allowed: the form is signed and consented, today lies inside its validity period, and every
    earlier query failed because of the back end (none: the first query).
    """
    note = {"form2": (CLAUSE_FORM2_NOTE2,), "form3": (CLAUSE_FORM3_NOTE2,)}.get(
        which or "", (CLAUSE_FORM2_NOTE2, CLAUSE_FORM3_NOTE2)
    )
    problems: list[tuple[str, str]] = []
    if not form.consent:
        problems.append(("授權書未勾選同意", "Consent box not ticked"))
    if not form.signed:
        problems.append(("授權書未簽章", "Form not signed"))
    if form.valid_from is None or form.valid_until is None:
        problems.append(("授權書未載有效期限", "No validity period"))
    elif not in_period(form, today):
        problems.append(
            (
                f"今日不在授權期間 {period_text(form)} 內",
                f"Today is outside the validity period {period_text(form)}",
            )
        )
    outcomes = [q.outcome for q in form.queries]
    if "success" in outcomes:
        problems.append(
            (
                "已成功查詢一次，單次授權僅限發查一次",
                "Already queried successfully; one query per authorisation",
            )
        )
    elif "other_failure" in outcomes:
        problems.append(
            (
                "前次查詢失敗非因後端系統問題，不得重新查詢，需重新授權",
                "An earlier query failed for a reason other than the back end: a new authorisation is needed",
            )
        )
    return verdict(problems, (*note, CLAUSE_AUTHORISATION))


def form_problems(
    form: AuthorisationForm, application_ubn: str, with_representative: bool, today: date
) -> list[tuple[str, str]]:
    """(zh, en) problems of a filed form: UBN, validity period, consent, signature, the 附表3
    representative ID, query dates outside the period, and a period that ended with no success."""
    problems: list[tuple[str, str]] = []
    ubn = (form.ubn or "").strip()
    if not check_ubn(ubn).valid:
        problems.append(
            (f"授權書統一編號無效：{ubn or '空白'}", f"Invalid UBN on the form: {ubn or 'blank'}")
        )
    elif ubn != (application_ubn or "").strip():
        problems.append(
            (f"授權書統一編號 {ubn} 與申請不符", f"UBN {ubn} on the form differs from the application")
        )
    if form.valid_from is None or form.valid_until is None:
        problems.append(("未載有效期限", "No validity period"))
    elif form.valid_from > form.valid_until:
        problems.append((f"有效期限起日晚於迄日：{period_text(form)}", "Validity starts after it ends"))
    if not form.consent:
        problems.append(("未勾選同意", "Consent box not ticked"))
    if not form.signed:
        problems.append(("未簽章", "Not signed"))
    if with_representative:
        rep = (form.representative_id or "").strip()
        if not rep or not check_national_id(rep).valid:
            problems.append(("負責人身分證字號格式或檢查碼錯誤", "Representative's ID number malformed"))
    outside = [q for q in form.queries if not in_period(form, q.at)]
    if outside and form.valid_from is not None and form.valid_until is not None:
        problems.append(
            (
                "查詢日不在授權期間內：" + "、".join(roc_short(q.at) for q in outside),
                "Query dates outside the validity period: " + ", ".join(roc_short(q.at) for q in outside),
            )
        )
    succeeded = any(q.outcome == "success" for q in form.queries)
    if not succeeded and form.valid_until is not None and today > form.valid_until:
        problems.append(
            (
                "授權期間已過仍未成功查詢，需重新授權",
                "Validity ended without a successful query: a new form is needed",
            )
        )
    return problems
