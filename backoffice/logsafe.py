"""A logging filter that masks national ID numbers in every log line (RULES §10: never log them).

Installed on the root handlers by the app and the command line; services never log a number on
purpose, this catches one that slips into an exception's text.
"""

from __future__ import annotations

import logging
import re

from backoffice.policy.identifiers import check_national_id, mask_national_id

# Letter + 1/2 (citizen) or 8/9 (resident, new) or A-D (resident, old) + 8 digits.
_ID = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][1289A-Da-d]\d{8}(?![A-Za-z0-9])")


def redact(text: str) -> str:
    """``text`` with every valid national ID number masked."""
    return _ID.sub(lambda mo: mask_national_id(mo.group(0)) if check_national_id(mo.group(0)).valid
                   else mo.group(0), text)


class RedactNationalIds(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        safe = redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if safe != message:
            record.msg, record.args = safe, None
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Add the filter to every handler of ``logger`` (default: the root logger)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactNationalIds) for f in handler.filters):
            handler.addFilter(RedactNationalIds())
