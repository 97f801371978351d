"""Qt adapter for the card watcher: reader and card events as Qt signals (no APDUs here).

The card watcher (``backoffice.services.cards.card_watcher``) polls PC/SC on its own thread and
calls back there; signals emitted from that thread reach receivers in the UI thread through queued connections.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from backoffice.services.cards import CardEvent, CardWatcher, EventKind, card_watcher


class CardSignals(QObject):
    """Start with ``start()``, stop with ``stop()`` (also when the parent goes away)."""

    reader_added = Signal(str)
    reader_removed = Signal(str)
    card_inserted = Signal(str, bytes)  # reader, ATR
    card_removed = Signal(str)
    card_event = Signal(object)  # every CardEvent, for logs and lists (not "event": QObject.event)
    error = Signal(object)  # the exception of a failed poll (PC/SC service gone...)

    def __init__(self, parent: QObject | None = None, watcher: CardWatcher | None = None) -> None:
        super().__init__(parent)
        self.watcher = watcher or card_watcher()
        self.running = False
        self.destroyed.connect(self._on_destroyed)

    def start(self) -> None:
        if not self.running:
            self.running = True
            self.watcher.start(self._dispatch, self.error.emit)

    def stop(self) -> None:
        if self.running:
            self.running = False
            self.watcher.stop()

    def _on_destroyed(self, *_: Any) -> None:
        self.watcher.stop()

    def _dispatch(self, event: CardEvent) -> None:
        """Runs on the watcher's thread: emit only, touch nothing."""
        self.card_event.emit(event)
        if event.kind is EventKind.READER_ADDED:
            self.reader_added.emit(event.reader)
        elif event.kind is EventKind.READER_REMOVED:
            self.reader_removed.emit(event.reader)
        elif event.kind is EventKind.CARD_INSERTED:
            self.card_inserted.emit(event.reader, event.atr or b"")
        elif event.kind is EventKind.CARD_REMOVED:
            self.card_removed.emit(event.reader)
