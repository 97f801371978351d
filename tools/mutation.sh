#!/usr/bin/env bash
# Mutation testing (mutmut 2.5.1, pinned in the test extras) of the money, signature and
# feed-rejection code. Results and every surviving mutant are recorded in docs/quality.md.
#
#   tools/mutation.sh                 # every group below
#   tools/mutation.sh budget refunds  # only these groups
#
# Each group mutates its modules and runs only the tests that exercise them (pytest -x), on
# SQLite only (BACKOFFICE_TEST_PG_URL is unset for the run, so the PostgreSQL variants skip:
# the mutated code is the same Python on both databases). mutmut generates the mutants;
# tools/mutation_driver.py runs them in MUTATION_WORKERS (default 2) copies of the tracked files
# in a throw-away directory, never in your tree, and appends each outcome to
# <out>/<group>.jsonl as it comes (mutmut's own serial loop loses its cache on some files).
# Mutants that only change a deferred type annotation are recorded as equivalent untested.
#
# Time: a mutant costs one pytest start (about 2-3 s) plus its test files; with 2 workers on a
# 2-core machine that is 3-6 s per mutant. MUTATION_MINUTES (default 20) caps each group; a group
# cut off by it reports the mutants it reached and says "cut off"; MUTATION_RESUME=1 continues
# it. MUTATION_RETEST_FROM=<earlier out dir> re-runs only that run's survivors (to check that
# new tests kill them). Not part of .ci/run.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${BO_VENV:-$ROOT/.venv}/bin/python"
MINUTES="${MUTATION_MINUTES:-20}"
WORKERS="${MUTATION_WORKERS:-2}"
OUT="${MUTATION_OUT:-$ROOT/mutation-results}"

# group | modules to mutate (comma-separated) | test files run per mutant (with -x: the files that
# kill most mutants fastest come first)
GROUPS_TABLE='
budget|backoffice/db/budget.py|tests/integration/test_grant_rules.py::test_reserving_exactly_what_remains_succeeds_and_one_point_more_fails tests/integration/test_grant_rules.py::test_reserve_and_release_take_one_point_or_more_never_zero tests/integration/test_grant_rules.py::test_the_last_grant_takes_exactly_the_30000_points_left tests/integration/test_ledger.py
authz|backoffice/services/authz.py|tests/integration/test_authz_rules.py tests/integration/test_assignment.py tests/integration/test_decisions.py
money|backoffice/policy/money.py|tests/unit/test_policy_money_dates.py tests/unit/test_policy_refunds.py tests/unit/test_policy_settlement.py tests/unit/test_money_mutants.py
refunds|backoffice/policy/refunds.py|tests/unit/test_policy_refunds.py tests/unit/test_money_mutants.py
points|backoffice/policy/points.py|tests/unit/test_policy_points.py tests/unit/test_money_mutants.py
settlement|backoffice/policy/settlement.py|tests/unit/test_policy_settlement.py tests/unit/test_money_mutants.py
orders|backoffice/policy/orders.py,backoffice/policy/params.py|tests/unit/test_policy_orders.py tests/unit/test_money_mutants.py
policy-rest|backoffice/policy/eligibility.py,backoffice/policy/identifiers.py,backoffice/policy/dates.py,backoffice/policy/calendar.py,backoffice/policy/authorisation.py,backoffice/policy/applicants.py,backoffice/policy/industry.py|tests/unit/test_policy_eligibility.py tests/unit/test_policy_identifiers.py tests/unit/test_policy_industry.py tests/unit/test_policy_money_dates.py tests/unit/test_policy_calendar.py tests/unit/test_policy_refunds.py tests/unit/test_policy_points.py tests/unit/test_policy_orders.py tests/unit/test_eligibility_clauses.py tests/unit/test_policy_authorisation.py
policy-text|backoffice/policy/clauses.py,backoffice/policy/clause_wording.py,backoffice/policy/results.py|tests/unit/test_policy_clauses.py tests/unit/test_policy_identifiers.py tests/unit/test_money_mutants.py tests/unit/test_policy_points.py tests/unit/test_eligibility_clauses.py
decisions|backoffice/services/applications/decisions.py|tests/unit/test_decision_contract.py tests/unit/test_service_authz.py tests/integration/test_decision_edges.py tests/integration/test_decisions.py tests/integration/test_decision_emails.py tests/integration/test_money_invariants.py tests/integration/test_grant_rules.py
ledger|backoffice/services/points/ledger.py|tests/unit/test_service_authz.py tests/integration/test_ledger.py tests/integration/test_ledger_release.py tests/integration/test_ledger_batch.py tests/integration/test_grant_rules.py
sweep|backoffice/services/points/sweep.py|tests/integration/test_sweep.py tests/unit/test_service_authz.py
feed|backoffice/services/feed/handlers.py|tests/unit/test_service_authz.py tests/integration/test_feed_programme.py tests/integration/test_feed_money.py tests/integration/test_feed_rejections.py tests/integration/test_feed_import.py tests/integration/test_ledger_batch.py
feed-io|backoffice/services/feed/records.py,backoffice/services/feed/importer.py,backoffice/services/feed/state.py|tests/unit/test_feed_hostile.py tests/unit/test_feed_records.py tests/unit/test_service_authz.py tests/integration/test_feed_programme.py tests/integration/test_feed_money.py tests/integration/test_feed_rejections.py tests/integration/test_feed_import.py tests/integration/test_ledger_batch.py
'

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mutation.XXXXXX")/tree"
mkdir -p "$WORK"
trap 'rm -rf "$(dirname "$WORK")"' EXIT
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$WORK"
mkdir -p "$OUT"
cd "$WORK" || exit 1
export QT_QPA_PLATFORM=offscreen
unset BACKOFFICE_TEST_PG_URL BACKOFFICE_REQUIRE_PG CI

