"""Display titles for stored enumeration values, shared by every screen.

Values are the stored enumeration strings; titles (``backoffice.services.vocabulary``) are zh-TW
source text with English in the .ts file. Unknown values are shown as themselves (a new status
must never crash a screen).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# The tables live in the Qt-free vocabulary so exports use the same words as the screens.
from backoffice.services.vocabulary import (  # noqa: F401 (re-exported for the screens)
    APPLICATION_STATUS,
    GRANT_STATUS,
    ORDER_STATUS,
    REFUND_STATUS,
)

CONTEXT = "Labels"

def title(table: dict[str, str], value: str) -> str:
    """Translated title of ``value`` in ``table`` (e.g. ``title(ORDER_STATUS, order.status)``)."""
    source = table.get(str(value))
    return QCoreApplication.translate(CONTEXT, source) if source else str(value)
