"""Reader and card events without Qt: a watcher that polls PC/SC snapshots and reports changes.

``diff`` is pure (tested with scripted snapshots); ``CardWatcher`` runs it in a thread and calls a
callback, or yields events from ``events()``. The Qt adapter in ``views/`` turns callbacks into
signals.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

Snapshot = dict[str, bytes | None]  # reader -> ATR of its card, None when empty


class EventKind(StrEnum):
    READER_ADDED = "reader_added"
    READER_REMOVED = "reader_removed"
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"


@dataclass(frozen=True)
class CardEvent:
    kind: EventKind
    reader: str
    atr: bytes | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"event": self.kind.value, "reader": self.reader, "atr": self.atr.hex() if self.atr else None}


def diff(old: Snapshot, new: Snapshot) -> list[CardEvent]:
    """Events that turn ``old`` into ``new`` (removals first, readers sorted)."""
    events: list[CardEvent] = []
    for reader in sorted(old.keys() - new.keys()):
        if old[reader] is not None:
            events.append(CardEvent(EventKind.CARD_REMOVED, reader, old[reader]))
        events.append(CardEvent(EventKind.READER_REMOVED, reader))
    for reader in sorted(new.keys() & old.keys()):
        before, after = old[reader], new[reader]
        if before is not None and before != after:
            events.append(CardEvent(EventKind.CARD_REMOVED, reader, before))
        if after is not None and before != after:
            events.append(CardEvent(EventKind.CARD_INSERTED, reader, after))
    for reader in sorted(new.keys() - old.keys()):
        events.append(CardEvent(EventKind.READER_ADDED, reader))
        if new[reader] is not None:
            events.append(CardEvent(EventKind.CARD_INSERTED, reader, new[reader]))
    return events


def _default_snapshot() -> Snapshot:
    from backoffice.smartcard import pcsc  # imported late: tests run diff() without pyscard

    return pcsc.snapshot()


class CardWatcher:
    """Polls PC/SC every ``interval`` seconds; the first poll reports what is already there."""

    def __init__(self, snapshot: Callable[[], Snapshot] | None = None, interval: float = 0.25) -> None:
        self._snapshot = snapshot or _default_snapshot
        self.interval = interval
        self._state: Snapshot = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll(self) -> list[CardEvent]:
        """One poll: events since the previous one."""
        new = self._snapshot()
        events = diff(self._state, new)
        self._state = new
        return events

    def events(self, timeout: float | None = None) -> Iterator[CardEvent]:
        """Yield events as they happen, until ``stop()`` or ``timeout`` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._stop.is_set():
            yield from self.poll()
            if deadline is not None and time.monotonic() >= deadline:
                return
            self._stop.wait(self.interval)

    def start(self, callback: Callable[[CardEvent], None],
              on_error: Callable[[Exception], None] | None = None) -> None:
        """Call ``callback`` from a background thread for every event."""
        def run() -> None:
            while not self._stop.is_set():
                try:
                    for event in self.poll():
                        callback(event)
                except Exception as exc:  # a watcher must survive a flaky service; report and go on
                    if on_error:
                        on_error(exc)
                self._stop.wait(self.interval)

        self._stop.clear()
        self._thread = threading.Thread(target=run, name="card-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
