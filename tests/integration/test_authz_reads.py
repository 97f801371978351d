"""Reads of personal data are role-checked in the services (issue 7: load_dossier ran anonymously)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import Role
from backoffice.services.applications import attachments, decisions, queue, review
from backoffice.services.authz import PermissionDenied
from tests.support import review_seed as rs
from tests.support.authz import officer_with

pytestmark = pytest.mark.db


def _outsiders(uow: Callable[[], Any]) -> list[int | None]:
    """Anonymous, finance-only, admin-only and a deactivated 承辦人: none may read a case."""
    with uow() as u:
        finance, admin = officer_with(u, Role.FINANCE), officer_with(u, Role.ADMIN)
        gone = officer_with(u, Role.OFFICER, name="gone")
        u.session.get(m.Officer, gone).active = False
        u.commit()
    return [None, finance, admin, gone]


def test_a_case_is_read_by_officers_and_supervisors_only(uow: Callable[[], Any]) -> None:
    seeded = rs.seed(uow, applications=1)
    app_id = seeded.application_ids[0]
    for who in _outsiders(uow):
        with uow() as u, pytest.raises(PermissionDenied):
            review.load_dossier(u, app_id, today=rs.TODAY, viewer=who)
        with uow() as u, pytest.raises(PermissionDenied):
            queue.application_row(u, app_id, today=rs.TODAY, viewer_id=who)
        with uow() as u, pytest.raises(PermissionDenied):
            queue.fetch_page(u, queue.QueueQuery(), today=rs.TODAY, viewer_id=who)
    with uow() as u:
        assert review.load_dossier(u, app_id, today=rs.TODAY, viewer=seeded.officer_id).application_id == app_id
        row = queue.application_row(u, app_id, today=rs.TODAY, viewer_id=seeded.other_officer_id)
        assert row is not None and row.id == app_id


def test_attachments_and_decisions_refuse_outsiders(uow: Callable[[], Any]) -> None:
    seeded = rs.seed(uow, applications=1)
    assert attachments.add_demo_attachments(uow) == 1
    with uow() as u:
        attachment_id = u.session.scalars(sa.select(m.Attachment.id).limit(1)).one()
    outsiders = _outsiders(uow)
    for who in outsiders:
        with uow() as u, pytest.raises(PermissionDenied):
            attachments.render_attachment(u, attachment_id, 0, 0.5, viewer=who)
    with uow() as u:
        assert attachments.render_attachment(u, attachment_id, 0, 0.5, viewer=seeded.officer_id).png
    admin = outsiders[2]
    with uow() as u, pytest.raises(PermissionDenied):  # admin alone does not decide
        decisions.approve(u, seeded.application_ids[0], admin, signer=None, expected_version=1)
