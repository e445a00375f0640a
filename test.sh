#!/usr/bin/env bash
# Builds the solution with warnings as errors, runs every test project, and ends with one line:
#   N passed, N failed
# Exit status is non-zero if the build fails, any test fails, a test run fails, or no test ran.
# Needs the .NET SDK (and python3 if present, for reading the results; grep/sed otherwise); installs the
# system packages the tests need with tests/install-prerequisites.sh (apt, as root or through sudo).
set -euo pipefail

cd "$(dirname "$0")"
repo=$(pwd)
solution=AtlasAccessGen.sln
results="$repo/artifacts/test-results"

# The test projects of the solution: those that declare IsTestProject or reference the test SDK.
test_projects() {
  dotnet sln "$solution" list | tr '\\' '/' | grep -E '\.csproj$' | while read -r project; do
    if grep -qE '<IsTestProject>[[:space:]]*true|Include="Microsoft\.NET\.Test\.Sdk"' "$project"; then
      echo "$project"
    fi
  done
}

# Sums the <Counters .../> of every .trx file under $results and prints "total executed passed failed".
# An errored, timed-out or aborted test counts as failed.
sum_counters() {
  local results=$1
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$results" <<'PY'
import pathlib, sys, xml.etree.ElementTree as ET
totals = dict.fromkeys(("total", "executed", "passed", "failed", "error", "timeout", "aborted"), 0)
for trx in pathlib.Path(sys.argv[1]).rglob("*.trx"):
    counters = ET.parse(trx).getroot().find(".//{*}Counters")
    if counters is not None:
        for key in totals:
            totals[key] += int(counters.get(key, "0"))
failed = totals["failed"] + totals["error"] + totals["timeout"] + totals["aborted"]
print(totals["total"], totals["executed"], totals["passed"], failed)
PY
  else
    local total=0 executed=0 passed=0 failed=0 tag key
    num() { local v; v=$(echo "$tag" | sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p"); echo "${v:-0}"; }
    while IFS= read -r -d '' trx; do
      tag=$(tr '\n' ' ' <"$trx" | grep -o '<Counters [^>]*>' | head -n 1 || true)
      [ -n "$tag" ] || continue
      total=$((total + $(num total)))
      executed=$((executed + $(num executed)))
      passed=$((passed + $(num passed)))
      for key in failed error timeout aborted; do
        failed=$((failed + $(num "$key")))
      done
    done < <(find "$results" -name '*.trx' -print0)
    echo "$total $executed $passed $failed"
  fi
}

# Prints the closing line "N passed, N failed" for the results under $1 of the test projects named after it (one
# folder each, as the loop below writes them) and returns non-zero if any test failed, none ran, or a project left no
# .trx at all: its test host crashed or never started, so it counts as one failed test of its own.
# `./test.sh --summarize DIR NAME...` runs only this step (tests/AtlasAccessGen.EndToEndTests use it).
summarize() {
  local results=$1 status=0 missing=0 name trx counts total executed passed failed
  shift
  for name in "$@"; do
    trx=$(find "$results/$name" -name '*.trx' -print -quit 2>/dev/null || true)
    if [ -z "$trx" ]; then
      echo "test.sh: $name produced no test results (its test host crashed or did not start); counted as failed." >&2
      missing=$((missing + 1))
    fi
  done

  counts=$(sum_counters "$results")
  read -r total executed passed failed <<<"$counts"
  if [ "$executed" -eq 0 ]; then
    echo "test.sh: no test ran." >&2
    status=1
  fi

  failed=$((failed + missing))
  echo "$passed passed, $failed failed"
  if [ "$failed" -ne 0 ]; then
    status=1
  fi

  return "$status"
}

if [ "${1:-}" = "--summarize" ]; then
  shift
  summarize "$@"
  exit $?
fi

# Apache httpd for the Digest tests, clang for the Native AOT proof: see the script.
bash tests/install-prerequisites.sh

rm -rf "$results"
mkdir -p "$results"

# The fuzz corpus (tests/AtlasAccessGen.Generator.Tests/Fuzz) writes one summary line per shard here.
export ATLAS_FUZZ_SUMMARY="$repo/artifacts/fuzz"
rm -rf "$ATLAS_FUZZ_SUMMARY"

dotnet build "$solution" -c Release -warnaserror

# One dotnet test per project, each into its own results folder: with a fixed LogFileName, a
# solution-wide run lets every project write the same results.trx, and only the last one survives.
test_failed=0
mapfile -t projects < <(test_projects)
if [ "${#projects[@]}" -eq 0 ]; then
  echo "test.sh: the solution has no test projects." >&2
  test_failed=1
fi
run_tests() {
  dotnet test "$1" -c Release --no-build \
    --logger "trx;LogFileName=results.trx" \
    --results-directory "$results/$2" </dev/null
}

# The generator tests run in-process only (no child builds, no ports): they run beside the others, which
# start processes, servers and builds and leave the CPU idle while they wait on them. Its output comes after.
in_process=AtlasAccessGen.Generator.Tests
background=""
names=()
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  names+=("$name")
  if [ "$name" = "$in_process" ]; then
    run_tests "$project" "$name" >"$results/$name.log" 2>&1 &
    background=$!
    continue
  fi
  run_tests "$project" "$name" || test_failed=1
done
if [ -n "$background" ]; then
  wait "$background" || test_failed=1
  cat "$results/$in_process.log"
fi

# How long the whole run took (bash's SECONDS counts from the start of the script), for the CI log.
echo "test.sh: build and tests took $((SECONDS / 60)) min $((SECONDS % 60)) s"

# The fuzz stage's counts (cases, crashes, hangs, uncompilable outputs, warnings), before the closing line.
cat "$ATLAS_FUZZ_SUMMARY"/*.txt 2>/dev/null || echo "test.sh: the fuzz corpus wrote no summary." >&2

summarize "$results" "${names[@]}" || test_failed=1
if [ "$test_failed" -ne 0 ]; then
  exit 1
fi
