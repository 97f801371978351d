"""The one way to run work off the UI thread (STYLE habit 9).

    def load(job: JobControl) -> Overview:          # runs on a pool thread; never touches widgets
        with ctx.uow_factory() as uow:
            return programme_overview(uow)

    run_job(load, on_result=self._show, parent=self, description=self.tr("載入中"))

``on_result`` / ``on_error`` / ``on_progress`` are called on the UI thread. When ``on_error`` is not
given, the default error dialog explains the failure with a message chosen by the exception's TYPE
(``register_error_message``); messages are never derived by parsing exception strings.
Tests call ``wait_for_jobs()`` to let every started job finish and deliver its result.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QMessageBox, QWidget

from backoffice.views.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

T = TypeVar("T")
ErrorMessage = str | Callable[[BaseException], str]


class JobCancelled(Exception):  # noqa: N818 (reads better at the call site than JobCancelledError)
    """Raised inside a job when its cancellation token is set; never shown as an error."""


class CancelToken:
    """Thread-safe cancellation flag shared by the UI (sets it) and the job (polls it)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise JobCancelled()


class JobControl:
    """What a running job may use: report progress and honour cancellation. No widgets here."""

    def __init__(self, token: CancelToken, emit_progress: Callable[[int, int, str], None]) -> None:
        self.token = token
        self._emit = emit_progress

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        """Report progress (total 0 = unknown) and stop here if the user cancelled."""
        self.token.raise_if_cancelled()
        self._emit(done, total, text)


class JobMonitor(QObject):
    """Counts running jobs so the main window can show a busy indicator."""

    busy_changed = Signal(bool)
    status_text = Signal(str)
    # A failure after which no work can be saved (the database file is gone): the window says so
    # for good, whichever screen met it and however that screen shows its own errors.
    fatal_error = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.active: set[Job[Any]] = set()

    def _started(self, job: Job[Any]) -> None:
        self.active.add(job)
        if len(self.active) == 1:
            self.busy_changed.emit(True)
        if job.description:
            self.status_text.emit(job.description)

    def _finished(self, job: Job[Any]) -> None:
        self.active.discard(job)
        if not self.active:
            self.busy_changed.emit(False)
            self.status_text.emit("")


_monitor: JobMonitor | None = None
_pool: QThreadPool | None = None


def monitor() -> JobMonitor:
    global _monitor
    if _monitor is None:
        _monitor = JobMonitor()
    return _monitor


def _thread_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        # Database work mostly waits on I/O; a few threads keep screens responsive on 2 cores.
        _pool.setMaxThreadCount(4)
    return _pool


class Job(QObject, Generic[T]):
    """A running job. Signals from the worker thread are queued to this object's (UI) thread."""

    _sig_result = Signal(object)
    _sig_error = Signal(object)
    _sig_progress = Signal(int, int, str)

    def __init__(
        self,
        fn: Callable[[JobControl], T],
        on_result: Callable[[T], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
        parent_widget: QWidget | None,
        description: str,
        ask_before_quit: bool = False,
    ) -> None:
        super().__init__()
        self.ask_before_quit = ask_before_quit
        self.fn = fn
        self.on_result = on_result
        self.on_error = on_error
        self.on_progress = on_progress
        self.parent_widget = parent_widget
        self.description = description
        self.token = CancelToken()
        self.done = False
        self.error: BaseException | None = None
        self._sig_result.connect(self._deliver_result)
        self._sig_error.connect(self._deliver_error)
        self._sig_progress.connect(self._deliver_progress)

    def cancel(self) -> None:
        self.token.cancel()

    # -- worker thread ---------------------------------------------------------------------------
    def _run(self) -> None:
        control = JobControl(self.token, self._sig_progress.emit)
        try:
            self.token.raise_if_cancelled()
            result = self.fn(control)
        except BaseException as exc:  # delivered to the UI thread; nothing may escape a pool thread
            self._sig_error.emit(exc)
        else:
            self._sig_result.emit(result)

    # -- UI thread -------------------------------------------------------------------------------
    def _widget_alive(self) -> bool:
        return self.parent_widget is None or shiboken6.isValid(self.parent_widget)

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, text: str) -> None:
        if self.on_progress is not None and not self.done and self._widget_alive():
            self.on_progress(done, total, text)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        try:
            if self.on_result is not None and self._widget_alive():
                self.on_result(result)  # type: ignore[arg-type]
        except Exception as exc:  # a failing result handler is reported like a failing job
            self._report(exc)
        finally:
            self._finish()

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        if is_fatal(exc):
            monitor().fatal_error.emit(exc)
        try:
            if not isinstance(exc, JobCancelled):
                self._report(exc)
        finally:
            self._finish()

    def _report(self, exc: BaseException) -> None:
        self.error = exc
        if not isinstance(exc, Exception):
            log.error("job %r stopped: %s", self.description, type(exc).__name__)
        if self.on_error is not None:
            if self._widget_alive():
                self.on_error(exc)
            return
        log.error("job %r failed", self.description, exc_info=exc)
        _error_presenter(self.parent_widget if self._widget_alive() else None, exc)

    def _finish(self) -> None:
        self.done = True
        monitor()._finished(self)


