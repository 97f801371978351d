"""Platform feed (JSON Lines, docs/feed-format.md): record validation and import."""

from __future__ import annotations

from backoffice.services.feed.importer import FeedImporter, ImportReport, RejectedLine, import_lines
from backoffice.services.feed.records import FeedError, parse_line

__all__ = ["FeedError", "FeedImporter", "ImportReport", "RejectedLine", "import_lines", "parse_line"]
