"""Queue search: trigram index on applicant names (PostgreSQL), for substring search on 1M rows.

PostgreSQL: ``pg_trgm`` (a trusted extension: the database owner may create it) and a GIN index
on ``applicants.name`` answer ``name ILIKE '%雲端智慧%'`` without scanning every applicant.
SQLite has no equivalent index for substrings of any length; the queue filters first there
(see ``services/queue.py``) and docs/performance.md gives the figures. On SQLite the index is an
empty partial index (``WHERE 0``): it costs nothing and keeps the schema equal to the models.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_applicants_name_trgm ON applicants USING gin (name gin_trgm_ops)")
    else:
        op.create_index("ix_applicants_name_trgm", "applicants", ["name"], sqlite_where=sa.text("0"))


def downgrade() -> None:
    op.drop_index("ix_applicants_name_trgm", table_name="applicants")
