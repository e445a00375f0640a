#!/usr/bin/env bash
# The generator's cold start inside the real command-line compiler: a consumer of the packed package is built once
# to capture the compiler's command line, then csc runs again and again from that command line, each time a fresh
# process (as in CI, or any build without the compiler server), in three configurations, round-robin:
#   IL     the package's analyzers/dotnet/cs (what every host but the .NET 10 SDK on linux-x64 loads)
#   R2R    its r2r/net10.0/linux-x64 images (what this package's targets hand the .NET 10 SDK's compiler on linux-x64)
#   plain  no generator: the files it generated, given to the compiler as sources
# The table gives medians of csc's CPU time (user+sys) and wall time, and the generator's time that csc itself reports
# (-reportanalyzer, wall clock inside the compiler). CPU(IL or R2R) - CPU(plain) is what the generator costs the build.
# Usage: tests/AtlasAccessGen.Benchmarks/cold-start-csc.sh [runs, default 5] [fragment|whole, default fragment] [VAR=VALUE...]
# The VAR=VALUE words are set for every csc run (e.g. DOTNET_TieredPGO=0, to see a runtime knob on the whole compiler).
# CONFIGS="r2r" (or any of "il r2r plain") runs only those rows.
# BASELINE=<git revision> adds the IL and R2R rows of that revision's package (packed from a worktree of it, built
# by this working tree's script), run in the same rounds, so a before/after ratio never spans a drift of the machine.
set -euo pipefail

runs=${1:-5}
which=${2:-fragment}
shift $(($# < 2 ? $# : 2))
knobs=("$@")
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
spec="$repo/spec/cloud-provider-access.json"
[ "$which" = whole ] && spec="$repo/tests/specs/atlas-api-v2.json"

# prepare <label> <source tree>: packs the tree, restores a consumer of that package, and writes the compiler's command
# lines as $work/<config><label>.rsp (run from $work/consumer<label>).
prepare() {
  local label=$1 tree=$2 version="0.1.0-coldstart.$(date +%s)${1//-/.}"
  dotnet pack "$tree/runtime/AtlasAccessGen.Runtime" -c Release -o "$work/feed$label" -p:Version="$version" -nologo -v:q >/dev/null
  dotnet pack "$tree/generator/AtlasAccessGen.Package" -c Release -o "$work/feed$label" -p:Version="$version" -nologo -v:q >/dev/null

  local consumer="$work/consumer$label"
  mkdir -p "$consumer/spec"
  cp "$spec" "$consumer/spec/spec.json"
  cat >"$consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="atlas-local" value="$work/feed$label" /></packageSources></configuration>
XML
  cat >"$consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
    <RestorePackagesPath>$work/packages</RestorePackagesPath>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="AtlasAccessGen" Version="$version" />
    <AtlasApiSpec Include="spec/spec.json" Namespace="Consumer.Atlas" />
  </ItemGroup>
</Project>
XML
  echo 'namespace C; public static class P { public static object M() => typeof(Consumer.Atlas.AtlasClient); }' >"$consumer/P.cs"
  dotnet restore "$consumer" -nologo -v:q >/dev/null

  # The compiler's command line of a build (csc's path first), written as a response file without that path.
  command_line() {
    dotnet build "$consumer" --no-restore --no-incremental -nologo -v:n -p:UseSharedCompilation=false "$@" |
      grep -E '/Roslyn/bincore/csc ' | head -1 | sed -E 's/^ *//'
  }
  local r2r_line il_line
  r2r_line=$(command_line)
  il_line=$(command_line -p:AtlasAccessGenReadyToRun=false)
  csc=${il_line%% *}
  # The build writes the generated files out (EmitCompilerGeneratedFiles) only so the plain row can compile them; a
  # consumer's build does not, so the generator's rows do not either.
  echo "${r2r_line#* }" | sed -e 's#/noconfig ##' -e 's#/generatedfilesout:[^ ]* ##' >"$work/r2r$label.rsp"
  echo "${il_line#* }" | sed -e 's#/noconfig ##' -e 's#/generatedfilesout:[^ ]* ##' >"$work/il$label.rsp"
  grep -q "/r2r/net10.0/linux-x64/AtlasAccessGen.Generator.dll" "$work/r2r$label.rsp" || echo "note: this host's compiler gets the IL, not the images (R2R row = IL)" >&2
  local generated
  generated=$(find "$consumer/obj" -path '*generated/AtlasAccessGen.Generator*' -name '*.cs' | sort)
  { echo "${il_line#* }" | sed 's#/noconfig ##' | tr ' ' '\n' | grep -v '/analyzer:.*/atlasaccessgen/'; echo "$generated"; } >"$work/plain$label.rsp"
  echo "${label:-this tree}: $(echo "$generated" | wc -l) generated files, $(cat $generated | wc -l) lines" >&2
}

prepare "" "$repo"
read -r -a configs <<<"${CONFIGS:-il r2r plain}"
if [ -n "${BASELINE:-}" ]; then
  git -C "$repo" worktree add --detach -q "$work/baseline-tree" "$BASELINE"
  trap 'git -C "$repo" worktree remove --force "$work/baseline-tree"; rm -rf "$work"' EXIT
  prepare "-baseline" "$work/baseline-tree"
  for config in il r2r; do
    [[ " ${configs[*]} " == *" $config "* ]] && configs+=("$config-baseline")
  done
fi

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for round in $(seq "$runs"); do
  for config in "${configs[@]}"; do
    label=""
    [[ $config == *-baseline ]] && label="-baseline"
    (cd "$work/consumer$label" && env "${knobs[@]}" /usr/bin/time -o "$work/time" -f "%e %U %S" "$csc" "@$work/$config.rsp" -reportanalyzer >"$work/report" 2>&1) || { cat "$work/report" >&2; exit 1; }
    read -r -a times <"$work/time"
    generator=$(sed -n '/Time (s) *% *Generator/,$p' "$work/report" | awk '/AtlasAccessGen.Generator, / { printf "%d", $1 * 1000 }')
    echo "$(awk -v u="${times[1]}" -v s="${times[2]}" 'BEGIN { printf "%d", (u + s) * 1000 }') $(awk -v w="${times[0]}" 'BEGIN { printf "%d", w * 1000 }') ${generator:-0}" >>"$work/$config.times"
  done
  echo "round $round of $runs done" >&2
done

echo "csc, $which ($(basename "$spec")), $runs fresh processes per row, round-robin${knobs[*]:+, with ${knobs[*]}}${BASELINE:+; -baseline rows: $BASELINE}; $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| Analyzer | csc CPU ms | csc wall ms | Generator, as csc reports it (ms, wall) |"
echo "|---|---:|---:|---:|"
for config in "${configs[@]}"; do
  printf '| %s | %s | %s | %s |\n' "$config" "$(cut -d' ' -f1 "$work/$config.times" | median)" "$(cut -d' ' -f2 "$work/$config.times" | median)" "$(cut -d' ' -f3 "$work/$config.times" | median)"
done
