"""Shape validation of feed records (docs/feed-format.md): pure, no database.

``parse_line`` turns one JSONL line into a ``Parsed`` record (typed values: dates, datetimes,
ints) or raises ``FeedError`` with a reason an officer can read. It checks shape, types, UBN
and national-ID checksums (``policy.identifiers``), industry codes (``policy.industry``), dates
and non-negative amounts. References to other records are checked by the importer.
"""

from __future__ import annotations

import hashlib
import json
import re
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
# What both databases store and date arithmetic (a term of 120 months, F + 14 days...) survives:
# year 1 or 9999 would overflow a conversion to UTC or a contract end.
MIN_DATE, MAX_DATE = date(1900, 1, 1), date(2199, 12, 31)
MAX_MONEY = 10**15  # NT$ amounts and budgets (BIGINT columns, far below 2**63)
MAX_COUNT = 2**31 - 1  # points, head counts (INTEGER columns on PostgreSQL)
MAX_LINE_BYTES = 256 * 1024  # a feed line; longer lines are refused unread (bounded memory)
# Control characters other than tab/newline have no place in a text field; NUL is refused by
# PostgreSQL and lone surrogates cannot be encoded as UTF-8.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


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
    if _BAD_CHARS.search(v):
        raise FeedError(f"{path}: contains a control character or an invalid code point")
    return v.strip()


def _ref(v: Any, path: str) -> str:
    s = _text(v, path)
    if len(s) > MAX_ID:
        raise FeedError(f"{path}: an id has at most {MAX_ID} characters")
    return s


def _amount(v: Any, path: str, limit: int = MAX_MONEY) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise FeedError(f"{path}: a whole number is required (got {type(v).__name__})")
    if v < 0:
        raise FeedError(f"{path}: negative amount {v}")
    if v > limit:
        raise FeedError(f"{path}: larger than {limit:,}")
    return v


def _count(v: Any, path: str) -> int:
    """Points and head counts: stored in 32-bit columns."""
    return _amount(v, path, MAX_COUNT)


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
        d = date.fromisoformat(v)
    except ValueError:
        raise FeedError(f"{path}: bad date {v[:40]!r} (YYYY-MM-DD)") from None
    return _in_range(d, path)


def _in_range(d: date, path: str) -> date:
    if not MIN_DATE <= d <= MAX_DATE:
        raise FeedError(f"{path}: date {d.isoformat()} outside {MIN_DATE.isoformat()}..{MAX_DATE.isoformat()}")
    return d


def _datetime(v: Any, path: str) -> datetime:
    if not isinstance(v, str) or len(v) < 16:
        raise FeedError(f"{path}: an ISO date-time is required")
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:
        raise FeedError(f"{path}: bad date-time {v[:40]!r}") from None
    _in_range(dt.date(), path)  # before any conversion: year 1 or 9999 would overflow it
    return dt.replace(tzinfo=TAIPEI) if dt.tzinfo is None else dt


def _ubn(v: Any, path: str) -> str:
    # Exactly eight digits: the checksum helper forgives spaces, a stored key must not.
    s = v if isinstance(v, str) and v == v.strip() else ""
    if not identifiers.check_ubn(s).valid:
        raise FeedError(f"{path}: invalid UBN (統一編號) {str(v)[:40]!r}")
    return s


def _national_id(v: Any, path: str) -> str:
    s = v if isinstance(v, str) and v == v.strip() else ""
    if not identifiers.check_national_id(s).valid:
        # Never echo the number itself: it is personal data.
        raise FeedError(f"{path}: invalid national ID number (身分證字號 checksum)")
    return s.upper()


def _industry(v: Any, path: str) -> str:
    # A code is text ("62", "05"): a JSON number would lose its leading zero.
    code = industry.normalise_division(v) if isinstance(v, str) and not _BAD_CHARS.search(v) else None
    if code is None:
        raise FeedError(f"{path}: unknown industry code (產業類別) {str(v)[:40]!r}")
    return code


