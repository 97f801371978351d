"""Queue filters at a million rows: applicant facts copied onto applications, SQLite name index.

1. ``applications.applicant_type / industry_section / industry_division``: copies of the
   applicant's, so a filter on them and the sort on ``submitted_at`` are answered by one composite
   index (``(industry_division, submitted_at)``...) instead of walking the sort index and joining
   each row to ``applicants`` until 100 match (PostgreSQL: 230-300 ms for a 中類). Database
   triggers keep the copies right for every writer (ORM, the feed importer's bulk inserts, COPY,
   SQL by hand): on insert of an application, on a change of its ``applicant_id``, and on a change
   of the applicant's type or industry. A later SQLite batch migration that copies ``applications``
   or ``applicants`` drops their triggers: it must call ``create_copy_triggers`` again.
2. SQLite only: ``applicants_name_fts``, an FTS5 external-content table with the ``trigram``
   tokenizer (SQLite >= 3.34) over ``applicants.name``, kept by triggers. It answers
   ``name LIKE '%雲端智慧%'`` (3+ characters) from the index instead of scanning every name.
   It is not part of the ORM metadata (``migrate.include_name`` leaves it out of schema
   comparisons); ``services/queue.py`` uses it when it exists. PostgreSQL has pg_trgm (0002).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COPIED = ("applicant_type", "industry_section", "industry_division")
INDEXES = {  # name -> columns; every queue filter on applications, then the default sort
    "ix_applications_applicant_type_submitted_at": ["applicant_type", "submitted_at"],
    "ix_applications_industry_section_submitted_at": ["industry_section", "submitted_at"],
    "ix_applications_industry_division_submitted_at": ["industry_division", "submitted_at"],
    "ix_applications_assigned_officer_submitted_at": ["assigned_officer_id", "submitted_at"],
}
_SQLITE_COPY_TRIGGERS = ("applications_copy_applicant_ins", "applications_copy_applicant_upd",
                         "applicants_copy_to_applications")
# Every copied column from the application's applicant (literal SQL: names are constants).
_SET_FROM_APPLICANT = (
    "applicant_type = (SELECT p.applicant_type FROM applicants p WHERE p.id = applications.applicant_id), "
    "industry_section = (SELECT p.industry_section FROM applicants p WHERE p.id = applications.applicant_id), "
    "industry_division = (SELECT p.industry_division FROM applicants p WHERE p.id = applications.applicant_id)"
)
_FTS_TRIGGERS = ("applicants_name_fts_ins", "applicants_name_fts_del", "applicants_name_fts_upd")


def fts_supported() -> bool:
    """FTS5's trigram tokenizer needs SQLite 3.34."""
    return sqlite3.sqlite_version_info >= (3, 34, 0)


def create_copy_triggers(dialect: str) -> None:
    if dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION backoffice_copy_applicant() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "SELECT applicant_type, industry_section, industry_division "
            "INTO NEW.applicant_type, NEW.industry_section, NEW.industry_division "
            "FROM applicants WHERE id = NEW.applicant_id; RETURN NEW; END $$")
        op.execute("CREATE TRIGGER applications_copy_applicant BEFORE INSERT OR UPDATE OF applicant_id "
                   "ON applications FOR EACH ROW EXECUTE FUNCTION backoffice_copy_applicant()")
        op.execute(
            "CREATE FUNCTION backoffice_copy_to_applications() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "UPDATE applications SET applicant_type = NEW.applicant_type, "
            "industry_section = NEW.industry_section, industry_division = NEW.industry_division "
            "WHERE applicant_id = NEW.id; RETURN NULL; END $$")
        op.execute("CREATE TRIGGER applicants_copy_to_applications AFTER UPDATE OF "
                   "applicant_type, industry_section, industry_division ON applicants FOR EACH ROW "
                   "WHEN (OLD.applicant_type IS DISTINCT FROM NEW.applicant_type "
                   "OR OLD.industry_section IS DISTINCT FROM NEW.industry_section "
                   "OR OLD.industry_division IS DISTINCT FROM NEW.industry_division) "
                   "EXECUTE FUNCTION backoffice_copy_to_applications()")
    else:
        # SQLite triggers cannot assign NEW: the row is updated right after it is written.
        for name, event in (("applications_copy_applicant_ins", "INSERT"),
                            ("applications_copy_applicant_upd", "UPDATE OF applicant_id")):
            op.execute("CREATE TRIGGER " + name + " AFTER " + event + " ON applications "  # noqa: S608  constants
                       "BEGIN UPDATE applications SET " + _SET_FROM_APPLICANT + " WHERE id = NEW.id; END")
        op.execute("CREATE TRIGGER applicants_copy_to_applications AFTER UPDATE OF "
                   "applicant_type, industry_section, industry_division ON applicants "
                   "BEGIN UPDATE applications SET applicant_type = NEW.applicant_type, "
                   "industry_section = NEW.industry_section, industry_division = NEW.industry_division "
                   "WHERE applicant_id = NEW.id; END")


def drop_copy_triggers(dialect: str) -> None:
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS applications_copy_applicant ON applications")
        op.execute("DROP TRIGGER IF EXISTS applicants_copy_to_applications ON applicants")
        op.execute("DROP FUNCTION IF EXISTS backoffice_copy_applicant()")
        op.execute("DROP FUNCTION IF EXISTS backoffice_copy_to_applications()")
    else:
        for name in _SQLITE_COPY_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")


def create_name_fts() -> None:
    op.execute("CREATE VIRTUAL TABLE applicants_name_fts USING fts5(name, content='applicants', "
               "content_rowid='id', tokenize='trigram')")
    # Index the names already there.
    op.execute("INSERT INTO applicants_name_fts(applicants_name_fts) VALUES ('rebuild')")
    op.execute("CREATE TRIGGER applicants_name_fts_ins AFTER INSERT ON applicants "
               "BEGIN INSERT INTO applicants_name_fts(rowid, name) VALUES (NEW.id, NEW.name); END")
    op.execute("CREATE TRIGGER applicants_name_fts_del AFTER DELETE ON applicants BEGIN "
               "INSERT INTO applicants_name_fts(applicants_name_fts, rowid, name) VALUES ('delete', OLD.id, OLD.name); "
               "END")
    op.execute("CREATE TRIGGER applicants_name_fts_upd AFTER UPDATE OF name ON applicants BEGIN "
               "INSERT INTO applicants_name_fts(applicants_name_fts, rowid, name) VALUES ('delete', OLD.id, OLD.name); "
               "INSERT INTO applicants_name_fts(rowid, name) VALUES (NEW.id, NEW.name); END")


def drop_name_fts() -> None:
    for name in _FTS_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS applicants_name_fts")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for column in COPIED:
        op.add_column("applications", sa.Column(column, sa.String(32), nullable=True))
    # UPDATE ... FROM: one join instead of three subqueries a row (SQLite >= 3.33, PostgreSQL).
    op.execute("UPDATE applications SET applicant_type = p.applicant_type, industry_section = p.industry_section, "
               "industry_division = p.industry_division FROM applicants p WHERE p.id = applications.applicant_id")
    for name, columns in INDEXES.items():
        op.create_index(name, "applications", columns)
    create_copy_triggers(dialect)
    if dialect == "sqlite" and fts_supported():
        create_name_fts()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        drop_name_fts()
    drop_copy_triggers(dialect)
    for name in INDEXES:
        op.drop_index(name, table_name="applications")
    for column in COPIED:
        # Plain ALTER TABLE (SQLite >= 3.35): a batch copy of applications would trip its foreign keys.
        op.execute(f"ALTER TABLE applications DROP COLUMN {column}")
