"""`backoffice-admin`: the administrator's command line.

Stable interface (other checks read it). Each command group lives in its own module with a
``register(subparsers)`` function; heavy imports (SQLAlchemy, pyscard, PyKCS11) happen inside
the handlers so that the command starts fast. Qt is never imported on this path.

Exit codes: 0 success, 1 a negative answer (rejected lines, invalid number), 2 the database or
the card reader cannot be reached / bad usage, 3 the card cannot be read, 4 a wrong PIN.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from backoffice.cli._common import EXIT_UNREACHABLE, CliError

INT64 = 2**63 - 1


def _check_numbers(args: argparse.Namespace) -> None:
    """Whole-number arguments fit the database's 64-bit integers (a longer one is refused here,
    not by an overflow deep in the driver)."""
    for name, value in vars(args).items():
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > INT64:
            raise CliError(f"--{name.replace('_', '-')}: {value} is out of range", EXIT_UNREACHABLE)


def _database_problem(exc: BaseException) -> str | None:
    if "backoffice.db.session" not in sys.modules:  # nothing touched a database
        return None
    from backoffice.db.session import describe_database_error

    return describe_database_error(exc)

# Command-group modules, each with register(subparsers). Order = order in --help.
_GROUPS = (
    "backoffice.cli.db_cmds",
    "backoffice.cli.calendar_cmds",
    "backoffice.cli.feed_cmds",
    "backoffice.cli.quote_cmds",
    "backoffice.cli.check_cmds",
    "backoffice.cli.sweep_cmds",
    "backoffice.cli.card_cmds",
    "backoffice.cli.officer_cmds",
    "backoffice.cli.applicant_cmds",
    "backoffice.cli.outbox_cmds",
    "backoffice.cli.export_cmds",
    "backoffice.cli.refund_cmds",
    "backoffice.cli.audit_cmds",
    "backoffice.cli.settlement_cmds",
    "backoffice.cli.tax95a_cmds",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backoffice-admin",
        description="臺灣雲市集 數位點數補助 後台管理指令 (Cloud-marketplace points back office: admin CLI)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in _GROUPS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a group not built yet must not break the others
            if exc.name == name:
                continue
            raise
        module.register(sub)
    _no_abbreviations(parser)
    return parser


def _no_abbreviations(parser: argparse.ArgumentParser) -> None:
    """Refuse abbreviated long options everywhere: `--as 2` must not be taken for `--as-of 2`.

    A command that moves money or points must do exactly what was typed, so every parser of
    the tree (sub-commands included) requires options spelled in full.
    """
    parser.allow_abbrev = False
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _no_abbreviations(child)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        _check_numbers(args)
        code = args.handler(args)
    except CliError as exc:
        print(f"backoffice-admin: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except PermissionError as exc:  # a service's role check (services/authz.py)
        from backoffice.cli._actor import permission_error
        from backoffice.services.authz import PermissionDenied

        if not isinstance(exc, PermissionDenied):
            raise
        err = permission_error(exc)
        print(f"backoffice-admin: {err.message}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("backoffice-admin: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error of ours.
        # Point stdout at devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        # Every database problem (malformed URL, unknown driver, a file that is not a database,
        # a full disk, a server gone) is one line and exit 2, whatever command met it.
        message = _database_problem(exc)
        if message is None:
            raise
        print(f"backoffice-admin: {message}", file=sys.stderr)
        return EXIT_UNREACHABLE
    return int(code or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
