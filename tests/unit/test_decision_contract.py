"""What the decision service promises its callers beyond the database: each error carries the
data the screens and the command line word their messages with, results are immutable values with
documented defaults, and the signed payload names its published schema (a verifier outside this
program reads it). Pinned because mutation testing (tools/mutation.sh decisions) showed nothing
else would notice them change."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from backoffice.services.applications import decisions as d


def test_each_error_carries_its_data() -> None:
    e1 = d.NotDecidable(7, "approved")
    assert (e1.application_id, e1.status) == (7, "approved")
    e2 = d.DecisionConflict(7, 3, 4)
    assert (e2.application_id, e2.expected_version, e2.actual_version) == (7, 3, 4)
    e3 = d.NotEligible(7, ("capital",), ("headcount",))
    assert (e3.application_id, e3.failing, e3.unresolved) == (7, ("capital",), ("headcount",))
    e4 = d.InvalidReason("bogus", "unknown code")
    assert (e4.reason_code, e4.problem) == ("bogus", "unknown code")
    e5 = d.ReasonNotApplicable("supplement_overdue", 7, date(2026, 3, 9))
    assert (e5.reason_code, e5.application_id, e5.supplement_deadline) == ("supplement_overdue", 7, date(2026, 3, 9))
    e6 = d.SupplementItemsRequired(7)
    assert e6.application_id == 7
    e7 = d.InvalidDeadline(date(2026, 3, 1), date(2026, 3, 2))
    assert (e7.deadline, e7.today) == (date(2026, 3, 1), date(2026, 3, 2))
    e8 = d.WrongSigningCard("a" * 64, "b" * 64)
    assert (e8.expected_sha256, e8.got_sha256) == ("a" * 64, "b" * 64)
    for error in (e1, e2, e3, e4, e5, e6, e7, e8):
        assert isinstance(error, d.DecisionError) and str(error)


def test_results_are_immutable_with_documented_defaults() -> None:
    result = d.DecisionResult(1, 2, "approve", "approved", True)
    assert (result.grant_id, result.grant_points, result.outbox_email_id) == (None, None, None)
    for value in (result, d.EmailPreview(None, "s", "b"), d.VerificationResult(1, True, "valid", None, None, {}),
                  d.ReasonCode("x", "甲", "a", "須知")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            value.status = "changed"  # type: ignore[misc, union-attr]


def test_the_signed_payload_names_its_published_schema() -> None:
    assert d.PAYLOAD_SCHEMA == "tcloud-backoffice/decision/v1"


def test_the_signed_bytes_are_sorted_compact_utf8_json() -> None:
    """An outside verifier rebuilds these bytes from the payload: the spelling is the contract."""
    assert d.canonical_json({"b": 1, "a": "甲", "c": [None, True]}) == '{"a":"甲","b":1,"c":[null,true]}'.encode()
