"""Issue 12 item 15: a read-only database says so (there is no network to blame for a SQLite file).
The errors come from real drivers: SQLite opened read-only, PostgreSQL in a read-only session."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from backoffice.views import jobs

pytestmark = pytest.mark.db


def write_error(engine: Any) -> BaseException:
    """The error a write meets when the database cannot be written."""
    if engine.dialect.name == "sqlite":
        path = make_url(str(engine.url)).database
        target = sa.create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
        setup = ""
    else:
        target, setup = engine, "SET default_transaction_read_only = on"
    try:
        with target.connect() as c:
            if setup:
                c.exec_driver_sql(setup)
                c.commit()
            c.execute(sa.text("INSERT INTO officers (name, email, active) VALUES ('x', 'x@x.test', true)"))
            c.commit()
    except sa.exc.DBAPIError as exc:
        return exc
    finally:
        if target is not engine:
            target.dispose()
    raise AssertionError("the write was not refused")


def test_a_read_only_database_says_read_only_not_no_connection(engine: Any, gui_env: Any) -> None:
    exc = write_error(engine)
    assert jobs.database_problem(exc) == "read_only"
    text = jobs.message_for(exc)
    assert "唯讀" in text and "無法連線" not in text


def test_a_server_that_cannot_be_reached_still_says_so(gui_env: Any) -> None:
    bad = sa.create_engine("postgresql+psycopg://nobody@127.0.0.1:9/none", connect_args={"connect_timeout": 2})
    with pytest.raises(sa.exc.OperationalError) as caught:
        with bad.connect():
            pass
    assert "無法連線資料庫" in jobs.message_for(caught.value)
