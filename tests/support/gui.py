"""GUI test fixtures: fixed zh_TW locale, no blocking modals, screenshots, an AppContext on the test DB.

- ``app_context``: an ``AppContext`` on the ``uow`` / ``engine`` fixtures of ``tests.support.db``
  (so GUI tests run on SQLite and PostgreSQL like the rest), officer with every role.
- ``dialogs``: every ``QMessageBox.exec`` is recorded instead of blocking; a list of
  ``(icon, title, text, detailed_text)``. ``app_context`` uses it, so no test can hang on a modal.
- ``screenshot(widget, name)``: saves ``docs/screenshots/<name>.png`` (also a plain function).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO / "docs" / "screenshots"


def screenshot(widget: Any, name: str) -> Path:
    """Grab ``widget`` (after processing pending events) into docs/screenshots/<name>.png."""
    from PySide6.QtTest import QTest

    QTest.qWait(50)  # let posted layout requests settle (new widgets of a just-loaded page)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    pixmap = widget.grab()
    assert not pixmap.isNull(), f"nothing rendered for screenshot {name}"
    assert pixmap.save(str(path)), f"could not save {path}"
    return path


@pytest.fixture(name="screenshot")
def screenshot_fixture() -> Any:
    return screenshot


@pytest.fixture
def gui_env(qapp: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """zh_TW source language, Fusion style and CJK font, QSettings in a temp dir (never the user's)."""
    from PySide6.QtCore import QSettings

    from backoffice.views import i18n, style

    settings_dir = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    qapp.setOrganizationName("tcloud-backoffice-tests")
    qapp.setApplicationName("backoffice-tests")
    i18n.install_language(i18n.LANG_ZH_TW)
    style.apply_style(qapp)
    yield qapp
    i18n.install_language(i18n.LANG_ZH_TW)  # a test that switched to English must not leak it


@dataclass(frozen=True)
class RecordedDialog:
    icon: Any
    title: str
    text: str
    detailed_text: str


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[RecordedDialog]:
    from PySide6.QtWidgets import QMessageBox

    recorded: list[RecordedDialog] = []

    def fake_exec(box: QMessageBox) -> int:
        recorded.append(RecordedDialog(box.icon(), box.windowTitle(), box.text(), box.detailedText()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return recorded


@pytest.fixture
def app_context(gui_env: Any, dialogs: list[RecordedDialog], uow: Any, engine: Any) -> Iterator[Any]:
    from backoffice.config import load_settings
    from backoffice.db.enums import Role
    from backoffice.views import jobs
    from backoffice.views.context import AppContext, OfficerIdentity
    from tests.support.authz import officer_with

    with uow() as u:  # a real officer: the services check the signed-in officer's roles
        officer_id = officer_with(u, Role.OFFICER, Role.SUPERVISOR, name="gui")
        u.commit()
    context = AppContext(
        uow_factory=uow,
        settings=replace(load_settings(), database_url=engine.url.render_as_string(hide_password=False)),
        officer=OfficerIdentity.of(officer_id, "測試承辦人", ["officer", "supervisor"]),
        language="zh_TW",
    )
    yield context
    assert jobs.wait_for_jobs(30), "a job was still running at the end of the test"
