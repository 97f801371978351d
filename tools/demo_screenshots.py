"""Run the real application on a demo database under X (e.g. ``xvfb-run -a``) and save a screenshot of
every main screen (and the review screen of one application) as the X server shows it.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/demo_screenshots.py \
        --database sqlite:////tmp/demo.sqlite3 --lang zh_TW --out docs/screenshots

Start-up: ``tools/demo_window.py`` (the application's own, demo sign-in instead of a card).
"""

from __future__ import annotations

import sys
import time

from demo_window import arguments, open_demo_window


def main(argv: list[str] | None = None) -> int:
    parser = arguments(__doc__, "1400x900")
    parser.add_argument("--prefix", default="demo_")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTest import QTest

    from backoffice.views import i18n, jobs, screens

    shown = open_demo_window(args.database, args.lang, args.size)
    app, window, uow_factory, language = shown.app, shown.window, shown.uow_factory, shown.language
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
