"""Settlement (請撥核銷) and 95A withholding statements (扣繳憑單): 須知八(五), RULES §9.

After the plan term ends, or after a termination's refund case is approved, the vendor claims the
points used on the order net of the points returned. Finance pays claims in batches; for every
reimbursed amount the vendor issues the applicant a withholding statement, income category 95A
(實報實銷之政府補助款), aggregated per calendar year of finance's payment date **[decision]**.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from backoffice.policy.applicants import Verdict, verdict
from backoffice.policy.dates import contract_end
from backoffice.policy.identifiers import check_ubn
from backoffice.policy.results import JsonResult

CLAUSE_SETTLEMENT = "須知八(五)"
CLAUSE_INVOICE = "須知八(四)"
CLAUSE_RULES_SETTLEMENT = "RULES §9"
CLAUSE_TAX_YEAR = "RULES §9 [decision: 付款日所屬年度]"

INCOME_CODE_95A = "95A"  # 實報實銷之政府補助款 (95B would be the non-reimbursed kind)


class InvalidUbnError(ValueError):
    """A payment names a malformed UBN; carries which role and value."""

    def __init__(self, role: str, value: str) -> None:
        super().__init__(f"invalid {role} UBN: {value!r}")
        self.role = role
        self.value = value


def claimable_points(points_used_on_order: int, points_returned: int) -> int:
    """Points the vendor may claim: those used on the order net of those returned (須知八(五))."""
    for name, v in (("points_used_on_order", points_used_on_order), ("points_returned", points_returned)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValueError(f"{name} must be a non-negative int, got {v!r}")
    if points_returned > points_used_on_order:
        raise ValueError("more points returned than used on the order")
    return points_used_on_order - points_returned


def term_ended(service_start: date, term_months: int, today: date) -> bool:
    """Whether the plan term has ended on ``today`` (the day after ``contract_end`` or later)."""
    return today > contract_end(service_start, term_months)


def claim_payable(
    invoice_issued: bool,
    self_pay_paid: bool,
    open_refund_case: bool,
    term_ended_or_refund_approved: bool,
) -> Verdict:
    """Whether a vendor's claim may be paid (RULES §9): full e-invoice issued, self-pay paid,
    no refund case open, and the term over or the termination's refund case approved."""
    problems: list[tuple[str, str]] = []
    if not term_ended_or_refund_approved:
        problems.append(
            (
                "方案期程尚未結束，亦無已核准之退訂案",
                "The plan term has not ended and no refund case was approved",
            )
        )
    if not invoice_issued:
        problems.append(("尚未開立全額電子發票", "The full e-invoice has not been issued"))
    if not self_pay_paid:
        problems.append(("申請單位尚未付清自付款", "The applicant has not paid the self-pay"))
    if open_refund_case:
        problems.append(("尚有未結之退訂退款案", "A refund case is still open"))
    return verdict(problems, (CLAUSE_SETTLEMENT, CLAUSE_INVOICE, CLAUSE_RULES_SETTLEMENT))


@dataclass(frozen=True)
class Payment(JsonResult):
    """One reimbursement finance paid to a vendor for one applicant's order."""

    vendor_ubn: str
    applicant_ubn: str
    amount: int
    paid_on: date


@dataclass(frozen=True)
class Statement95A(JsonResult):
    """One withholding statement the vendor (payer) issues to the applicant (recipient)."""

    payer_ubn: str
    recipient_ubn: str
    income_code: str
    gross: int
    withheld: int
    tax_year: int  # AD year; the ROC year is tax_year - 1911
    payments: int = 0  # how many payments were aggregated
    clauses: tuple[str, ...] = (CLAUSE_SETTLEMENT, CLAUSE_TAX_YEAR)

    @property
    def roc_year(self) -> int:
        return self.tax_year - 1911


def _checked_ubn(role: str, v: str) -> str:
    s = (v or "").strip()
    if not check_ubn(s).valid:
        raise InvalidUbnError(role, v)
    return s


def withholding_statements(
    payments: Iterable[Payment],
    tax_year: int,
    withheld: Mapping[tuple[str, str], int] | None = None,
) -> list[Statement95A]:
    """95A statements for ``tax_year``: one per (vendor, applicant), gross = payments dated that year.

    ``withheld`` optionally sets the tax withheld per (payer, recipient) (default 0). Every UBN is
    checked, also on payments of other years, so bad data is never silently skipped.
    Statements are sorted by payer then recipient.
    """
    totals: dict[tuple[str, str], list[int]] = {}
    for p in payments:
        payer = _checked_ubn("vendor", p.vendor_ubn)
        recipient = _checked_ubn("applicant", p.applicant_ubn)
        if isinstance(p.amount, bool) or not isinstance(p.amount, int) or p.amount < 0:
            raise ValueError(f"payment amount must be a non-negative int, got {p.amount!r}")
        if p.paid_on.year != tax_year:
            continue
        acc = totals.setdefault((payer, recipient), [0, 0])
        acc[0] += p.amount
        acc[1] += 1
    out: list[Statement95A] = []
    for key in sorted(totals):
        gross, count = totals[key]
        tax = (withheld or {}).get(key, 0)
        if isinstance(tax, bool) or not isinstance(tax, int) or not 0 <= tax <= gross:
            raise ValueError(f"withheld for {key} must be an int between 0 and {gross}, got {tax!r}")
        out.append(Statement95A(key[0], key[1], INCOME_CODE_95A, gross, tax, tax_year, count))
    return out
