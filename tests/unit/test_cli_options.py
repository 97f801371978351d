"""Command-line options must be spelled in full: an abbreviation is refused, never guessed."""

import argparse

import pytest

from backoffice.cli import build_parser


def _all_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found.extend(_all_parsers(child))
    return found


def test_every_parser_of_the_tree_refuses_abbreviations() -> None:
    parsers = _all_parsers(build_parser())
    assert len(parsers) > 40  # the whole tree was walked, not just the top
    assert [p.prog for p in parsers if p.allow_abbrev] == []


def test_a_prefix_of_as_of_is_an_error_not_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    # `--as 2` once ran `tax95a export` as of year 2 instead of refusing the unknown option.
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["tax95a", "export", "--year", "2026", "--out", "x.txt", "--as", "2"])
    assert exc.value.code == 2
    assert "--as" in capsys.readouterr().err
    ok = build_parser().parse_args(
        ["tax95a", "export", "--year", "2026", "--out", "x.txt", "--as-of", "2026-01-01"]
    )
    assert ok.as_of == "2026-01-01"


def test_the_app_refuses_abbreviations_too() -> None:
    from backoffice.app import build_parser as app_parser

    assert app_parser().allow_abbrev is False
