"""Issue 12 item 10 on the review screen: 待查 items resolved by the officer, approval waits for them,
the reject dialog names the failing item's reason, the history in words, each case opens at the top."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QDialogButtonBox

from backoffice.db import models as m
from backoffice.services.applications import assignment
from backoffice.views import jobs
from backoffice.views.applications.review.panels import ChecklistModel
from tests.gui.test_review_screen import make_screen, officer_context
from tests.support import review_seed as rs

pytestmark = [pytest.mark.gui]


def set_applicant(uow: Any, app_id: int, **values: Any) -> None:
    with uow() as u:
        app = u.session.get(m.Application, app_id)
        u.session.execute(sa.update(m.Applicant).where(m.Applicant.id == app.applicant_id).values(**values))
        u.commit()


def claimed(uow: Any, seeded: rs.Seeded, app_id: int) -> None:
    with uow() as u:
        assignment.claim(u, app_id, seeded.officer_id)


def outcome_of(screen: Any, code: str) -> tuple[str, str]:
    model = screen.checklist_panel.model
    for r in range(model.rowCount()):
        if model.data(model.index(r, 0), ChecklistModel.CodeRole) == code:
            return (model.data(model.index(r, 0), ChecklistModel.OutcomeRole),
                    model.data(model.index(r, ChecklistModel.COL_EVIDENCE)))
    raise KeyError(code)


def test_a_pending_item_is_resolved_by_the_officer_before_approval(qtbot: Any, app_context: Any, uow: Any) -> None:
    seeded = rs.seed(uow, applications=1, demo=True)
    app_id = seeded.application_ids[0]
    set_applicant(uow, app_id, employees=None, paid_in_capital=None)
    claimed(uow, seeded, app_id)
    screen = make_screen(qtbot, officer_context(app_context, seeded), app_id)
    assert outcome_of(screen, "sme_size")[0] == "unknown"
    assert not screen.approve_button.isEnabled()  # was enabled with an unresolved 待查 item
    assert "待查" in screen.approve_button.toolTip()
    panel = screen.checklist_panel
    assert panel.selected_unknown() is not None and panel.resolve_button.isEnabled()
    panel.resolve_button.click()
    dialog = screen.finding_dialog
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a finding says what was checked
    dialog.note.setPlainText("商工登記查詢：實收資本額 500 萬元，員工 12 人")
    ok.click()
    assert jobs.wait_for_jobs(30)
    outcome, evidence = outcome_of(screen, "sme_size")
    assert outcome == "pass" and "員工 12 人" in evidence and "林官員" in evidence
    assert screen.approve_button.isEnabled() and not panel.resolve_button.isEnabled()


def test_the_reject_dialog_preselects_the_failing_items_reason(qtbot: Any, app_context: Any, uow: Any) -> None:
    seeded = rs.seed(uow, applications=1, demo=True)
    app_id = seeded.application_ids[0]
    set_applicant(uow, app_id, employees=900, paid_in_capital=900_000_000)  # not an SME
    claimed(uow, seeded, app_id)
    screen = make_screen(qtbot, officer_context(app_context, seeded), app_id)
    assert outcome_of(screen, "sme_size")[0] == "fail" and not screen.approve_button.isEnabled()
    screen.ask_reject()
    assert screen.reject_dialog is not None and screen.reject_dialog.reason_code() == "not_sme"


def test_the_history_and_proofs_are_in_words(qtbot: Any, app_context: Any, uow: Any) -> None:
    seeded = rs.seed(uow, applications=1, demo=True)
    app_id = seeded.application_ids[0]
    claimed(uow, seeded, app_id)
    screen = make_screen(qtbot, officer_context(app_context, seeded), app_id)
    table = screen.history_panel.table
    events = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert any("平台送件" in e for e in events)
    assert not any(raw in e for e in events for raw in ("（feed）", "（claim）", "（approve）"))
    proofs = screen.identity_panel.table
    holders = [proofs.item(r, 3).text() for r in range(proofs.rowCount())]
    assert any("（公司）" in h for h in holders) and not any("(company)" in h for h in holders)


def test_another_case_opens_scrolled_to_the_top(qtbot: Any, app_context: Any, uow: Any) -> None:
    seeded = rs.seed(uow, applications=2, demo=True)
    screen = make_screen(qtbot, officer_context(app_context, seeded), seeded.application_ids[0])
    screen.resize(1100, 560)
    qtbot.wait(10)
    bar = screen.left_scroll.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    screen.open_application(seeded.application_ids[1])
    assert jobs.wait_for_jobs(30)
    assert bar.value() == 0


def test_scans_fit_the_width_and_open_in_their_own_window(qtbot: Any, app_context: Any, uow: Any) -> None:
    """Issue 12 item 21: the viewer was a 440x130-px strip at a fixed zoom."""
    from backoffice.services.applications import attachments

    seeded = rs.seed(uow, applications=1, demo=True)
    assert attachments.add_demo_attachments(uow) == 1
    screen = make_screen(qtbot, officer_context(app_context, seeded), seeded.application_ids[0])
    viewer = screen.attachment_viewer
    assert jobs.wait_for_jobs(30) and viewer.rendered is not None
    pane = viewer.scroll_area.viewport().width()
    assert viewer.fit_width and pane - 10 <= viewer.image.pixmap().width() <= pane
    viewer.files.setCurrentRow(1)  # the 附表3 scan
    assert jobs.wait_for_jobs(30)
    window = viewer.open_window()
    qtbot.waitExposed(window)
    assert jobs.wait_for_jobs(30)
    own = window.viewer
    assert window.isVisible() and window.width() >= 900 and own.files.currentRow() == 1
    assert own.rendered is not None and own.image.pixmap().width() > pane  # wider than the pane allowed
    assert not own.window_button.isVisible()
    own.set_zoom(own.zoom_index + 1)  # zooming leaves fit-to-width
    assert jobs.wait_for_jobs(30)
    assert not own.fit_width and not own.fit_button.isChecked()
    window.close()
