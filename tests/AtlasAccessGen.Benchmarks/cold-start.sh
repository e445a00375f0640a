#!/usr/bin/env bash
# The generator's cold start: a fresh process per run that loads Roslyn from the SDK (ReadyToRun, as the command-line
# compiler does) and the generator from the packed package's analyzer folder, runs it once over the fragment and over
# the whole API, and exits (tests/AtlasAccessGen.ColdStart). Each configuration runs RUNS times; the table gives
# medians of the process's CPU time (user+sys, from /usr/bin/time: what a loaded machine distorts least), its wall
# time, and the CPU time, wall time and JIT-compiled methods of the work itself (from the runtime, inside the process).
# Configurations: the package's IL, its ReadyToRun images (when the package carries them), and runtime knobs on the IL.
# The NSwag parse alone and one Json.NET pass over the text are the floors; generate-warm is a sixth run in one process.
# Usage: tests/AtlasAccessGen.Benchmarks/cold-start.sh [runs, default 5] [filter: a grep -E pattern over row names]
set -euo pipefail

runs=${1:-5}
filter=${2:-.}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build "$repo/tests/AtlasAccessGen.ColdStart" -c Release -nologo -v:q >/dev/null
dotnet pack "$repo/generator/AtlasAccessGen.Package" -c Release -o "$work/feed" -nologo -v:q >/dev/null
dotnet build "$repo/runtime/AtlasAccessGen.Runtime" -c Release -nologo -v:q >/dev/null
unzip -q "$work"/feed/AtlasAccessGen.*.nupkg -d "$work/package"

host="$repo/tests/AtlasAccessGen.ColdStart/bin/Release/net10.0/AtlasAccessGen.ColdStart.dll"
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
roslyn="$dotnet_root/sdk/$(cd "$repo" && dotnet --version)/Roslyn/bincore"
runtime_dll="$repo/runtime/AtlasAccessGen.Runtime/bin/Release/net8.0/AtlasAccessGen.Runtime.dll"
il="$work/package/analyzers/dotnet/cs"
r2r="$work/package/r2r/net10.0/linux-x64"
[ -d "$r2r" ] || r2r=""
fragment="$repo/spec/cloud-provider-access.json"
whole="$repo/tests/specs/atlas-api-v2.json"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# The rows: name|mode|analyzer folder|spec|environment (VAR=VALUE ...). Runs go round-robin over the rows, so a change in
# the machine's load while the script runs reaches every row alike.
rows=()
for spec in fragment whole; do
  file=$fragment
  [ "$spec" = whole ] && file=$whole
  rows+=("$spec, empty process|noop|$il|$file|")
  rows+=("$spec, IL, one Json.NET pass|json-pass|$il|$file|")
  rows+=("$spec, IL, NSwag parse|nswag-parse|$il|$file|")
  rows+=("$spec, IL, NSwag parse, reflection accessors|nswag-parse-reflection|$il|$file|")
  rows+=("$spec, IL, generator|generate|$il|$file|")
  rows+=("$spec, IL, generator warm (6th run in the process)|generate-warm|$il|$file|")
  rows+=("$spec, IL, generator, TieredPGO=0|generate|$il|$file|DOTNET_TieredPGO=0")
  rows+=("$spec, IL, generator, TC_QuickJitForLoops=0|generate|$il|$file|DOTNET_TC_QuickJitForLoops=0")
  rows+=("$spec, IL, generator, TieredCompilation=0|generate|$il|$file|DOTNET_TieredCompilation=0")
  rows+=("$spec, IL, generator, ReadyToRun=0 (framework and Roslyn JIT-compiled too)|generate|$il|$file|DOTNET_ReadyToRun=0")
  if [ -n "$r2r" ]; then
    rows+=("$spec, R2R, NSwag parse|nswag-parse|$r2r|$file|")
    rows+=("$spec, R2R, NSwag parse, reflection accessors|nswag-parse-reflection|$r2r|$file|")
    rows+=("$spec, R2R, generator|generate|$r2r|$file|")
    rows+=("$spec, R2R, generator, TieredPGO=0|generate|$r2r|$file|DOTNET_TieredPGO=0")
    rows+=("$spec, R2R, generator warm (6th run in the process)|generate-warm|$r2r|$file|")
  fi
done

selected=()
for row in "${rows[@]}"; do
  if echo "${row%%|*}" | grep -qE "$filter"; then
    selected+=("$row")
  fi
done

for round in $(seq "$runs"); do
  for index in "${!selected[@]}"; do
    IFS='|' read -r name mode analyzers spec environment <<<"${selected[$index]}"
    # shellcheck disable=SC2086 # the environment is a list of VAR=VALUE words
    line=$(env $environment /usr/bin/time -o "$work/time" -f "%e %U %S" dotnet "$host" "$mode" "$roslyn" "$analyzers" "$spec" "$runtime_dll" 2>/dev/null)
    read -r -a times <"$work/time"
    echo "$(awk -v u="${times[1]}" -v s="${times[2]}" 'BEGIN { printf "%d", (u + s) * 1000 }') $(awk -v w="${times[0]}" 'BEGIN { printf "%d", w * 1000 }') $(echo "$line" | sed -E 's/.*work_cpu_ms=([0-9]+).*/\1/') $(echo "$line" | sed -E 's/.*work_jit_methods=([0-9]+).*/\1/') $(echo "$line" | sed -E 's/.*work_wall_ms=([0-9]+).*/\1/') $(echo "$line" | sed -E 's/.*work_gc_pause_ms=([0-9]+).*/\1/') $(echo "$line" | sed -E 's/.*work_alloc_mb=([0-9]+).*/\1/')" >>"$work/row.$index"
  done
  echo "round $round of $runs done" >&2
done

echo "Runs: $runs per row, round-robin; $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg); SDK $(cd "$repo" && dotnet --version), Roslyn from $roslyn"
echo
echo "| Spec, configuration, what runs | Process CPU ms | Process wall ms | Work CPU ms | Work wall ms | JIT-compiled methods | GC pauses in the work, ms | MB allocated in the work |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for index in "${!selected[@]}"; do
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "${selected[$index]%%|*}" \
    "$(cut -d' ' -f1 "$work/row.$index" | median)" "$(cut -d' ' -f2 "$work/row.$index" | median)" \
    "$(cut -d' ' -f3 "$work/row.$index" | median)" "$(cut -d' ' -f5 "$work/row.$index" | median)" "$(cut -d' ' -f4 "$work/row.$index" | median)" \
    "$(cut -d' ' -f6 "$work/row.$index" | median)" "$(cut -d' ' -f7 "$work/row.$index" | median)"
done
