"""Reproducible files: the same content and as-of time give the same bytes (finance re-runs exports
and compares hashes; RULES §9 exports are evidence).

An xlsx is a zip: openpyxl stamps every member with the wall-clock time and the core properties
with "now". ``repack_xlsx`` rewrites the archive member by member (streamed, so memory stays flat)
with a fixed member date, fixed attributes and the as-of time as created/modified.
Files are written beside the destination and renamed into place only when complete.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from backoffice.services.authz import pure

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip member can carry
_CORE = "docProps/core.xml"
_STAMP = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


@pure
def sha256_file(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@pure
def write_atomically(path: str | os.PathLike[str], writer: Callable[[IO[bytes]], Any]) -> str:
    """Write ``path`` through ``writer`` into a temporary file beside it, rename; return the SHA-256."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=target.suffix, dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            writer(f)
        digest = sha256_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return digest


@pure
def repack_xlsx(source: str | os.PathLike[str], out: IO[bytes], as_of: datetime) -> None:
    """Copy the xlsx ``source`` into ``out`` with fixed member dates and the as-of core properties."""
    stamp = as_of.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            fixed.create_system = 0
            if info.filename == _CORE:
                data = _STAMP.sub(lambda mt: mt.group(1) + stamp + mt.group(3), src.read(info))
                dst.writestr(fixed, data)
                continue
            with src.open(info) as fsrc, dst.open(fixed, "w") as fdst:
                shutil.copyfileobj(fsrc, fdst, 1 << 20)


@pure
def save_reproducible_xlsx(workbook: object, path: str | os.PathLike[str], as_of: datetime) -> str:
    """Save an openpyxl workbook to ``path`` reproducibly; return the SHA-256 of the bytes written."""
    props = getattr(workbook, "properties", None)
    if props is not None:
        props.creator = "backoffice"
        props.lastModifiedBy = None
        props.created = props.modified = as_of.astimezone(UTC).replace(tzinfo=None)
    target = Path(path)
    fd, raw = tempfile.mkstemp(prefix=".raw-", suffix=".xlsx", dir=target.parent or ".")
    os.close(fd)
    try:
        workbook.save(raw)  # type: ignore[attr-defined]
        return write_atomically(target, lambda f: repack_xlsx(raw, f, as_of))
    finally:
        if os.path.exists(raw):
            os.unlink(raw)
