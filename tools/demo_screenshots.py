"""Run the real application on a demo database under X (e.g. ``xvfb-run -a``) and save a screenshot of
every main screen (and the review screen of one application) as the X server shows it.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/demo_screenshots.py \
        --database sqlite:////tmp/demo.sqlite3 --lang zh_TW --out docs/screenshots

Start-up is the application's own (``backoffice.app``: migrate, demo data if empty), except that the
sign-in dialog is replaced by the demo database's card-less sign-in (there is no card on a CI box).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--lang", default="zh_TW")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--prefix", default="demo_")
    parser.add_argument("--size", default="1400x900")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from backoffice.app import load_demo_if_empty, open_database, programme_facts
    from backoffice.config import load_settings
    from backoffice.services.admin.officers import demo_sign_in
    from backoffice.views import i18n, jobs, screens, style
    from backoffice.views.context import AppContext, OfficerIdentity
    from backoffice.views.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    language = i18n.install_language(args.lang)
    style.apply_style(app)
    uow_factory = open_database(args.database)
    load_demo_if_empty(uow_factory)
    programme_name, demo = programme_facts(uow_factory)
    with uow_factory() as uow:
        officer = demo_sign_in(uow)
    settings = load_settings()
    context = AppContext(uow_factory=uow_factory, settings=replace(settings, database_url=args.database),
                         officer=OfficerIdentity.of(officer.id, officer.name, officer.roles, demo=True),
                         language=language, demo=demo, programme_name=programme_name)
    window = MainWindow(context)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.move(0, 0)
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if language == i18n.LANG_ZH_TW else f"_{language}"

    def settle(page: object) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            jobs.wait_for_jobs(30)
            if screens.page_is_loaded(page):
                break
            QTest.qWait(50)
        QTest.qWait(400)  # let the X server paint
        QCoreApplication.processEvents()

    def shoot(name: str) -> None:
        pixmap = app.primaryScreen().grabWindow(0, 0, 0, window.frameGeometry().width(),
                                                 window.frameGeometry().height())
        path = args.out / f"{args.prefix}{name}{suffix}.png"
        pixmap.save(str(path))
        print(path)

    for item in screens.screens():
        page = window.show_screen(item.key)
        settle(page)
        error = screens.page_load_error(page)
        if error is not None:
            print(f"{item.key}: load error {type(error).__name__}: {error}", file=sys.stderr)
        shoot(item.key)
    # The review screen opens from the queue; show the first application there is.
    from backoffice.db import models as m

    with uow_factory() as uow:
        import sqlalchemy as sa

        first = uow.session.scalar(sa.select(m.Application.id).order_by(m.Application.id).limit(1))
    if first is not None and hasattr(window, "open_application"):
        page = window.open_application(int(first))
        settle(page)
        shoot("review")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
