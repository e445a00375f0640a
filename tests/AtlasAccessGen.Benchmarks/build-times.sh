#!/usr/bin/env bash
# Wall time of a consumer's clean build and no-op rebuild, with the generator (AtlasAccessGen and the
# vendored spec) and without it (AtlasAccessGen.Runtime only), measured in one run; prints a Markdown table.
# Usage: tests/AtlasAccessGen.Benchmarks/build-times.sh [runs, default 5]
set -euo pipefail

runs=${1:-5}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.1.0-buildtime.$(date +%s)"

dotnet pack "$repo/runtime/AtlasAccessGen.Runtime" -c Release -o "$work/feed" -p:Version="$version" >/dev/null
dotnet pack "$repo/generator/AtlasAccessGen.Package" -c Release -o "$work/feed" -p:Version="$version" >/dev/null

# consumer NAME PACKAGE ITEMS PROGRAM
consumer() {
  local dir="$work/$1"
  mkdir -p "$dir/spec"
  cp "$repo/spec/cloud-provider-access.json" "$dir/spec/"
  cat >"$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="atlas-local" value="$work/feed" /></packageSources></configuration>
XML
  cat >"$dir/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="$2" Version="$version" />
    $3
  </ItemGroup>
</Project>
XML
  echo "$4" >"$dir/Program.cs"
  dotnet restore "$dir" >/dev/null
}

consumer with AtlasAccessGen '<AtlasApiSpec Include="spec/cloud-provider-access.json" Namespace="Consumer.Atlas" />' \
  'using var atlas = new Consumer.Atlas.AtlasClient(new AtlasAccessGen.Runtime.AtlasClientOptions()); Console.WriteLine(atlas.CloudProviderAccess is not null);'
consumer without AtlasAccessGen.Runtime '' \
  'using var transport = new AtlasAccessGen.Runtime.AtlasTransport(new AtlasAccessGen.Runtime.AtlasClientOptions()); Console.WriteLine(transport is not null);'

# Milliseconds of one command.
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

declare -A result
for kind in with without; do
  clean=() noop=()
  for _ in $(seq "$runs"); do
    clean+=("$(time_ms dotnet build "$work/$kind" --no-restore --no-incremental -nologo)")
    noop+=("$(time_ms dotnet build "$work/$kind" --no-restore -nologo)")
  done
  result[$kind.clean]=$(printf '%s\n' "${clean[@]}" | median)
  result[$kind.noop]=$(printf '%s\n' "${noop[@]}" | median)
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "| Build ($runs runs, median) | Without the generator | With the generator | Ratio |"
echo "|---|---:|---:|---:|"
echo "| Clean (--no-incremental) | ${result[without.clean]} ms | ${result[with.clean]} ms | $(ratio "${result[with.clean]}" "${result[without.clean]}") |"
echo "| No-op rebuild | ${result[without.noop]} ms | ${result[with.noop]} ms | $(ratio "${result[with.noop]}" "${result[without.noop]}") |"
