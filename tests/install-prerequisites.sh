#!/usr/bin/env bash
# Installs the system packages Native AOT publishing needs on Debian/Ubuntu, for the test that publishes
# tests/AtlasAccessGen.AotApp with PublishAot=true (tests/AtlasAccessGen.EndToEndTests/NativeAotTests.cs):
#   clang       the linker driver the ILCompiler package calls to link the native binary;
#   zlib1g-dev  listed by Microsoft's Native AOT prerequisites for Linux (the .NET 10 ILCompiler carries its own
#               zlib, older ones link the system's).
# Does nothing when both are there, so it costs nothing on a machine that has them. Exits non-zero if it cannot
# install them. Run it as root or with sudo: bash tests/install-prerequisites.sh
set -euo pipefail

missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "install-prerequisites.sh: Native AOT needs ${missing[*]} (apt); install them as root." >&2
    exit 1
  fi
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-prerequisites.sh: Native AOT needs ${missing[*]}; this machine has no apt-get, install them with its package manager." >&2
  exit 1
fi

echo "install-prerequisites.sh: installing ${missing[*]} for Native AOT"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
