"""`backoffice`: the desktop application entry point, the only place that wires every layer.

    backoffice [--database URL] [--lang zh_TW|en] [--demo-if-empty] [--smoke-test]

Start-up: migrate the configured database, optionally load demo data into an empty database,
officer sign-in, main window. ``--smoke-test`` opens every main screen off-screen, prints one line
per screen and exits 0, or 1 with a clear message on the first failure.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

log = logging.getLogger("backoffice.app")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_DATABASE = 2
SMOKE_TIMEOUT_S = 60.0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        allow_abbrev=False, prog="backoffice", description="臺灣雲市集 數位點數補助 後台 (Cloud-marketplace points back office)"
    )
    parser.add_argument("--database", metavar="URL", help="database URL (default: BACKOFFICE_DATABASE_URL)")
    parser.add_argument("--lang", choices=("zh_TW", "zh-TW", "en"), help="interface language (saved otherwise)")
    parser.add_argument("--demo-if-empty", action="store_true", help="load demo data into an empty database")
    parser.add_argument("--smoke-test", action="store_true", help="open every screen off-screen and exit")
    return parser


class StartupError(Exception):
    """A start-up step failed; ``exit_code`` says which kind."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def open_database(url: str) -> Callable[[], Any]:
    """Migrate ``url`` to the latest schema and return a unit-of-work factory for it."""
    from sqlalchemy.exc import OperationalError

    from backoffice.db import migrate
    from backoffice.db.session import UnitOfWork, make_engine, make_session_factory

    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise StartupError(f"database cannot be reached: {reason}", EXIT_DATABASE) from exc
    session_factory = make_session_factory(engine)

    def uow_factory() -> UnitOfWork:
        return UnitOfWork(session_factory)

    return uow_factory


def load_demo_if_empty(uow_factory: Callable[[], Any]) -> None:
    """Fill an empty database with the demo programme (``backoffice.services.admin.demo``, when built)."""
    if importlib.util.find_spec("backoffice.services.admin.demo") is None:
        log.info("demo data module backoffice.services.admin.demo not available yet; skipping --demo-if-empty")
        return
    demo = importlib.import_module("backoffice.services.admin.demo")
    loaded = demo.ensure_demo_data(uow_factory)
    log.info("demo data %s", "loaded" if loaded else "not loaded (database not empty)")


def programme_facts(uow_factory: Callable[[], Any]) -> tuple[str, bool]:
    """(programme name, is demo) of the database's programme; ("", False) when none is set up."""
    from backoffice.services.dashboard import current_programme

    with uow_factory() as uow:
        programme = current_programme(uow)
        return (programme.name, bool(programme.is_demo)) if programme else ("", False)


def sign_in(context: Any) -> Any | None:
    """Run the officer sign-in dialog when it exists; None = the officer cancelled.

    Contract with ``backoffice.views.signin_dialog``: ``sign_in(context) -> OfficerIdentity | None``.
    """
    if importlib.util.find_spec("backoffice.views.signin_dialog") is None:
        log.info("sign-in dialog not available yet; continuing without card sign-in")
        return context.officer
    signin_dialog = importlib.import_module("backoffice.views.signin_dialog")
    return signin_dialog.sign_in(context)


def run_smoke_test(window: Any, out: Any = sys.stdout) -> int:
    """Open every registered screen in turn; each must render and finish loading without error."""
    from PySide6.QtCore import QCoreApplication

    from backoffice.views import jobs, screens

    errors: list[BaseException] = []
    jobs.set_error_presenter(lambda _parent, exc: errors.append(exc))
    window.show()
    QCoreApplication.processEvents()
    failures = 0
    for item in window.screen_list:
        try:
            page = window.show_screen(item.key)
            if not jobs.wait_for_jobs(SMOKE_TIMEOUT_S):
                raise StartupError(f"still loading after {SMOKE_TIMEOUT_S:.0f} s")
            QCoreApplication.processEvents()
            error = screens.page_load_error(page) or (errors[0] if errors else None)
            if error is not None:
                raise StartupError(f"{type(error).__name__}: {error}")
            if not page.isVisible() or page.grab().isNull():
                raise StartupError("page is not visible")
            if not screens.page_is_loaded(page):
                raise StartupError("page did not finish loading its data")
        except Exception as exc:
            failures += 1
            message = exc.message if isinstance(exc, StartupError) else f"{type(exc).__name__}: {exc}"
            print(f"screen {item.key}: FAILED {message}", file=out, flush=True)
            errors.clear()
            continue
        kind = "placeholder" if item.placeholder else type(page).__name__
        print(f"screen {item.key}: ok ({kind}) {item.display_title()}", file=out, flush=True)
    jobs.set_error_presenter(None)
    window.close()
    if failures:
        print(f"smoke test FAILED: {failures} of {len(window.screen_list)} screens", file=out, flush=True)
        return EXIT_FAILED
    print(f"smoke test passed: {len(window.screen_list)} screens", file=out, flush=True)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.smoke_test else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    from backoffice import logsafe

    logsafe.install()  # national IDs masked in every log line (RULES §10)
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        logging.getLogger("alembic").setLevel(logging.WARNING)  # keep the per-screen lines readable

    from PySide6.QtWidgets import QApplication, QMessageBox

    from backoffice.config import load_settings
    from backoffice.views import i18n, style
    from backoffice.views.context import SMOKE_TEST_OFFICER, AppContext, OfficerIdentity
    from backoffice.views.main_window import MainWindow

    settings = load_settings()
    if args.database:
        settings = replace(settings, database_url=args.database)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("tcloud-backoffice")
    app.setApplicationName("backoffice")
    language = i18n.install_language(args.lang or i18n.saved_language() or i18n.LANG_ZH_TW)
    style.apply_style(app)

    def fail(message: str, code: int) -> int:
        print(f"backoffice: {message}", file=sys.stderr, flush=True)
        if args.smoke_test:
            print(f"smoke test FAILED: {message}", flush=True)
            return EXIT_FAILED  # the smoke test knows one failure code
        QMessageBox.critical(None, app.translate("App", "無法啟動"), message)
        return code

    try:
        uow_factory = open_database(settings.database_url)
        if args.demo_if_empty:
            load_demo_if_empty(uow_factory)
        programme_name, demo = programme_facts(uow_factory)
    except StartupError as exc:
        return fail(exc.message, exc.exit_code)
    except Exception as exc:
        log.exception("start-up failed")
        return fail(f"start-up failed: {type(exc).__name__}: {exc}", EXIT_FAILED)

    context = AppContext(
        uow_factory=uow_factory,
        settings=settings,
        officer=SMOKE_TEST_OFFICER if args.smoke_test else OfficerIdentity(None, "", frozenset()),
        language=language,
        demo=demo,
        programme_name=programme_name,
    )
    if not args.smoke_test:
        officer = sign_in(context)
        if officer is None:
            return EXIT_OK  # the officer closed the sign-in dialog
        context = context.with_officer(officer)

    window = MainWindow(context)
    if args.smoke_test:
        return run_smoke_test(window)
    window.show()
    code = int(app.exec())
    from backoffice.views import jobs

    jobs.stop_all()  # a job still running (e.g. the session ended) finishes before Python tears down
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
