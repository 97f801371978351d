"""Screenshots of the refunds desk on a demo database, under X (e.g. ``xvfb-run -a``):

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/refund_screenshots.py \
        --database sqlite:////tmp/demo.sqlite3 --lang zh_TW --out docs/screenshots

The queue with a resolved case (old and new figures, the term picture), its confirmations,
history and evidence, the supervisor's approval inbox and the officer's resolution dialog. Start-up is
``tools/demo_window.py``'s (the application's own, demo sign-in instead of a card).
"""

from __future__ import annotations

import sys
from datetime import timedelta

from demo_window import arguments, open_demo_window


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__, "1440x860").parse_args(argv)

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTest import QTest

    from backoffice.services.admin.demo_feed import DEMO_TODAY
    from backoffice.views import i18n, jobs

    # "Today" is the day the demo data was generated for.
    shown = open_demo_window(args.database, args.lang, args.size, today=DEMO_TODAY)
    window, language = shown.window, shown.language
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if language == i18n.LANG_ZH_TW else f"_{language}"

    def settle() -> None:
        for _ in range(3):  # a result may start the next job (list -> detail -> preview)
            jobs.wait_for_jobs(30)
            QTest.qWait(300)
        QCoreApplication.processEvents()

    def shoot(name: str, widget: object = None) -> None:
        target = widget or window
        pixmap = target.grab()  # type: ignore[attr-defined]
        path = args.out / f"{name}{suffix}.png"
        pixmap.save(str(path))
        print(path)

    from PySide6.QtWidgets import QScrollArea

    dashboard = window.show_screen("dashboard")
    settle()
    for area in dashboard.findChildren(QScrollArea):  # the refund figures are the last group
        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    settle()
    shoot("refunds_dashboard")
    page = window.show_screen("refunds")
    settle()
    # A resolved case whose officer changed E (old and new figures differ), else the first row.
    rows = page.model.rows
    pick = next((i for i, r in enumerate(rows) if r.state == "resolved" and r.self_pay_refund > 0),
                next((i for i, r in enumerate(rows) if r.state == "resolved"), 0))
    page.table.selectRow(pick)
    settle()
    shoot("refunds_case")
    page.case_view.setCurrentIndex(1)
    settle()
    shoot("refunds_history")
    page.case_view.setCurrentIndex(2)
    settle()
    shoot("refunds_evidence")
    page.case_view.setCurrentIndex(0)
    page.show_inbox()
    settle()
    shoot("refunds_inbox")
    page.tabs.setCurrentIndex(0)
    settle()
    row = next((i for i, r in enumerate(page.model.rows) if r.state in ("disputed", "escalated", "returned")), None)
    if row is not None:
        page.table.selectRow(row)
        settle()
        page.ask_resolve()
        settle()
        dialog = page.dialog
        dialog.reason.setPlainText(QCoreApplication.translate("RefundsPage", "依供應商服務紀錄認定最後服務日"))
        e = dialog.effective_on()
        dialog.e_edit.set_value(e - timedelta(days=35))
        settle()
        shoot("refunds_resolve_dialog", dialog)
        dialog.reject()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
