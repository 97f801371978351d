"""The application shell: navigation over every registered screen, dashboard figures, language, jobs."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QGroupBox, QLabel, QMessageBox
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from backoffice.policy.dates import roc_short
from backoffice.services.orders.orders_view import count_deadline_breaches
from backoffice.services.points.accounts import list_accounts
from backoffice.services.points.pending import pending_sweep
from backoffice.views import jobs, screens
from backoffice.views.dashboard import DashboardPage
from backoffice.views.main_window import MainWindow
from tests.gui.seed import seed_programme

pytestmark = [pytest.mark.gui, pytest.mark.db]


def make_window(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def test_main_window_shows_every_registered_screen(qtbot, app_context, dialogs):
    window = make_window(qtbot, app_context)
    registered = screens.screens()
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        s.display_title() for s in registered
    ]
    for item in registered:
        page = window.show_screen(item.key)
        assert jobs.wait_for_jobs(30)
        assert window.stack.currentWidget() is page
        assert window.nav.currentRow() == registered.index(item)
        assert page.isVisible()
        assert screens.page_is_loaded(page), item.key
        assert screens.page_load_error(page) is None, item.key
    assert dialogs == []
    # The status bar names the officer, the roles and where the data lives.
    assert "測試承辦人" in window.officer_label.text()
    assert "主管" in window.officer_label.text()
    assert app_context.database_label in window.database_label.text()


def test_dashboard_shows_the_figures_of_the_database(qtbot, app_context, dialogs, screenshot):
    seeded = seed_programme(app_context.uow_factory, demo=True)
    app_context.demo = True
    window = make_window(qtbot, app_context)
    page = window.show_screen("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(page.is_loaded, timeout=30_000)
    assert dialogs == []
    assert page.figure_text("budget_total") == f"{seeded.budget_total:,}"
    # True figures as of today: the seed's two unused grants are back in the budget though the
    # sweep never ran, and the page says so (須知二(三) is judged on these figures).
    with app_context.uow_factory() as uow:
        pending = pending_sweep(uow.session, app_context.today())
    assert pending.budget_release == seeded.budget_committed
    assert page.figure_text("budget_committed") == "0"
    assert page.figure_text("budget_remaining") == f"{seeded.budget_total:,}"
    assert page.figure_text("grants_possible") == str(seeded.budget_total // 30_000)
    assert page.sweep_note is not None and page.sweep_note.isVisible()
    assert "尚未入帳" in page.sweep_note.text() and f"{pending.budget_release:,}" in page.sweep_note.text()
    for status in ("submitted", "under_review", "approved", "rejected", "withdrawn"):
        assert page.figure_text(f"applications.{status}") == str(seeded.applications[status]), status
    # Grant statuses as the accounts screen shows them today; breaches as the orders service counts them.
    today = app_context.today()
    with app_context.uow_factory() as uow:
        shown = {s: list_accounts(uow, as_of=today, status=s, limit=1).total for s in ("active", "lapsed", "expired")}
        breaches = count_deadline_breaches(uow, as_of=today)
    assert sum(shown.values()) == sum(seeded.grants.values())
    for status, n in shown.items():
        assert page.figure_text(f"grants.{status}") == str(n), status
    assert page.figure_text("deadline_breaches") == str(breaches)
    titles = {box.title() for box in page.findChildren(QGroupBox)}
    assert f"點數核發（狀態以 {roc_short(today)} 計）" in titles, titles
    for status in ("submitted", "terminated", "paid"):
        assert page.figure_text(f"orders.{status}") == str(seeded.orders[status]), status
    assert page.figure_text("points_outstanding") == f"{seeded.ledger_sum - pending.points_recovered:,}"
    assert page.figure_text("refund_cases_open") == str(sum(seeded.refunds.values()))
    assert window.banner.isVisible() and "示範" in window.banner.text()
    screenshot(window, "dashboard")


def test_dashboard_breaches_and_grant_statuses_are_the_order_and_account_services_figures(qtbot, app_context, dialogs):
    from tests.gui.points_seed import TODAY, seed_points

    seed_points(app_context.uow_factory)
    app_context.today = lambda: TODAY
    window = make_window(qtbot, app_context)
    page = window.show_screen("dashboard")
    qtbot.waitUntil(page.is_loaded, timeout=30_000)
    with app_context.uow_factory() as uow:
        breaches = count_deadline_breaches(uow, as_of=TODAY)
        shown = {s: list_accounts(uow, as_of=TODAY, status=s, limit=1).total
                 for s in ("active", "lapsed", "expired", "exhausted")}
    assert breaches > 0  # the seed has an order whose service never started
    assert page.figure_text("deadline_breaches") == str(breaches)
    for status, n in shown.items():
        assert page.figure_text(f"grants.{status}") == str(n), status
    assert dialogs == []


def test_dashboard_reloads_after_the_data_changes(qtbot, app_context):
    window = make_window(qtbot, app_context)
    page = window.show_screen("dashboard")
    qtbot.waitUntil(page.is_loaded, timeout=30_000)
    assert page.figure_text("budget_total") == "0"
    assert page.message.isVisible()  # "no programme set up" is said, not left blank
    seeded = seed_programme(app_context.uow_factory)
    window.refresh_action.trigger()
    assert jobs.wait_for_jobs(30)
    assert page.figure_text("budget_total") == f"{seeded.budget_total:,}"
    assert not page.message.isVisible()


def test_language_switch_changes_visible_text(qtbot, app_context, screenshot):
    seed_programme(app_context.uow_factory)
    window = make_window(qtbot, app_context)
    window.show_screen("orders")
    assert window.nav.item(0).text() == "儀表板"
    assert window.file_menu.title() == "檔案(&F)"

    window.set_language("en")
    assert jobs.wait_for_jobs(30)
    assert window.nav.item(0).text() == "Dashboard"
    assert window.file_menu.title() == "&File"
    assert window.officer_label.text().startswith("Signed in: 測試承辦人")
    assert window.current_key == "orders"
    assert window.stack.currentWidget().isVisible()
    assert app_context.language == "en"
    dashboard = window.show_screen("dashboard")
    qtbot.waitUntil(dashboard.is_loaded, timeout=30_000)
    shown = {label.text() for label in dashboard.findChildren(QLabel)}
    assert "Total budget" in shown and "總額度" not in shown
    screenshot(window, "dashboard_en")

    window.set_language("zh_TW")
    assert window.nav.item(0).text() == "儀表板"


class _RegisteredError(Exception):
    def __init__(self, attempts_left: int) -> None:
        super().__init__("internal text that must not reach the user")
        self.attempts_left = attempts_left


class _SubclassError(_RegisteredError):
    pass


def test_failing_job_shows_the_default_error_dialog(qtbot, app_context, dialogs):
    jobs.register_error_message(_RegisteredError, lambda e: f"剩下 {e.attempts_left} 次")
    results = []

    def fail(job):
        raise _SubclassError(2)  # the message is found through the exception's MRO

    jobs.run_job(fail, on_result=results.append)
    assert jobs.wait_for_jobs(30)
    assert results == []
    assert len(dialogs) == 1
    assert dialogs[0].text == "剩下 2 次"
    assert dialogs[0].icon == QMessageBox.Icon.Warning
    assert "_SubclassError" in dialogs[0].detailed_text

    def database_down(job):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    def stale(job):
        raise StaleDataError("row changed")

    jobs.run_job(database_down)
    jobs.run_job(stale)
    assert jobs.wait_for_jobs(30)
    texts = {d.text for d in dialogs[1:]}
    assert texts == {jobs.message_for(OperationalError("x", {}, Exception())), jobs.message_for(StaleDataError())}
    assert all("connection refused" not in t and "row changed" not in t for t in texts)


def test_job_delivers_progress_and_result_on_the_ui_thread(qtbot, app_context, dialogs):
    ui_thread = QCoreApplication.instance().thread()
    seen = []
    worker_threads = []

    def work(job):
        worker_threads.append(threading.get_ident())
        for i in range(3):
            job.progress(i, 3, "step")
        return 42

    jobs.run_job(work, on_progress=lambda d, t, s: seen.append((d, t, QThread.currentThread() is ui_thread)),
                 on_result=lambda r: seen.append(("result", r, QThread.currentThread() is ui_thread)))
    assert jobs.wait_for_jobs(30)
    assert worker_threads and worker_threads[0] != threading.get_ident()
    assert seen[-1] == ("result", 42, True)
    assert all(on_ui for *_, on_ui in seen)
    assert dialogs == []


def test_cancelled_job_neither_delivers_nor_complains(qtbot, app_context, dialogs):
    started = threading.Event()
    release = threading.Event()
    results = []

    def work(job):
        started.set()
        release.wait(10)
        job.progress(1)  # raises JobCancelled once cancelled
        return "done"

    job = jobs.run_job(work, on_result=results.append)
    assert started.wait(10)
    job.cancel()
    release.set()
    assert jobs.wait_for_jobs(30)
    assert results == [] and dialogs == []
    assert job.done


def test_database_faults_get_their_own_one_line_message(qtbot) -> None:
    """A full disk or a broken file is not "cannot connect": each says what happened, in one line."""
    import sqlite3

    def op(reason: str, sqlite_code: int | None) -> OperationalError:
        # As the drivers raise them: sqlite3 errors carry their result code, a server's do not.
        orig: Exception = sqlite3.OperationalError(reason) if sqlite_code is not None else OSError(reason)
        if sqlite_code is not None:
            orig.sqlite_errorcode = sqlite_code  # type: ignore[attr-defined]
        return OperationalError("INSERT ...", {}, orig)

    full = jobs.message_for(op("database or disk is full", 13))  # SQLITE_FULL
    broken = jobs.message_for(op("file is not a database", 26))  # SQLITE_NOTADB
    down = jobs.message_for(op("connection refused", None))
    assert len({full, broken, down}) == 3
    assert all("\n" not in t and "INSERT" not in t for t in (full, broken, down))
    assert "已滿" in full and "保留" in full and "備份" in broken and "連線" in down
