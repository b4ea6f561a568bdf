#!/usr/bin/env bash
# Runs wasmc-spec over every script of both spec test suites and regenerates test/spec/RESULTS.md:
# commands passed / failed / skipped / unsupported per file, the totals, the final
# "N passed, M failed" line and the first failures of each file.
#   * Wasm 2.0: every .wast script of ../shared/spec-testsuite (converted with wast2json);
#   * Wasm 3.0: every .json script of ../shared/spec-testsuite-3.0 (every group: core and its
#     feature directories, custom, legacy-exceptions, the proposals, threads), run with --wasm3,
#     so that what wasmc refuses as unsupported is counted as such, never as passed (the threads
#     proposal's, based on Wasm 2.0, with --threads instead).
#
#   test/spec/update-results.sh [--build DIR] [--testsuite DIR] [--testsuite3 DIR] [-O LEVEL]
#                               [-j N] [--output FILE] [--only 2.0|3.0]
#
#   --build DIR       build directory holding test/spec/wasmc-spec (default: build)
#   --testsuite DIR   the Wasm 2.0 .wast scripts (default: ../shared/spec-testsuite)
#   --testsuite3 DIR  the Wasm 3.0 JSON scripts (default: ../shared/spec-testsuite-3.0)
#   -O LEVEL          optimisation level of the compiled modules (default 1, as "spec:" tests)
#   -j N              scripts run at once (default: number of cores); each runs its own compiles
#   --output FILE     where to write the tables (default: test/spec/RESULTS.md)
#   --only SUITE      run one suite (its table only)
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/../.." && pwd)
command_line="test/spec/update-results.sh $*"

