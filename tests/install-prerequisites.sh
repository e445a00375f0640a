#!/usr/bin/env bash
# Installs the system packages the tests need, on Debian or Ubuntu (apt); test.sh calls it first.
#   apache2     Apache httpd: the reference HTTP Digest server the runtime's Digest handler is tested against
#               (tests/AtlasAccessGen.Runtime.Tests starts and stops its own instance).
#   clang       the linker driver the ILCompiler package calls to link the Native AOT binary that
#               tests/AtlasAccessGen.EndToEndTests/NativeAotTests.cs publishes from tests/AtlasAccessGen.AotApp.
#   zlib1g-dev  listed by Microsoft's Native AOT prerequisites for Linux (the .NET 10 ILCompiler carries its own
#               zlib, older ones link the system's).
# Does nothing when all are there. Exits non-zero if it cannot install them. Run it as root or with sudo.
set -euo pipefail

missing=()
{ command -v apache2 || command -v httpd || [ -x /usr/sbin/apache2 ]; } >/dev/null 2>&1 || missing+=(apache2)
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
    echo "install-prerequisites.sh: the tests need ${missing[*]} (apt); install them as root." >&2
    exit 1
  fi
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-prerequisites.sh: the tests need ${missing[*]}; this machine has no apt-get, install them with its package manager." >&2
  exit 1
fi

echo "install-prerequisites.sh: installing ${missing[*]} for the tests"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [[ " ${missing[*]} " == *" apache2 "* ]]; then
  # The package starts the system service on port 80; the tests run their own instance instead.
  $sudo service apache2 stop >/dev/null 2>&1 || true
fi
