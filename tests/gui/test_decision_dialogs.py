"""Decision dialogs: the items to supply are required, 逾期未補件 is offered only where it applies,
and the e-mail is shown (built by the decision service) before anything is queued."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from backoffice.services.applications import decisions
from tests.gui.test_review_screen import make_screen, officer_context
from tests.support import review_seed as rs

pytestmark = [pytest.mark.gui]


def test_the_supplement_dialog_needs_the_items_and_previews_the_email(qtbot: Any, app_context: Any,
                                                                      uow: Any) -> None:
    seeded = rs.seed(uow, applications=1)
    screen = make_screen(qtbot, officer_context(app_context, seeded), seeded.application_ids[0])
    screen.ask_supplement()
    dialog = screen.supplement_dialog
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing to supply yet: the e-mail would say nothing
    assert dialog.preview.isVisible() and "補件通知" in dialog.preview.toPlainText()
    dialog.note.setPlainText("補附表2 勞保投保人數授權書")  # keyClicks types ASCII only
    assert ok.isEnabled()
    dialog.preview.update_now()
    with uow() as u:
        expected = decisions.preview_notification(u, seeded.application_ids[0], "supplement", today=rs.TODAY,
                                                  deadline=dialog.deadline(), note=dialog.note_text())
    assert expected.body in dialog.preview.toPlainText()
    assert "補件事項：補附表2 勞保投保人數授權書" in dialog.preview.toPlainText()
    dialog.reject()


def test_the_reject_dialog_offers_supplement_overdue_only_where_it_applies(qtbot: Any, app_context: Any,
                                                                            uow: Any) -> None:
    seeded = rs.seed(uow, applications=1)
    screen = make_screen(qtbot, officer_context(app_context, seeded), seeded.application_ids[0])
    screen.ask_reject()
    dialog = screen.reject_dialog
    assert dialog is not None
    model = dialog.reason.model()
    row = dialog.reason.findData("supplement_overdue")
    assert not model.item(row).isEnabled()  # type: ignore[attr-defined]
    assert model.item(dialog.reason.findData("not_sme")).isEnabled()  # type: ignore[attr-defined]
    texts = [dialog.reason.itemText(i) for i in range(dialog.reason.count())]
    assert not any("RULES" in t for t in texts), texts
    assert any("作業原則：" in t for t in texts)
    dialog.reason.setCurrentIndex(dialog.reason.findData("not_sme"))
    dialog.preview.update_now()
    assert "不符中小企業認定標準" in dialog.preview.toPlainText()
    assert "RULES" not in dialog.preview.toPlainText()
    dialog.reject()