want=" $* "
printf '%-12s %8s %7s %8s %8s %8s %8s %s\n' group mutants killed survived timeout annot untested seconds \
    | tee "$OUT/summary.txt"
while IFS='|' read -r name paths tests; do
    [ -z "$name" ] && continue
    if [ $# -gt 0 ] && [[ "$want" != *" $name "* ]]; then continue; fi
    resume=()
    [ -n "${MUTATION_RESUME:-}" ] && resume=(--resume)
    # MUTATION_RETEST_FROM=<earlier out dir>: run only that run's survivors of each group.
    [ -n "${MUTATION_RETEST_FROM:-}" ] && resume+=(--only-from "$MUTATION_RETEST_FROM/$name.jsonl")
    nice -n "${MUTATION_NICE:-5}" "$PY" "$ROOT/tools/mutation_driver.py" --name "$name" --paths "$paths" \
        --tests "$tests" --out "$OUT" --workers "$WORKERS" --minutes "$MINUTES" "${resume[@]}" \
        >"$OUT/$name.log" 2>&1
    "$PY" - "$OUT" "$name" <<'PYEOF' | tee -a "$OUT/summary.txt"
import json, sys
out, name = sys.argv[1], sys.argv[2]
try:
    last = json.loads(open(f"{out}/{name}.log", encoding="utf-8").read().strip().splitlines()[-1])
except Exception:
    print(f"{name:<12} failed: see {out}/{name}.log")
    raise SystemExit(0)
recs = {}
for raw in open(f"{out}/{name}.jsonl", encoding="utf-8"):
    r = json.loads(raw)
    recs[r["key"]] = r
by = lambda s: sum(1 for r in recs.values() if r["status"] == s)
note = " (cut off)" if last["cut_off"] else ""
print(f"{name:<12} {last['mutants']:>8} {by('killed'):>7} {by('survived'):>8} {by('timeout'):>8} "
      f"{by('equivalent-annotation'):>8} {last['untested']:>8} {last['seconds']}{note}")
with open(f"{out}/{name}.survivors.txt", "w", encoding="utf-8") as f:
    f.write(f"# {name}: surviving mutants (annotation-only mutants are counted, not listed)\n")
    for r in sorted(recs.values(), key=lambda r: (r["file"], r["line_number"], r["index"])):
        if r["status"] in ("survived", "timeout"):
            f.write(f"## {r['status']}: {r['file']}:{r['line_number']} #{r['index']}\n{r['diff']}")
PYEOF
done <<<"$GROUPS_TABLE"
echo "results in $OUT"
