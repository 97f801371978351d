"""Write docs/mutation/<group>.md from a mutation run, its retest and the equivalence verdicts.

    tools/mutation_report.py RUN_DIR RETEST_DIR [group ...]

RUN_DIR holds ``<group>.jsonl`` from ``tools/mutation.sh``; RETEST_DIR the same groups re-run with
``MUTATION_RETEST_FROM=RUN_DIR`` after tests were added (the run's survivors and the mutants of
lines written since). Each survivor is then either killed on the retest, or matched by a verdict
in ``docs/mutation/equivalent.json`` (file, exact line text, optionally a piece of the mutated
line, and the reason), or reported OPEN. Prints the summary table for docs/quality.md.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = ROOT / "docs" / "mutation" / "equivalent.json"


def load(path: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    if path.exists():
        for raw in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(raw)
            out[rec["key"]] = rec
    return out


def verdict_for(rec: dict, verdicts: list[dict]) -> str | None:
    for v in verdicts:
        if rec["file"].endswith(v["file"]) and rec["line"].strip() == v["line"].strip() \
                and v.get("to", "") in rec["mutated"] + rec.get("diff", ""):
            return v["reason"]
    return None


def main() -> int:
    run_dir, retest_dir = Path(sys.argv[1]), Path(sys.argv[2])
    groups = sys.argv[3:] or sorted(p.stem for p in run_dir.glob("*.jsonl"))
    verdicts = json.loads(VERDICTS.read_text(encoding="utf-8")) if VERDICTS.exists() else []
    rows = []
    for group in groups:
        run, retest = load(run_dir / f"{group}.jsonl"), load(retest_dir / f"{group}.jsonl")
        keys_file = retest_dir / f"{group}.keys.json"
        current = set(json.loads(keys_file.read_text(encoding="utf-8"))) if keys_file.exists() else None
        counts = Counter(r["status"] for r in run.values())
        lines = [f"# Mutation testing: `{group}`", ""]
        entries: list[tuple[str, dict, str]] = []
        for key, rec in run.items():
            if rec["status"] not in ("survived", "timeout"):
                continue
            again = retest.get(key)
            if rec["status"] == "timeout" or (again is not None and again["status"] == "timeout"):
                entries.append(("timeout", rec, "timed out: the mutant never finishes (a hang the tests "
                                                "detect through their time limit)"))
            elif again is not None and again["status"] == "killed":
                entries.append(("killed", rec, "killed by the tests added after the run (retest)"))
            elif again is None and current is not None and key not in current:
                entries.append(("rewritten", rec, "its line was rewritten after the run; the new line's "
                                                  "mutants are in the retest below"))
            elif again is None and retest:
                entries.append(("OPEN", rec, "OPEN: not reached by the retest"))
            else:
                reason = verdict_for(rec, verdicts)
                if reason and reason.startswith("not equivalent on PostgreSQL"):
                    entries.append(("postgresql", rec, f"killed on PostgreSQL: {reason}"))
                else:
                    entries.append(("equivalent", rec, f"equivalent: {reason}") if reason else ("OPEN", rec, "OPEN"))
        new = [r for k, r in retest.items() if k not in run]
        new_counts = Counter(r["status"] for r in new)
        for rec in new:
            if rec["status"] == "timeout":
                entries.append(("timeout", rec, "timed out (new line): the mutant never finishes"))
            elif rec["status"] == "survived":
                reason = verdict_for(rec, verdicts)
                entries.append(("equivalent", rec, f"equivalent (new line): {reason}") if reason
                               else ("OPEN", rec, "OPEN (new line)"))
        tally = Counter(kind for kind, _, _ in entries)
        lines += [
            f"Run: {len(run)} mutants; {counts['killed']} killed, {counts['survived']} survived, "
            f"{counts['timeout']} timed out, {counts['equivalent-annotation']} changed only a deferred "
            "type annotation (equivalent, not run).",
            f"Retest: {len(retest)} mutants ({len(new)} of lines written after the run: "
            f"{new_counts['killed']} killed, {new_counts['survived']} survived, "
            f"{new_counts['equivalent-annotation']} annotation-only).",
            f"Survivors: {tally['killed']} killed by new tests, {tally['equivalent']} equivalent, "
            f"{tally['postgresql']} killed on PostgreSQL only, "
            f"{tally['timeout']} timed out (detected), {tally['rewritten']} on rewritten lines, "
            f"**{tally['OPEN']} open**.",
            "",
        ]
        for kind, rec, text in sorted(entries, key=lambda e: (e[1]["file"], e[1]["line_number"], e[1]["index"])):
            if kind == "killed":
                continue
            lines += [f"## {rec['file']}:{rec['line_number']} ({rec['status']})", "", "```diff",
                      rec["diff"].rstrip("\n"), "```", "", text, ""]
        killed_list = [rec for kind, rec, _ in entries if kind == "killed"]
        if killed_list:
            lines += ["## Killed by tests added after the run", ""]
            lines += [f"- `{r['file']}:{r['line_number']}`: `{r['line'].strip()}` → `{r['mutated'].strip()}`"
                      for r in sorted(killed_list, key=lambda r: (r["file"], r["line_number"], r["index"]))]
            lines.append("")
        (ROOT / "docs" / "mutation" / f"{group}.md").write_text("\n".join(lines), encoding="utf-8")
        rows.append(f"| {group} | {len(run)} | {counts['killed']} | {counts['survived']} | {counts['timeout']} | "
                    f"{counts['equivalent-annotation']} | {tally['killed']} | {tally['postgresql']} | {tally['equivalent']} | "
                    f"{tally['rewritten']} | {len(new)} ({new_counts['survived']} survived) | {tally['OPEN']} |")
    print("| group | mutants | killed | survived | timed out | annotation-only | survivors killed by new tests | "
          "killed on PostgreSQL only | equivalent | on rewritten lines | mutants of lines written since | open |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
