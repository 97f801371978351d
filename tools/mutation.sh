#!/usr/bin/env bash
# Mutation testing (mutmut 2.5.1, pinned in the test extras) of the money, signature and
# feed-rejection code. Results and every surviving mutant are recorded in docs/quality.md.
#
#   tools/mutation.sh                 # every group below
#   tools/mutation.sh budget refunds  # only these groups
#
# Each group mutates its modules and runs only the tests that exercise them (pytest -x), on
# SQLite only (BACKOFFICE_TEST_PG_URL is unset for the run, so the PostgreSQL variants skip:
# the mutated code is the same Python on both databases). mutmut changes files in place, so the
# run works on a throw-away copy of the tracked files, never on your tree.
#
# Time: one pytest start costs 3-10 s on a loaded 2-core machine, so a mutant costs about as
# much as its test files. MUTATION_MINUTES (default 20) caps each group; a group cut off by it
# reports the mutants it reached and says "cut off". Not part of .ci/run.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${BO_VENV:-$ROOT/.venv}/bin/python"
MUTMUT="$(dirname "$PY")/mutmut"
MINUTES="${MUTATION_MINUTES:-20}"
OUT="${MUTATION_OUT:-$ROOT/mutation-results}"

# group | modules to mutate (comma-separated) | test files run per mutant
GROUPS_TABLE='
budget|backoffice/db/budget.py|tests/integration/test_grant_rules.py::test_reserving_exactly_what_remains_succeeds_and_one_point_more_fails tests/integration/test_grant_rules.py::test_reserve_and_release_take_one_point_or_more_never_zero tests/integration/test_grant_rules.py::test_the_last_grant_takes_exactly_the_30000_points_left tests/integration/test_ledger.py
authz|backoffice/services/authz.py|tests/integration/test_authz_rules.py tests/integration/test_assignment.py tests/integration/test_decisions.py
money|backoffice/policy/money.py|tests/unit/test_policy_money_dates.py tests/unit/test_policy_refunds.py tests/unit/test_policy_settlement.py tests/unit/test_money_mutants.py
refunds|backoffice/policy/refunds.py|tests/unit/test_policy_refunds.py tests/unit/test_money_mutants.py
points|backoffice/policy/points.py|tests/unit/test_policy_points.py tests/unit/test_money_mutants.py
settlement|backoffice/policy/settlement.py|tests/unit/test_policy_settlement.py tests/unit/test_money_mutants.py
orders|backoffice/policy/orders.py,backoffice/policy/params.py|tests/unit/test_policy_orders.py tests/unit/test_money_mutants.py
policy-rest|backoffice/policy/eligibility.py,backoffice/policy/identifiers.py,backoffice/policy/dates.py,backoffice/policy/calendar.py,backoffice/policy/authorisation.py,backoffice/policy/applicants.py,backoffice/policy/industry.py|tests/unit
decisions|backoffice/services/applications/decisions.py|tests/integration/test_grant_rules.py tests/integration/test_decisions.py tests/unit/test_decision_contract.py tests/unit/test_service_authz.py
ledger|backoffice/services/points/ledger.py|tests/integration/test_grant_rules.py tests/integration/test_ledger.py tests/integration/test_ledger_batch.py tests/integration/test_ledger_release.py tests/unit/test_service_authz.py
sweep|backoffice/services/points/sweep.py|tests/integration/test_sweep.py tests/unit/test_service_authz.py
feed|backoffice/services/feed/handlers.py,backoffice/services/feed/records.py,backoffice/services/feed/importer.py,backoffice/services/feed/state.py|tests/integration/test_feed_rejections.py tests/integration/test_feed_money.py tests/integration/test_feed_import.py tests/integration/test_feed_programme.py
'

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mutation.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$WORK"
mkdir -p "$OUT"
cd "$WORK" || exit 1
export QT_QPA_PLATFORM=offscreen
unset BACKOFFICE_TEST_PG_URL BACKOFFICE_REQUIRE_PG CI

want=" $* "
printf '%-12s %8s %7s %8s %8s %8s %s\n' group mutants killed survived timeout untested seconds \
    | tee "$OUT/summary.txt"
while IFS='|' read -r name paths tests; do
    [ -z "$name" ] && continue
    if [ $# -gt 0 ] && [[ "$want" != *" $name "* ]]; then continue; fi
    rm -f .mutmut-cache
    start=$(date +%s)
    # Strings are user-facing text and clause labels (checked by the translation and view tests),
    # not money logic: string mutants are not generated.
    timeout "${MINUTES}m" "$MUTMUT" run --paths-to-mutate "$paths" --tests-dir tests \
        --disable-mutation-types string,fstring --test-time-base 60 --test-time-multiplier 5 \
        --runner "$PY -m pytest -x -q -p no:cacheprovider $tests" >"$OUT/$name.log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    note=""
    [ $rc -eq 124 ] && note=" (cut off after ${MINUTES} min)"
    count() { "$MUTMUT" result-ids "$1" 2>/dev/null | wc -w; }
    # "suspicious" in mutmut 2 = killed, but the tests took long (a loaded machine): killed.
    killed=$(( $(count killed) + $(count suspicious) )); survived=$(count survived); timeout_=$(count timeout)
    untested=$(count untested)
    total=$((killed + survived + timeout_ + untested))
    printf '%-12s %8s %7s %8s %8s %8s %s%s\n' "$name" "$total" "$killed" "$survived" "$timeout_" "$untested" \
        "$secs" "$note" \
        | tee -a "$OUT/summary.txt"
    { echo "# $name: surviving mutants"; for id in $("$MUTMUT" result-ids survived 2>/dev/null); do
        "$MUTMUT" show "$id"; done
      # mutmut 2.5.1 may stop before the last mutant or two of a file ("Mutant.line is required",
      # a cache bug): those stay untested and are listed here to be checked by hand.
      echo "# $name: untested mutants"; for id in $("$MUTMUT" result-ids untested 2>/dev/null); do
        "$MUTMUT" show "$id"; done; } >"$OUT/$name.survivors.txt" 2>&1
done <<<"$GROUPS_TABLE"
echo "results in $OUT"
