"""Screenshots of the refunds desk on a demo database, under X (e.g. ``xvfb-run -a``):

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/refund_screenshots.py \
        --database sqlite:////tmp/demo.sqlite3 --lang zh_TW --out docs/screenshots

The queue with a resolved case (old and new figures, the term picture), its confirmations,
history and evidence, the supervisor's approval inbox and the officer's resolution dialog. Start-up is
``tools/demo_screenshots.py``'s (the application's own, demo sign-in instead of a card).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--lang", default="zh_TW")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--size", default="1440x860")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from backoffice.app import load_demo_if_empty, open_database, programme_facts
    from backoffice.config import load_settings
    from backoffice.services.admin.demo_feed import DEMO_TODAY
    from backoffice.services.admin.officers import demo_sign_in
    from backoffice.views import i18n, jobs, style
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
    context = AppContext(uow_factory=uow_factory, settings=replace(load_settings(), database_url=args.database),
                         officer=OfficerIdentity.of(officer.id, officer.name, officer.roles, demo=True),
                         language=language, demo=demo, programme_name=programme_name,
                         today=lambda: DEMO_TODAY)  # the day the demo data was generated for
    window = MainWindow(context)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.move(0, 0)
    window.show()
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
        dialog.e_edit.setDate(dialog.e_edit.date().addDays(-35 if e.day > 0 else 0))
        settle()
        shoot("refunds_resolve_dialog", dialog)
        dialog.reject()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
