"""services.authz: who the acting officer is (an id or any object with ``id``), and what a refusal
carries (officer, action, roles needed), on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from backoffice.db.enums import Role
from backoffice.services.authz import REVIEW_ROLES, PermissionDenied, officer_id_of, require_officer
from tests.support import review_seed as rs


@dataclass
class Identity:
    id: Any


def test_the_officer_is_an_id_or_anything_with_an_id() -> None:
    assert officer_id_of(None) is None
    assert officer_id_of(5) == 5
    assert officer_id_of(Identity("7")) == 7
    assert officer_id_of(Identity(None)) is None
    assert officer_id_of(object()) is None


def _officers(uow: Any) -> tuple[int, int, int]:
    with uow() as u:
        ok = rs.add_officer(u.session, "王承辦", "wang@example.gov.tw", [Role.OFFICER]).id
        finance = rs.add_officer(u.session, "李會計", "li@example.gov.tw", [Role.FINANCE]).id
        gone = rs.add_officer(u.session, "陳離職", "chen@example.gov.tw", [Role.SUPERVISOR])
        gone.active = False
        u.commit()
        return ok, finance, gone.id


def test_an_active_reviewer_passes_given_as_id_or_object(uow: Any) -> None:
    ok, _, _ = _officers(uow)
    with uow() as u:
        assert require_officer(u.session, ok, "approve").id == ok
        assert require_officer(u.session, Identity(ok), "approve").id == ok
        assert require_officer(u.session, Identity(str(ok)), "approve").id == ok


def test_a_refusal_says_who_what_and_which_roles(uow: Any) -> None:
    ok, finance, gone = _officers(uow)
    review = frozenset({"officer", "supervisor"})  # admin is not a reviewer (docs/admin-guide.md, roles)
    cases = [(finance, finance), (Identity(finance), finance), (gone, gone), (None, None), (Identity(None), None),
             (ok + finance + gone, ok + finance + gone)]
    with uow() as u:
        for officer, officer_id in cases:
            with pytest.raises(PermissionDenied) as err:
                require_officer(u.session, officer, "approve an application")
            assert (err.value.officer_id, err.value.action, err.value.needed) == (
                officer_id, "approve an application", review)
        with pytest.raises(PermissionDenied) as err:
            require_officer(u.session, ok, "pay a claim", frozenset({Role.FINANCE}))
        assert (err.value.officer_id, err.value.action, err.value.needed) == (ok, "pay a claim", frozenset({"finance"}))
        assert require_officer(u.session, finance, "pay a claim", frozenset({Role.FINANCE})).id == finance
    assert {r.value for r in REVIEW_ROLES} == review