def _one_of(*values: str) -> Checker:
    def check(v: Any, path: str) -> str:
        if not isinstance(v, str) or v not in values:
            raise FeedError(f"{path}: must be one of {', '.join(values)} (got {str(v)[:40]!r})")
        return str(v)
    return check


def _optional(inner: Checker) -> Checker:
    def check(v: Any, path: str) -> Any:
        return None if v is None else inner(v, path)
    check.optional = True  # type: ignore[attr-defined]
    return check


def _scalar(v: Any, path: str) -> Any:
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, int):
        return _count(v, path)
    if isinstance(v, str):
        return _text(v, path) if v else v
    raise FeedError(f"{path}: a string, whole number, true/false or null is required")


def _result(v: Any, path: str) -> dict[str, Any] | None:
    """A query result: a flat object of scalars (or lists of them), at most 50 keys."""
    if v is None:
        return None
    if not isinstance(v, dict):
        raise FeedError(f"{path}: an object is required")
    if len(v) > 50:
        raise FeedError(f"{path}: more than 50 fields")
    for key, item in v.items():
        if not key or len(key) > MAX_ID or _BAD_CHARS.search(key):
            raise FeedError(f"{path}: bad field name")
        if isinstance(item, list):
            _list_of(_scalar)(item, f"{path}.{key}")
        else:
            _scalar(item, f"{path}.{key}")
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
        raise FeedError(f"unknown field {prefix}{_BAD_CHARS.sub('?', unknown[0][:40])}")
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
                  "result": _optional(_result), "note": _optional(_text)})
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
    spec: dict[str, Checker] = {"effective_from": _date, **{n: _optional(_count) for n in PARAMETER_NAMES}}
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
        "registered_on": _optional(_date), "capital": _amount, "employees": _count, "address": _text,
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
              "submitted_at": _datetime, "term_months": _months, "total": _amount, "points": _count,
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
    "settlement_claim": {**_COMMON, "order": _ref, "vendor": _ref, "points": _count, "submitted_on": _date},
}


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
            for j, q in enumerate(form["queries"]):
                _query_result(form["kind"], q, f"forms[{i}].queries[{j}].result")
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


# What a successful query must have returned (附表2: the head count; 附表3: the registered name).
_RESULT_NEEDS = {"form2": ("headcount", int), "form3": ("name", str)}


def _query_result(kind: str, q: dict[str, Any], path: str) -> None:
    if q["outcome"] != "success":
        return
    key, typ = _RESULT_NEEDS[kind]
    value = (q["result"] or {}).get(key)
    if not isinstance(value, typ) or isinstance(value, bool) or value == "":
        raise FeedError(f"{path}.{key}: a successful {kind} query needs its {key}")


@pure
def parse_obj(obj: Any) -> Parsed:
    """Validate one decoded record."""
    if not isinstance(obj, dict):
        raise FeedError("a record must be a JSON object")
    t = obj.get("type")
    if not isinstance(t, str) or not t:
        raise FeedError("missing field type")
    if t not in SPECS:
        raise FeedError(f"unknown type {t[:40]!r}")
    if not obj.get("id") and obj.get("id") != 0:
        raise FeedError("missing field id")
    data = _fields(obj, SPECS[t])
    _cross_checks(t, data)
    try:
        sha = content_hash(obj)
    except UnicodeEncodeError:  # a lone surrogate in a field the checks above let through
        raise FeedError("contains an invalid code point (\\ud800-\\udfff)") from None
    return Parsed(t, data["id"], data, sha)


@pure
def parse_line(line: str) -> Parsed:
    """Decode and validate one JSONL line."""
    if len(line) > MAX_LINE_BYTES:
        raise FeedError(f"line longer than {MAX_LINE_BYTES:,} characters")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise FeedError(f"malformed JSON: {exc.msg} at column {exc.colno}") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise FeedError(f"malformed JSON: {str(exc)[:80]}") from None
    except RecursionError:
        raise FeedError("malformed JSON: nested too deeply") from None
    try:
        return parse_obj(obj)
    except RecursionError:
        raise FeedError("nested too deeply") from None
