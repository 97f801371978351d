"""bench/bench_sweep.py writes only what its run measured; earlier analysis is marked as a note."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bench.bench_sweep import UNMEASURED, Measured, render

COUNTS = {"lapsed": 600, "expired_lots": 400, "points_recovered": 26_500_000, "budget_released": 26_500_000}


def _run(**changes: object) -> Measured:
    base = Measured(day=date(2026, 11, 30), cores=2, python="3.11.7", sqlite="3.45.0", sqlalchemy="2.0.36",
                    grants=1_000, baseline_sample=100, size_mb=1.5, seed_s=0.4, first_s=0.2, second_s=0.01,
                    counts=dict(COUNTS), second=dict.fromkeys(COUNTS, 0), daily_s=0.05, daily=dict(COUNTS), naive_s=0.9, naive_rec=2_650_000,
                    load_start=0.1, load_end=0.9)
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_quiet_run_does_not_claim_the_cores_were_shared() -> None:
    text = render(_run(load_start=0.1, load_end=0.9))
    assert "shared" not in text and "helpers" not in text
    assert "0.1 / 0.9" in text and "otherwise idle" in text
    busy = render(_run(load_start=3.2, load_end=2.8))
    assert "3.2 / 2.8" in busy and "already busy" in busy


def test_every_sentence_comes_from_the_run_or_is_marked_as_earlier_analysis() -> None:
    a = render(_run()).splitlines()
    b = render(_run(day=date(2027, 1, 2), cores=4, grants=2_000, baseline_sample=200, size_mb=3.0, seed_s=0.8,
                    first_s=0.3, second_s=0.02, daily_s=0.06, naive_s=1.1, load_start=1.5, load_end=1.7,
                    counts={k: v * 2 for k, v in COUNTS.items()}, second=dict.fromkeys(COUNTS, 1), daily={k: v * 3 for k, v in COUNTS.items()},
                    naive_rec=5_300_000)).splitlines()
    assert len(a) == len(b)
    fixed = [x for x, y in zip(a, b, strict=True) if x == y and x.strip()]
    for line in fixed:  # the same whatever was measured: a heading, table syntax, or a marked note
        assert (line.startswith("## ") or line.startswith("| run |") or line.startswith("|---")
                or UNMEASURED in line), line