class _Runnable(QRunnable):
    def __init__(self, job: Job[Any]) -> None:
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        self.job._run()


def run_job(
    fn: Callable[[JobControl], T],
    *,
    on_result: Callable[[T], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    parent: QWidget | None = None,
    description: str = "",
    ask_before_quit: bool = False,
) -> Job[T]:
    """Run ``fn(control)`` on a pool thread; callbacks run on the UI thread.

    If ``parent`` is deleted before the job ends, the callbacks are skipped (the job's result
    has nowhere to go). Without ``on_error`` the default error dialog is shown.
    ``ask_before_quit``: work the user would miss (an export): the main window asks before
    quitting while it runs (``quit_guarded_jobs``).
    """
    job: Job[T] = Job(fn, on_result, on_error, on_progress, parent, description, ask_before_quit)
    monitor()._started(job)
    _thread_pool().start(_Runnable(job))
    return job


def wait_for_jobs(timeout: float = 30.0) -> bool:
    """Process events until every started job delivered its outcome (tests, smoke test)."""
    deadline = time.monotonic() + timeout
    while monitor().active:
        if time.monotonic() > deadline:
            return False
        _thread_pool().waitForDone(20)
        QCoreApplication.processEvents()
    QCoreApplication.processEvents()
    return True


def is_fatal(exc: BaseException) -> bool:
    """Whether ``exc`` means nothing more can be saved in this session (``JobMonitor.fatal_error``)."""
    from backoffice.services.uow import DatabaseFileLost

    return isinstance(exc, DatabaseFileLost)


def quit_guarded_jobs() -> list[Job[Any]]:
    """Running jobs started with ``ask_before_quit`` (the user is asked before the app quits)."""
    return [job for job in monitor().active if job.ask_before_quit and not job.done]


def stop_all(timeout: float = 30.0) -> bool:
    """Cancel every running job and wait for the pool threads to end (quitting: no worker thread
    may outlive the window). Jobs that do not poll their token finish their work first."""
    for job in list(monitor().active):
        job.cancel()
    done = wait_for_jobs(timeout)
    return _thread_pool().waitForDone(0 if not done else int(timeout * 1000)) and done


# ---- error messages by exception type ----------------------------------------------------------

_MESSAGES: dict[type[BaseException], ErrorMessage] = {}
_defaults_registered = False


def register_error_message(exc_type: type[BaseException], message: ErrorMessage) -> None:
    """Map an exception type to a user message.

    ``message`` is either source text marked with ``QT_TRANSLATE_NOOP("JobErrors", "...")`` (it is
    translated when shown) or a callable building a translated text from the exception's DATA
    (e.g. ``lambda e: tr("剩餘 {n} 次").format(n=e.attempts_remaining)``).
    """
    _MESSAGES[exc_type] = message


def _register_defaults() -> None:
    global _defaults_registered
    if _defaults_registered:
        return
    _defaults_registered = True
    _MESSAGES.setdefault(
        Exception, QT_TRANSLATE_NOOP("JobErrors", "發生未預期的錯誤，操作未完成。請將詳細資料提供給系統管理員。")
    )
    _MESSAGES.setdefault(PermissionError, QT_TRANSLATE_NOOP("JobErrors", "您沒有執行此操作的權限。"))
    _MESSAGES.setdefault(TimeoutError, QT_TRANSLATE_NOOP("JobErrors", "操作逾時，請稍後再試。"))
    _MESSAGES.setdefault(OSError, QT_TRANSLATE_NOOP("JobErrors", "無法讀寫檔案或裝置。"))
    from backoffice.services.uow import DatabaseFileLost

    _MESSAGES.setdefault(DatabaseFileLost, QT_TRANSLATE_NOOP(
        "JobErrors", "資料庫檔案已被刪除或取代，剛才的操作沒有儲存。請勿繼續作業：關閉程式，"
                     "並請系統管理員從備份還原資料庫後再開啟。"))
    try:
        from sqlalchemy import exc as sa_exc
        from sqlalchemy.orm import exc as orm_exc
    except ImportError:  # pragma: no cover - SQLAlchemy is a hard dependency
        return
    _MESSAGES.setdefault(sa_exc.DatabaseError, _database_message)
    _MESSAGES.setdefault(sa_exc.OperationalError, _database_message)
    _MESSAGES.setdefault(sa_exc.InternalError, _database_message)
    _MESSAGES.setdefault(
        sa_exc.IntegrityError,
        QT_TRANSLATE_NOOP("JobErrors", "資料與既有紀錄衝突（例如重複），未儲存任何變更。"),
    )
    _MESSAGES.setdefault(
        orm_exc.StaleDataError,
        QT_TRANSLATE_NOOP("JobErrors", "這筆資料已被其他同仁修改。請重新整理後再試。"),
    )
    _MESSAGES.setdefault(
        sa_exc.DBAPIError, QT_TRANSLATE_NOOP("JobErrors", "資料庫回報錯誤，操作未完成，未儲存任何變更。")
    )


# SQLite's primary result codes (extended codes keep them in the low byte); PostgreSQL SQLSTATEs.
SQLITE_READONLY, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB = 8, 11, 13, 26
PG_READ_ONLY_TRANSACTION = "25006"
PG_INSUFFICIENT_RESOURCES = "53"  # class 53: disk full, out of memory, too many connections
DB_MESSAGES = {
    "read_only": QT_TRANSLATE_NOOP("JobErrors", "資料庫為唯讀（檔案或資料夾沒有寫入權限，或伺服器設為唯讀），"
                                                "剛才的變更沒有儲存。請系統管理員確認資料庫的寫入權限。"),
    "full": QT_TRANSLATE_NOOP(
        "JobErrors", "資料庫磁碟空間已滿，剛才的操作沒有儲存，您輸入的內容仍保留。請系統管理員清出空間後再試一次。"),
    "broken": QT_TRANSLATE_NOOP(
        "JobErrors", "資料庫檔案已毀損或不是資料庫，剛才的操作沒有儲存。請勿繼續作業，並請系統管理員從備份還原。"),
    "sqlite": QT_TRANSLATE_NOOP("JobErrors", "無法使用資料庫檔案（可能被鎖住、損毀或磁碟已滿），操作未完成。"),
    "server": QT_TRANSLATE_NOOP("JobErrors", "無法連線資料庫。請確認資料庫服務與網路後再試一次。"),
}


def database_problem(exc: BaseException) -> str:
    """Which database problem ``exc`` is, from the driver's error codes (never from its text)."""
    orig = getattr(exc, "orig", None)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        primary = code & 0xFF
        if primary == SQLITE_READONLY:
            return "read_only"
        if primary == SQLITE_FULL:
            return "full"
        if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
            return "broken"
        return "sqlite"
    sqlstate = getattr(orig, "sqlstate", None) or ""
    if sqlstate == PG_READ_ONLY_TRANSACTION:
        return "read_only"
    if sqlstate.startswith(PG_INSUFFICIENT_RESOURCES):
        return "full"
    return "server"  # a SQLite file has no network: only a server database says 連線


def _database_message(exc: BaseException) -> str:
    problem = database_problem(exc)
    if problem == "server" and type(exc).__name__ not in ("OperationalError", "InterfaceError"):
        return QCoreApplication.translate("JobErrors", "資料庫回報錯誤，操作未完成，未儲存任何變更。")
    return QCoreApplication.translate("JobErrors", DB_MESSAGES[problem])


def message_for(exc: BaseException) -> str:
    """The translated user message for ``exc``: the most specific registered type wins."""
    _register_defaults()
    for klass in type(exc).__mro__:
        message = _MESSAGES.get(klass)
        if message is None:
            continue
        if callable(message):
            return message(exc)
        return QCoreApplication.translate("JobErrors", message)
    return QCoreApplication.translate("JobErrors", _MESSAGES[Exception])  # type: ignore[arg-type]


def show_error_dialog(parent: QWidget | None, exc: BaseException) -> None:
    """The default error dialog: a plain message, the technical detail folded away."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("JobErrors", "操作未完成"))
    box.setText(message_for(exc))
    box.setDetailedText(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


_error_presenter: Callable[[QWidget | None, BaseException], None] = show_error_dialog


def report_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show ``exc`` the default way (a page that handles its own errors still calls this)."""
    if isinstance(exc, JobCancelled):
        return
    log.error("operation failed", exc_info=exc)
    _error_presenter(parent, exc)


def set_error_presenter(
    presenter: Callable[[QWidget | None, BaseException], None] | None,
) -> None:
    """Replace the default dialog (the smoke test records errors instead of blocking on a modal)."""
    global _error_presenter
    _error_presenter = presenter or show_error_dialog
