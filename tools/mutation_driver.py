"""Run mutmut's mutants in parallel worker copies and record every outcome (called by tools/mutation.sh).

mutmut 2.5.1 (pinned in the test extras) generates the mutants; this driver replaces its run loop,
which is serial and whose pony cache loses track of lines mid-run on some files ("Attribute
Mutant.line is required", then a hang). Here each worker owns a copy of the tree, applies one
mutant at a time to its copy, runs the group's tests (``pytest -x``) and restores the file. Results
are appended to ``<out>/<group>.jsonl`` as they come, so a run that is cut off keeps what it
reached and ``--resume`` continues it.

A mutant that only changes a type annotation in a module with ``from __future__ import
annotations`` (PEP 563: annotations are stored as strings and nothing in these modules evaluates
them) is recorded as ``equivalent-annotation`` without running the tests.

Not part of .ci/run; see docs/quality.md.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from mutmut import ALL, Context, RelativeMutationID, list_mutations, mutate, mutations_by_type

SKIPPED_TYPES = {"string", "fstring"}  # user text and clause labels, not money logic


@dataclass(frozen=True)
class Mutant:
    key: str  # "<file>:<occurrence>:<index>|<line>": stable while that line is unchanged
    filename: str
    line_number: int  # 0-based, as mutmut counts
    index: int
    line: str
    mutated_source: str
    mutated_line: str
    diff: str
    annotation_only: bool


class _Cfg:
    """The two Config attributes mutmut's mutate() reads."""

    covered_lines_by_filename = None
    mutation_types_to_apply = set(mutations_by_type) - SKIPPED_TYPES


def _strip_annotations(tree: ast.AST) -> str:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.returns = None
        elif isinstance(node, ast.arg):
            node.annotation = None
        elif isinstance(node, ast.AnnAssign):
            node.annotation = ast.Constant(None)
    return ast.dump(tree)


def enumerate_mutants(filename: str) -> list[Mutant]:
    source = Path(filename).read_text(encoding="utf-8")
    defers = "from __future__ import annotations" in source
    plain = _strip_annotations(ast.parse(source)) if defers else None
    ids = list_mutations(Context(source=source, mutation_id=ALL, filename=filename, config=_Cfg()))
    lines = source.split("\n")
    out = []
    for mid in ids:
        # Which occurrence of this exact line text: survives edits elsewhere in the file.
        occurrence = lines[:mid.line_number].count(mid.line)
        ctx = Context(source=source, mutation_id=RelativeMutationID(mid.line, mid.index, mid.line_number),
                      filename=filename, config=_Cfg())
        mutated, n = mutate(ctx)
        if n != 1:
            raise RuntimeError(f"{filename}:{mid.line_number + 1}: mutant {mid.index} applied {n} times")
        mutated_line = mutated.split("\n")[mid.line_number] if mid.line_number < len(mutated.split("\n")) else ""
        annotation_only = False
        if defers:
            try:
                annotation_only = _strip_annotations(ast.parse(mutated)) == plain
            except SyntaxError:
                annotation_only = False
        diff = "".join(difflib.unified_diff(source.splitlines(True), mutated.splitlines(True),
                                            f"a/{filename}", f"b/{filename}", n=0))
        out.append(Mutant(f"{filename}:{occurrence}:{mid.index}|{mid.line}", filename, mid.line_number, mid.index,
                          mid.line, mutated, mutated_line, diff, annotation_only))
    return out


