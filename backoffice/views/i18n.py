"""Languages: zh-TW source strings, English from resources/translations/backoffice_en.qm.

Source text is Traditional Chinese; ``--lang en`` (or the 語言 menu, persisted in QSettings)
installs the English translator. ``QT_TRANSLATE_NOOP`` here is a typed twin of Qt's marker:
pyside6-lupdate recognises it by name, mypy sees it returns ``str``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from backoffice.config import RESOURCES

log = logging.getLogger(__name__)

LANG_ZH_TW = "zh_TW"
LANG_EN = "en"
LANGUAGES = (LANG_ZH_TW, LANG_EN)
TRANSLATIONS_DIR = RESOURCES / "translations"
SETTINGS_KEY = "ui/language"

_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Mark ``text`` for translation in ``context``; translate later with QCoreApplication.translate."""
    return text


def normalise_language(value: str | None) -> str:
    """Map user input (en, en_US, zh-TW, zh_TW ...) to one of LANGUAGES; default zh_TW."""
    if not value:
        return LANG_ZH_TW
    v = value.replace("-", "_").lower()
    return LANG_EN if v.startswith("en") else LANG_ZH_TW


def app_translation_file(language: str) -> Path:
    return TRANSLATIONS_DIR / f"backoffice_{language}.qm"


def install_language(language: str) -> str:
    """Install the translators for ``language`` on the running application; returns the language.

    zh_TW is the source language, so only Qt's own zh_TW strings (dialog buttons) are loaded.
    """
    app = QCoreApplication.instance()
    language = normalise_language(language)
    if app is None:
        return language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    if language != LANG_ZH_TW:
        ours = QTranslator(app)
        path = app_translation_file(language)
        if ours.load(str(path)):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            log.warning("translation file %s missing; showing source (zh-TW) text", path)
    QLocale.setDefault(QLocale("en_US" if language == LANG_EN else "zh_TW"))
    return language


def saved_language(settings: QSettings | None = None) -> str | None:
    value = (settings or QSettings()).value(SETTINGS_KEY)
    return normalise_language(str(value)) if value else None


def save_language(language: str, settings: QSettings | None = None) -> None:
    (settings or QSettings()).setValue(SETTINGS_KEY, normalise_language(language))
