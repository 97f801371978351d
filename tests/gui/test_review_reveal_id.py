"""The representative's full national ID on the review screen: a supervisor reveals it with a
reason (audited, shown in place, gone with the next dossier); an officer sees no button. SQLite and
PostgreSQL, offscreen."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QDialogButtonBox

from backoffice.db import models as m
from backoffice.services.applications.personal_data import REVEALED
from backoffice.views import jobs
from backoffice.views.applications.review_screen import ReviewScreen
from backoffice.views.context import OfficerIdentity
from tests.support import review_seed as rs

pytestmark = [pytest.mark.gui]


def screen_for(qtbot: Any, app_context: Any, officer_id: int, roles: list[str], app_id: int) -> ReviewScreen:
    context = replace(app_context, officer=OfficerIdentity.of(officer_id, "某人", roles), today=lambda: rs.TODAY)
    screen = ReviewScreen(context)
    qtbot.addWidget(screen)
    screen.show()
    screen.open_application(app_id)
    assert jobs.wait_for_jobs(30)
    assert screen.is_loaded() and screen.load_error() is None
    return screen


def reveals(uow: Any) -> list[tuple[int, int | None, str | None, dict[str, Any]]]:
    with uow() as u:
        e = m.AuditEvent
        return [tuple(r) for r in u.session.execute(sa.select(e.id, e.officer_id, e.entity_type, e.details)
                                                    .where(e.action == REVEALED))]  # type: ignore[misc]


def test_a_supervisor_reveals_the_id_with_a_reason_in_place_and_it_is_recorded(
        qtbot: Any, app_context: Any, uow: Any) -> None:
    seeded = rs.seed(uow, applications=2)
    screen = screen_for(qtbot, app_context, seeded.other_officer_id, ["officer", "supervisor"],
                        seeded.application_ids[0])
    reveal = screen.fields_panel.id_reveal
    value = screen.fields_panel.values["representative_id"]
    assert reveal is not None and reveal.button.isVisible() and value.text() == "A12****789"
    reveal.button.click()
    dialog = reveal.dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a reason is required
    dialog.reason.setText("核對憑證卡持有人")
    ok.click()
    assert jobs.wait_for_jobs(30)
    assert value.text() == rs.REP_ID and reveal.revealed
    assert not reveal.button.isVisible()
    events = reveals(uow)
    assert [(oid, etype, details["reason"]) for _, oid, etype, details in events] == [
        (seeded.other_officer_id, "applicant", "核對憑證卡持有人")]
    assert f"#{events[0][0]}" in reveal.note.text()
    assert rs.REP_ID not in str(events[0][3])
    screen.open_application(seeded.application_ids[1])  # another case: the number is gone
    assert jobs.wait_for_jobs(30)
    assert rs.REP_ID not in screen.fields_panel.values["representative_id"].text()
    assert screen.fields_panel.id_reveal is not reveal and not screen.fields_panel.id_reveal.revealed


def test_an_officer_sees_no_reveal_button_and_the_service_refuses_anyway(
        qtbot: Any, app_context: Any, uow: Any) -> None:
    seeded = rs.seed(uow, applications=1)
    screen = screen_for(qtbot, app_context, seeded.officer_id, ["officer"], seeded.application_ids[0])
    reveal = screen.fields_panel.id_reveal
    assert reveal is not None and not reveal.button.isVisible()
    reveal.reveal("想看看")  # even if the button were reached, the service says no
    assert jobs.wait_for_jobs(30)
    assert screen.fields_panel.values["representative_id"].text() == "A12****789"
    assert "主管" in reveal.note.text() and reveals(uow) == []
