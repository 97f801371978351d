"""CardSignals turns the PC/SC watcher's events into Qt signals on the UI thread (real pcscd)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QThread

from backoffice.smartcard.events import CardWatcher, EventKind
from backoffice.views.card_signals import CardSignals
from tests.support.cards import card_set
from tests.support.pki import Holder, build_test_pki

pytestmark = [pytest.mark.gui, pytest.mark.pcsc]


def test_insert_and_remove_arrive_as_signals_on_the_ui_thread(
    qtbot: Any, qapp: Any, vcard_factory: Any, officer_holder: Holder
) -> None:
    signals = CardSignals(watcher=CardWatcher(interval=0.1))
    seen: list[tuple[str, str, bool]] = []
    signals.card_inserted.connect(
        lambda reader, atr: seen.append(("in", reader, QThread.currentThread() is qapp.thread())))
    signals.card_removed.connect(
        lambda reader: seen.append(("out", reader, QThread.currentThread() is qapp.thread())))
    kinds: list[EventKind] = []
    signals.card_event.connect(lambda event: kinds.append(event.kind))
    signals.start()
    try:
        qtbot.waitUntil(lambda: EventKind.READER_ADDED in kinds, timeout=10_000)
        card = vcard_factory(card_set(build_test_pki(), officer_holder))
        qtbot.waitUntil(lambda: ("in", card.reader, True) in seen, timeout=10_000)
        vcard_factory.remove(card)
        qtbot.waitUntil(lambda: ("out", card.reader, True) in seen, timeout=10_000)
    finally:
        signals.stop()
    assert not signals.running