build=build
testsuite="$repo/../shared/spec-testsuite"
testsuite3="$repo/../shared/spec-testsuite-3.0"
opt=1
jobs=$(nproc 2>/dev/null || echo 2)
output="$script_dir/RESULTS.md"
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --testsuite) testsuite=$2; shift 2 ;;
    --testsuite3) testsuite3=$2; shift 2 ;;
    -O) opt=$2; shift 2 ;;
    -O[0-3]) opt=${1#-O}; shift ;;
    -j) jobs=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "update-results.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$build" in /*) ;; *) build="$repo/$build" ;; esac

harness="$build/test/spec/wasmc-spec"
if [ ! -x "$harness" ]; then
  echo "update-results.sh: no $harness (build it: ninja -C $build wasmc-spec)" >&2
  exit 2
fi
suites=()
if [ "$only" != 3.0 ]; then
  if ! ls "$testsuite"/*.wast > /dev/null 2>&1; then
    echo "update-results.sh: no .wast scripts in $testsuite" >&2
    exit 2
  fi
  suites+=(2.0)
fi
if [ "$only" != 2.0 ]; then
  if [ ! -f "$testsuite3/core/i32.json" ]; then
    echo "update-results.sh: no Wasm 3.0 JSON scripts in $testsuite3" >&2
    exit 2
  fi
  suites+=(3.0)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/wasmc-spec-results-XXXXXX")
trap 'rm -rf "$work"' EXIT

# One harness per script, `jobs` at a time; each writes <id>.json, <id>.out and <id>.status,
# <id> being the script's path with / as __. Each harness compiles with one thread so that `jobs`
# scripts share the cores. A line of the list is "<extra option or -> <script>".
script_id() { # script_id SCRIPT: its path under $root, / as __
  local path=${1#"$root"/}
  echo "${path//\//__}"
}
run_one() {
  local extra=$1 script=$2 id
  id=$(script_id "$script")
  [ "$extra" = - ] && extra=""
  # The threads proposal's scripts run in their language (spec3.cmake: WASMC_SPEC3_THREADS_GROUPS
  # and WASMC_SPEC3_NO_REFERENCE_TYPES).
  case "$script" in
    */proposal-threads/imports.json) extra="--threads --no-reference-types" ;;
    */proposal-threads/*|*/threads-repo/*) extra=--threads ;;
  esac
  set +e
  # shellcheck disable=SC2086
  "$harness" "-O$opt" -j 1 $extra --json "$work/$id.json" "$script" > "$work/$id.out" 2>&1
  echo $? > "$work/$id.status"
}
export -f script_id run_one
export harness opt work

field() { # field NAME FILE: a number from the harness's one-line JSON
  sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p" "$2"
}

# run_suite ROOT NAME-OF-SUITE EXTRA SCRIPT...: runs the scripts and appends the suite's table to
# $report, its totals to $totals.
report=""
totals=""
run_suite() {
  root=$1 suite=$2 extra=$3
  shift 3
  export root
  local start seconds
  start=$(date +%s)
  printf '%s\n' "$@" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ "${extra:--}" {}
  seconds=$(( $(date +%s) - start ))

  local passed failed skipped unsupported time note mark lines shown count status id name
  local total_passed=0 total_failed=0 total_skipped=0 total_unsupported=0 files=0 failing_files=0
  local table="" failures=""
  for script in "$@"; do
    name=${script#"$root"/}
    name=${name%.json}
    name=${name%.wast}
    id=$(script_id "$script")
    files=$((files + 1))
    status=$(cat "$work/$id.status" 2>/dev/null || echo "?")
    if [ -s "$work/$id.json" ]; then
      passed=$(field passed "$work/$id.json")
      failed=$(field failed "$work/$id.json")
      skipped=$(field skipped "$work/$id.json")
      unsupported=$(field unsupported "$work/$id.json")
      time=$(awk -v c="$(field compile_seconds "$work/$id.json")" \
                 -v r="$(field run_seconds "$work/$id.json")" 'BEGIN { printf "%.1f", c + r }')
      note=""
      grep -q '"error": "timeout"' "$work/$id.json" && note="timeout"
    else
      # No summary: the harness crashed. Count the script as one failure.
      passed=0 failed=1 skipped=0 unsupported=0 time="-"
      note="crashed (exit status $status)"
    fi
    if [ "$unsupported" -gt 0 ] && [ -z "$note" ]; then
      # The first feature the harness reports as unsupported.
      note=$(grep -o 'unsupported: [^(:]*' "$work/$id.out" | grep -v '^unsupported: \(the module\|it imports\)' |
             sed 's/^unsupported: //; s/ *$//' | sort | uniq -c | sort -rn | head -n 1 |
             sed 's/^ *[0-9]* //') || true
      note="unsupported: ${note:-?}"
    fi
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    total_skipped=$((total_skipped + skipped))
    total_unsupported=$((total_unsupported + unsupported))
    mark=""
    if [ "$failed" -gt 0 ]; then
      failing_files=$((failing_files + 1))
      mark="**"
      # The failures the harness printed (a line per command; unsupported ones are no failures).
      lines=$(grep -E '^[^ ]+\.wast:[0-9]+: ' "$work/$id.out" | grep -v ': unsupported: ' || true)
      shown=$(head -n 10 <<< "$lines")
      if [ -z "$shown" ]; then
        shown=$(tail -n 5 "$work/$id.out")
      fi
      count=$(grep -c . <<< "$lines" || true)
      failures+=$'\n'"### $suite: $name.wast ($failed failed)"$'\n\n```\n'"$shown"$'\n'
      if [ "${count:-0}" -gt 10 ]; then
        failures+="... $((count - 10)) more line(s)"$'\n'
      fi
      failures+=$'```\n'
    fi
    table+="| $mark$name$mark | $passed | $mark$failed$mark | $skipped | $unsupported | $time | $note |"$'\n'
  done

  report+=$'\n'"## Wasm $suite ($files files, $seconds s)"$'\n\n'
  report+="| file | passed | failed | skipped | unsupported | seconds | note |"$'\n'
  report+="| --- | ---: | ---: | ---: | ---: | ---: | --- |"$'\n'
  report+="$table"
  report+="| **total ($files files, $failing_files failing)** | **$total_passed** | **$total_failed** | **$total_skipped** | **$total_unsupported** | | |"$'\n'
  report+=$'\n```\n'"$total_passed passed, $total_failed failed"$'\n'
  report+="$total_skipped skipped (assert_malformed and assert_invalid in text form)"$'\n'
  report+="$total_unsupported unsupported"$'\n```\n'
  if [ -n "$failures" ]; then
    report+=$'\n'"### Failures (Wasm $suite)"$'\n'"$failures"
  fi
  totals+="Wasm $suite: $total_passed passed, $total_failed failed, $total_skipped skipped, $total_unsupported unsupported"$'\n'
}

for suite in "${suites[@]}"; do
  if [ "$suite" = 2.0 ]; then
    mapfile -t scripts < <(ls "$testsuite"/*.wast)
    run_suite "$testsuite" 2.0 "" "${scripts[@]}"
  else
    mapfile -t scripts < <(cd "$testsuite3" && find . -name '*.json' ! -name MANIFEST.json |
                           sed 's|^\./||' | LC_ALL=C sort | sed "s|^|$testsuite3/|")
    run_suite "$testsuite3" 3.0 --wasm3 "${scripts[@]}"
  fi
done

commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit + uncommitted changes"
fi

{
  echo "# Spec test suite results"
  echo
  echo "Generated by \`$command_line\`"
  echo "on $(date -u +%Y-%m-%d): wasmc $commit, modules at -O$opt, $jobs script(s) at a time."
  echo
  echo "Every command of a script counts once. Skipped: \`assert_malformed\` and \`assert_invalid\`"
  echo "of modules in text form, which have no binary to test. Unsupported (Wasm 3.0 suite only):"
  echo "commands whose module wasmc refuses with \`unsupported:\` (a feature it does not implement"
  echo "yet; the note names the one reported most) and the commands using such a module;"
  echo "they count neither as passed nor as failed. Bold rows have failures; the first lines of"
  echo "each are listed below their table."
  echo
  echo '```'
  printf '%s' "$totals"
  echo '```'
  printf '%s' "$report"
} > "$output"

printf '%s' "$totals"
echo "update-results.sh: wrote $output"
