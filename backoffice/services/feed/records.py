"""Shape validation of feed records (docs/feed-format.md): pure, no database.

``parse_line`` turns one JSONL line into a ``Parsed`` record (typed values: dates, datetimes,
ints) or raises ``FeedError`` with a reason an officer can read. It checks shape, types, UBN
and national-ID checksums (``policy.identifiers``), industry codes (``policy.industry``), dates
and non-negative amounts. References to other records are checked by the importer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from backoffice.policy import identifiers, industry
from backoffice.policy.applicants import ApplicantType, IdentityMethod
from backoffice.policy.params import ProgrammeParams
from backoffice.services.authz import pure

TAIPEI = timezone(timedelta(hours=8))
MAX_ID = 64


class FeedError(ValueError):
    """A record that cannot be imported; ``reason`` is shown in the import report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Parsed:
    type: str
    id: str
    data: dict[str, Any]  # validated, converted values
    sha256: str  # content hash of the canonical JSON of the raw record


Checker = Callable[[Any, str], Any]


def _text(v: Any, path: str) -> str:
    if not isinstance(v, str) or not v.strip():
        raise FeedError(f"{path}: a non-empty string is required")
    if len(v) > 500:
        raise FeedError(f"{path}: longer than 500 characters")
    return v.strip()


def _ref(v: Any, path: str) -> str:
    s = _text(v, path)
    if len(s) > MAX_ID:
        raise FeedError(f"{path}: an id has at most {MAX_ID} characters")
    return s


