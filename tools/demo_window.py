"""The application's main window on a demo database, signed in card-less, for the screenshot tools
(``tools/demo_screenshots.py``, ``tools/refund_screenshots.py``). Start-up is the application's own
(``backoffice.app``: migrate, demo data if empty), except that the sign-in dialog is replaced by the
demo database's card-less sign-in (there is no card on a CI box)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def arguments(doc: str, size: str) -> argparse.ArgumentParser:
    """The options both tools take (``--prefix`` only where a tool uses it)."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0], allow_abbrev=False)
    parser.add_argument("--database", required=True)
    parser.add_argument("--lang", default="zh_TW")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--size", default=size)
    return parser


@dataclass
class DemoWindow:
    app: Any
    window: Any
    uow_factory: Callable[[], Any]
    language: str


def open_demo_window(database: str, lang: str, size: str, today: date | None = None) -> DemoWindow:
    """Show the main window (``size`` as WxH, at the top left) signed in as the demo officer."""
    from PySide6.QtWidgets import QApplication

    from backoffice.app import load_demo_if_empty, open_database, programme_facts
    from backoffice.config import load_settings
    from backoffice.services.admin.officers import demo_sign_in
    from backoffice.views import i18n, style
    from backoffice.views.context import AppContext, OfficerIdentity
    from backoffice.views.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    language = i18n.install_language(lang)
    style.apply_style(app)
    uow_factory = open_database(database)
    load_demo_if_empty(uow_factory)
    programme_name, demo = programme_facts(uow_factory)
    with uow_factory() as uow:
        officer = demo_sign_in(uow)
    context = AppContext(uow_factory=uow_factory, settings=replace(load_settings(), database_url=database),
                         officer=OfficerIdentity.of(officer.id, officer.name, officer.roles, demo=True),
                         language=language, demo=demo, programme_name=programme_name)
    if today is not None:
        context = replace(context, today=lambda: today)
    window = MainWindow(context)
    width, height = (int(v) for v in size.split("x"))
    window.resize(width, height)
    window.move(0, 0)
    window.show()
    return DemoWindow(app, window, uow_factory, language)
