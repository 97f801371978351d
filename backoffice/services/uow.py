"""The unit of work services take (re-exported from ``backoffice.db.session``)."""

from __future__ import annotations

from backoffice.db.session import DatabaseFileLost, UnitOfWork, make_engine, make_session_factory

__all__ = ["DatabaseFileLost", "UnitOfWork", "make_engine", "make_session_factory"]
