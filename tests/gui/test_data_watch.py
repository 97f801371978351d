"""Issue 12 item 15: a second instance's changes reach the open lists without F5 (or the window says so).

Two engines on the same database (one SQLite file, or one PostgreSQL database): the window runs on
the first, "another instance" writes through the second. The timer's slot is called directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from backoffice.services.admin.data_version import data_version
from backoffice.services.applications.assignment import claim
from backoffice.services.uow import UnitOfWork, make_engine, make_session_factory
from backoffice.views import jobs, screens
from backoffice.views.context import OfficerIdentity
from backoffice.views.main_window import MainWindow
from tests.support import review_seed as rs

pytestmark = [pytest.mark.gui, pytest.mark.db]


@pytest.fixture
def other_instance(engine: Any) -> Iterator[Any]:
    """A unit-of-work factory on a second engine: another copy of the program on the same data."""
    second = make_engine(engine.url.render_as_string(hide_password=False))
    factory = make_session_factory(second)
    yield lambda: UnitOfWork(factory)
    second.dispose()


def claim_elsewhere(other_instance: Any, application_id: int, officer_id: int) -> None:
    with other_instance() as uow:
        claim(uow, application_id, officer_id)


def open_window(qtbot: Any, app_context: Any) -> tuple[MainWindow, rs.Seeded]:
    seeded = rs.seed(app_context.uow_factory, applications=2)
    context = replace(app_context, officer=OfficerIdentity.of(seeded.officer_id, "林官員", ["officer"]),
                      today=lambda: rs.TODAY)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window, seeded


def loaded(qtbot: Any, page: Any) -> None:
    qtbot.waitUntil(lambda: screens.page_is_loaded(page), timeout=30_000)
    assert jobs.wait_for_jobs(30)


def holder(page: Any, application_id: int) -> str | None:
    model = page.model
    return model.row_at(model.row_of(application_id)).assigned_officer_name  # type: ignore[no-any-return]


def test_the_version_moves_when_another_engine_writes(uow, other_instance):
    seeded = rs.seed(uow, applications=1)
    with uow() as u:
        before = data_version(u)
        assert data_version(u) == before  # reading changes nothing
    claim_elsewhere(other_instance, seeded.application_ids[0], seeded.other_officer_id)
    with uow() as u:
        after = data_version(u)
    assert after != before and after[0] > before[0]  # the claim's audit event


def test_an_idle_queue_shows_another_instances_change_without_f5(qtbot, app_context, dialogs, other_instance):
    window, seeded = open_window(qtbot, app_context)
    dashboard = window.show_screen("dashboard")
    loaded(qtbot, dashboard)
    assert dashboard.figure_text("applications.under_review") == "0"
    queue = window.show_screen("applications")
    loaded(qtbot, queue)
    case = seeded.application_ids[0]
    assert holder(queue, case) is None

    claim_elsewhere(other_instance, case, seeded.other_officer_id)
    window.data_watch.check()  # the timer's tick
    loaded(qtbot, queue)
    assert holder(queue, case) == "張官員"
    assert not window.data_watch.note.isVisible()
    # The dashboard, loaded before the change, is reloaded when it is shown again.
    window.show_screen("dashboard")
    loaded(qtbot, dashboard)
    assert dashboard.figure_text("applications.under_review") == "1"
    window.data_watch.check()  # nothing changed since: nothing reloaded, no note
    assert jobs.wait_for_jobs(30)
    assert not window.data_watch.note.isVisible() and window.data_watch.stale == set()
    assert dialogs == []


def test_a_case_under_review_is_not_disturbed_the_window_says_press_f5(qtbot, app_context, dialogs,
                                                                      other_instance):
    window, seeded = open_window(qtbot, app_context)
    queue = window.show_screen("applications")
    loaded(qtbot, queue)
    first, second = seeded.application_ids
    review = window.open_application(first)
    loaded(qtbot, review)

    claim_elsewhere(other_instance, second, seeded.other_officer_id)
    window.data_watch.check()
    assert jobs.wait_for_jobs(30)
    assert window.review_page() is review  # still where the officer was
    assert window.data_watch.note.isVisible() and "F5" in window.data_watch.note.text()
    assert holder(queue, second) is None  # the queue behind was not reloaded under the officer

    window.back_to_queue()  # the queue was loaded before the change: reloaded as it is shown
    loaded(qtbot, queue)
    assert holder(queue, second) == "張官員"
    window.refresh_current()  # F5
    loaded(qtbot, queue)
    assert not window.data_watch.note.isVisible()
    assert dialogs == []