def run_tests(cmd: list[str], cwd: Path, timeout: float) -> tuple[str, float]:
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=timeout, start_new_session=True)
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - start
    return ("survived" if proc.returncode == 0 else "killed"), time.monotonic() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0], allow_abbrev=False)
    ap.add_argument("--name", required=True)
    ap.add_argument("--paths", required=True, help="comma-separated modules to mutate")
    ap.add_argument("--tests", required=True, help="pytest arguments (space-separated)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--minutes", type=float, default=20.0)
    ap.add_argument("--resume", action="store_true", help="skip mutants already in <out>/<name>.jsonl")
    ap.add_argument("--only-from", metavar="JSONL",
                    help="run only the mutants that survived (or timed out) in this earlier result file, "
                         "and those of lines it does not know (written since): after new tests or fixes")
    ap.add_argument("--list-keys", action="store_true", help="only write <out>/<name>.keys.json and stop")
    args = ap.parse_args()

    root = Path.cwd()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    results_path = out / f"{args.name}.jsonl"
    done: set[str] = set()
    if args.resume and results_path.exists():
        for raw in results_path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(raw)
            done.add(rec["key"])
    elif results_path.exists():
        results_path.unlink()

    paths = [p for p in args.paths.split(",") if p]
    mutants = [m for p in paths for m in enumerate_mutants(p)]
    # Every mutant the code has now: tells the report a survivor whose line was rewritten from one
    # the retest has not reached.
    (out / f"{args.name}.keys.json").write_text(json.dumps([m.key for m in mutants], ensure_ascii=False),
                                                encoding="utf-8")
    if args.list_keys:
        return 0
    pending = [m for m in mutants if m.key not in done]
    if args.only_from:
        # The earlier run's survivors, and the mutants of lines written since (not in that run).
        earlier: dict[str, str] = {}
        for raw in Path(args.only_from).read_text(encoding="utf-8").splitlines():
            rec = json.loads(raw)
            earlier[rec["key"]] = rec["status"]
        pending = [m for m in pending if earlier.get(m.key, "new") in ("survived", "timeout", "new")]
        mutants = pending
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *args.tests.split()]

    # Worker copies of the tree (the caller already runs in a throw-away copy).
    workers = [root]
    for i in range(1, args.workers):
        copy = root.parent / f"{root.name}.w{i}"
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(root, copy, symlinks=True)
        workers.append(copy)

    # Baseline: the tests pass on the unmutated tree, and they fail when a mutated module cannot
    # even be imported (proof that the tests import the copy, not an installed package).
    status, base = run_tests(cmd, root, 3600)
    if status != "survived":
        print(f"{args.name}: the tests do not pass without mutations", file=sys.stderr)
        return 2
    canary = root / paths[0]
    original = canary.read_text(encoding="utf-8")
    canary.write_text("raise ImportError('mutation canary')\n" + original, encoding="utf-8")
    try:
        status, _ = run_tests(cmd, root, base * 5 + 60)
    finally:
        canary.write_text(original, encoding="utf-8")
    if status != "killed":
        print(f"{args.name}: the tests do not import the mutated copy ({status})", file=sys.stderr)
        return 2

    deadline = time.monotonic() + args.minutes * 60
    timeout = base * 5 + 60
    todo: queue.Queue[Mutant] = queue.Queue()
    for m in pending:
        todo.put(m)
    lock = threading.Lock()
    counts = {"killed": 0, "survived": 0, "timeout": 0, "equivalent-annotation": 0}

    def record(m: Mutant, status: str, secs: float) -> None:
        rec = {"key": m.key, "file": m.filename, "line_number": m.line_number + 1, "index": m.index,
               "line": m.line, "mutated": m.mutated_line, "diff": m.diff, "status": status, "seconds": round(secs, 1)}
        with lock:
            counts[status] += 1
            with results_path.open("a", encoding="utf-8") as f:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    def work(tree: Path) -> None:
        while time.monotonic() < deadline:
            try:
                m = todo.get_nowait()
            except queue.Empty:
                return
            if m.annotation_only:
                record(m, "equivalent-annotation", 0.0)
                continue
            target = tree / m.filename
            original_text = target.read_text(encoding="utf-8")
            target.write_text(m.mutated_source, encoding="utf-8")
            try:
                status, secs = run_tests(cmd, tree, timeout)
            finally:
                target.write_text(original_text, encoding="utf-8")
            record(m, status, secs)

    started = time.monotonic()
    threads = [threading.Thread(target=work, args=(w,), daemon=True) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for w in workers[1:]:
        shutil.rmtree(w, ignore_errors=True)

    untested = todo.qsize()
    print(json.dumps({"group": args.name, "mutants": len(mutants), "previously_done": len(mutants) - len(pending),
                      **counts, "untested": untested, "seconds": round(time.monotonic() - started),
                      "baseline_seconds": round(base, 1), "cut_off": untested > 0}))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(main())