def _amount(v: Any, path: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise FeedError(f"{path}: a whole number is required (got {type(v).__name__})")
    if v < 0:
        raise FeedError(f"{path}: negative amount {v}")
    return v


def _months(v: Any, path: str) -> int:
    n = _amount(v, path)
    if not 1 <= n <= 120:
        raise FeedError(f"{path}: months must be between 1 and 120")
    return n


def _bool(v: Any, path: str) -> bool:
    if not isinstance(v, bool):
        raise FeedError(f"{path}: true or false is required")
    return v


def _date(v: Any, path: str) -> date:
    if not isinstance(v, str):
        raise FeedError(f"{path}: an ISO date YYYY-MM-DD is required")
    try:
        if len(v) != 10:
            raise ValueError(v)
        return date.fromisoformat(v)
    except ValueError:
        raise FeedError(f"{path}: bad date {v!r} (YYYY-MM-DD)") from None


def _datetime(v: Any, path: str) -> datetime:
    if not isinstance(v, str) or len(v) < 16:
        raise FeedError(f"{path}: an ISO date-time is required")
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:
        raise FeedError(f"{path}: bad date-time {v!r}") from None
    return dt.replace(tzinfo=TAIPEI) if dt.tzinfo is None else dt


def _ubn(v: Any, path: str) -> str:
    s = v if isinstance(v, str) else ""
    if not identifiers.check_ubn(s).valid:
        raise FeedError(f"{path}: invalid UBN (統一編號) {v!r}")
    return s


def _national_id(v: Any, path: str) -> str:
    s = v if isinstance(v, str) else ""
    if not identifiers.check_national_id(s).valid:
        # Never echo the number itself: it is personal data.
        raise FeedError(f"{path}: invalid national ID number (身分證字號 checksum)")
    return s


def _industry(v: Any, path: str) -> str:
    code = industry.normalise_division(v) if isinstance(v, (str, int)) else None
    if code is None:
        raise FeedError(f"{path}: unknown industry code (產業類別) {v!r}")
    return code


def _one_of(*values: str) -> Checker:
    def check(v: Any, path: str) -> str:
        if v not in values:
            raise FeedError(f"{path}: must be one of {', '.join(values)} (got {v!r})")
        return str(v)
    return check


def _optional(inner: Checker) -> Checker:
    def check(v: Any, path: str) -> Any:
        return None if v is None else inner(v, path)
    check.optional = True  # type: ignore[attr-defined]
    return check


def _any_object(v: Any, path: str) -> dict[str, Any] | None:
    if v is None:
        return None
    if not isinstance(v, dict):
        raise FeedError(f"{path}: an object is required")
    return v


def _object(spec: Mapping[str, Checker]) -> Checker:
    def check(v: Any, path: str) -> dict[str, Any]:
        if not isinstance(v, dict):
            raise FeedError(f"{path}: an object is required")
        return _fields(v, spec, path + ".")
    return check


def _list_of(inner: Checker, max_len: int = 50) -> Checker:
    def check(v: Any, path: str) -> list[Any]:
        if not isinstance(v, list):
            raise FeedError(f"{path}: a list is required")
        if len(v) > max_len:
            raise FeedError(f"{path}: more than {max_len} items")
        return [inner(item, f"{path}[{i}]") for i, item in enumerate(v)]
    return check


def _fields(obj: Mapping[str, Any], spec: Mapping[str, Checker], prefix: str = "") -> dict[str, Any]:
    unknown = sorted(set(obj) - set(spec))
    if unknown:
        raise FeedError(f"unknown field {prefix}{unknown[0]}")
    out: dict[str, Any] = {}
    for name, check in spec.items():
        if name not in obj or obj[name] is None:
            if getattr(check, "optional", False):
                out[name] = None
                continue
            raise FeedError(f"missing field {prefix}{name}")
        out[name] = check(obj[name], prefix + name)
    return out


_QUERY = _object({"at": _datetime, "outcome": _one_of("success", "backend_failure", "other_failure"),
                  "result": _optional(_any_object), "note": _optional(_text)})
_FORM = _object({
    "kind": _one_of("form2", "form3"), "ubn": _ubn, "company_name": _text,
    "valid_from": _date, "valid_until": _date, "signed_on": _optional(_date), "consent": _bool,
    "representative_name": _optional(_text), "representative_id": _optional(_national_id),
    "queries": _list_of(_QUERY),
})
_COMMON = {"type": _text, "id": _ref}
# Parameters a programme record may override (RULES §3); the deadline and the budget have their
# own fields, and ``effective_from`` says from when an override applies.
PARAMETER_NAMES = tuple(n for n in ProgrammeParams.__dataclass_fields__
                        if n not in ("subsidy_deadline", "total_budget", "effective_from"))


def _programme_code(v: Any, path: str) -> str:
    s = _ref(v, path)
    if len(s) > 32:
        raise FeedError(f"{path}: a programme id has at most 32 characters")
    return s


def _override(v: Any, path: str) -> dict[str, Any]:
    """One parameter override: ``effective_from`` and the parameters it changes (checked by
    ``ProgrammeParams`` itself, so the policy's limits apply)."""
    if not isinstance(v, dict):
        raise FeedError(f"{path}: an object is required")
    spec: dict[str, Checker] = {"effective_from": _date, **{n: _optional(_amount) for n in PARAMETER_NAMES}}
    out = _fields(v, spec, path + ".")
    values = {k: x for k, x in out.items() if k != "effective_from" and x is not None}
    if not values:
        raise FeedError(f"{path}: no parameter to change")
    try:
        ProgrammeParams(**values)
    except ValueError as exc:
        raise FeedError(f"{path}: {exc}") from None
    return {"effective_from": out["effective_from"], "values": values}

SPECS: dict[str, dict[str, Checker]] = {
    "programme": {**_COMMON, "id": _programme_code, "name": _text, "budget": _amount,
                  "subsidy_deadline": _date, "opens_on": _optional(_date),
                  "applications_stopped_on": _optional(_date), "use_stopped_on": _optional(_date),
                  "budget_exhausted_on": _optional(_date), "parameters": _optional(_list_of(_override))},
    "vendor": {**_COMMON, "ubn": _ubn, "name": _text, "address": _optional(_text),
               "contact_name": _optional(_text), "email": _optional(_text), "phone": _optional(_text)},
    "solution": {**_COMMON, "vendor": _ref, "name": _text, "category": _optional(_text), "price": _amount,
                 "term_months": _months, "listed": _bool},
    "application": {
        **_COMMON, "submitted_at": _datetime, "applicant_type": _one_of(*(t.value for t in ApplicantType)),
        "applies_as": _optional(_one_of(ApplicantType.SME.value, ApplicantType.TAX_REGISTERED.value)),
        "ubn": _ubn, "name": _text, "industry": _optional(_industry), "industry_other": _optional(_text),
        "registered_on": _optional(_date), "capital": _amount, "employees": _amount, "address": _text,
        "representative": _object({"name": _text, "title": _optional(_text),
                                   "national_id": _optional(_national_id)}),
        "contact": _object({"name": _text, "title": _optional(_text), "phone": _optional(_text),
                            "extension": _optional(_text), "mobile": _optional(_text), "email": _text}),
        "consent_personal_data": _bool, "declarations_accepted": _bool, "no_tax_arrears": _bool,
        "self_assessment_done": _bool,
        "identity": _object({"method": _one_of(*(m.value for m in IdentityMethod)), "verified_at": _datetime,
                             "subject_type": _optional(_one_of("company", "branch", "business")),
                             "certificate_serial": _optional(_text)}),
        "forms": _list_of(_FORM, 10),
        "decision": _optional(_object({"status": _one_of("approved", "rejected"), "decided_on": _date,
                                       "issued_on": _optional(_date)})),
    },
    "order": {**_COMMON, "application": _optional(_ref), "ubn": _optional(_ubn), "solution": _ref,
              "submitted_at": _datetime, "term_months": _months, "total": _amount, "points": _amount,
              "self_pay": _amount, "existing_customer": _bool},
    "order_event": {**_COMMON, "order": _ref,
                    "event": _one_of("vendor_confirmed", "paid", "payment_confirmed", "invoiced",
                                     "service_started", "rejected", "cancelled", "completed"),
                    "at": _datetime, "note": _optional(_text), "amount": _optional(_amount),
                    "invoice_number": _optional(_text), "service_start": _optional(_date)},
    "termination": {**_COMMON, "order": _ref, "filed_on": _date, "effective_on": _date,
                    "initiated_by": _one_of("applicant", "vendor"), "reason": _optional(_text)},
    "confirmation": {**_COMMON, "termination": _ref, "party": _one_of("applicant", "vendor"), "agrees": _bool,
                     "at": _datetime, "comment": _optional(_text)},
    "settlement_claim": {**_COMMON, "order": _ref, "vendor": _ref, "points": _amount, "submitted_on": _date},
}
TYPES = tuple(SPECS)


@pure
def content_hash(obj: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces): equal content, equal hash."""
    canonical = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _cross_checks(t: str, d: dict[str, Any]) -> None:
    """Rules that tie fields of one record together."""
    if t == "programme":
        froms = [o["effective_from"] for o in d["parameters"] or ()]
        if len(set(froms)) != len(froms):
            raise FeedError("two parameter overrides with the same effective_from")
        if d["opens_on"] is not None and any(f < d["opens_on"] for f in froms):
            raise FeedError("a parameter override takes effect before the programme opens")
    elif t == "application":
        for i, form in enumerate(d["forms"]):
            if form["valid_until"] < form["valid_from"]:
                raise FeedError(f"forms[{i}]: valid_until before valid_from")
        if d["applicant_type"] == ApplicantType.SOCIAL_INNOVATION_FORPROFIT.value and not d["applies_as"]:
            raise FeedError("applies_as is required for a for-profit social-innovation organisation")
        dec = d["decision"]
        if dec is not None:
            if dec["status"] == "approved" and dec["issued_on"] is None:
                raise FeedError("decision.issued_on is required for an approved decision")
            if dec["status"] == "rejected" and dec["issued_on"] is not None:
                raise FeedError("decision.issued_on must be empty for a rejected decision")
            if dec["decided_on"] < d["submitted_at"].astimezone(TAIPEI).date():
                raise FeedError("decision.decided_on is before the submission")
            if dec["issued_on"] is not None and dec["issued_on"] < dec["decided_on"]:
                raise FeedError("decision.issued_on is before decided_on")
    elif t == "order":
        if (d["application"] is None) == (d["ubn"] is None):
            raise FeedError("exactly one of application or ubn is required")
        if d["points"] + d["self_pay"] != d["total"]:
            raise FeedError(f"points + self_pay ({d['points']} + {d['self_pay']}) differ from total {d['total']}")
    elif t == "order_event":
        needs = {"paid": "amount", "invoiced": "invoice_number", "service_started": "service_start"}
        field = needs.get(d["event"])
        if field and d[field] is None:
            raise FeedError(f"missing field {field} for event {d['event']}")
    elif t == "termination" and d["effective_on"] < d["filed_on"] - timedelta(days=366 * 10):
        raise FeedError("effective_on is implausibly early")


@pure
def parse_obj(obj: Any) -> Parsed:
    """Validate one decoded record."""
    if not isinstance(obj, dict):
        raise FeedError("a record must be a JSON object")
    t = obj.get("type")
    if not isinstance(t, str) or not t:
        raise FeedError("missing field type")
    if t not in SPECS:
        raise FeedError(f"unknown type {t!r}")
    if not obj.get("id") and obj.get("id") != 0:
        raise FeedError("missing field id")
    data = _fields(obj, SPECS[t])
    _cross_checks(t, data)
    return Parsed(t, data["id"], data, content_hash(obj))


@pure
def parse_line(line: str) -> Parsed:
    """Decode and validate one JSONL line."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise FeedError(f"malformed JSON: {exc.msg} at column {exc.colno}") from None
    return parse_obj(obj)
