"""Database layer: SQLAlchemy 2.0 models, engine/session/unit of work, Alembic migrations.

Import the pieces from their modules (``backoffice.db.models``, ``backoffice.db.session``,
``backoffice.db.migrate``); this package itself stays import-light so that
``backoffice.db.enums`` can be used without SQLAlchemy.
"""
