#!/usr/bin/env bash
# `npm ci`, quietly. If npm ci refuses the lock file only because it lacks
# entries it cannot complete here (optional platform binaries that a filtered
# registry does not serve, e.g. @swc/core-darwin-arm64), fall back to
# `npm install`, which still installs exactly the locked versions.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

flags=(--no-audit --no-fund --loglevel=error)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

if npm ci "${flags[@]}" >"$log" 2>&1; then
  exit 0
fi
# Unfetchable optional packages show up with an empty version ("Missing: name@ from
# lock file"); a dependency really missing from the lock names its version and fails.
if grep -q 'can only install packages when your package.json and package-lock.json' "$log" &&
  ! grep -q '^npm error Invalid:' "$log" &&
  ! grep '^npm error Missing:' "$log" | grep -vq '@ from lock file$'; then
  missing="$(grep -c '^npm error Missing:' "$log" || true)"
  echo "npm ci: package-lock.json lacks $missing optional platform packages; installing the locked versions with npm install"
  npm install "${flags[@]}" >/dev/null
  exit 0
fi
grep -v 'Unknown user config' "$log" >&2
exit 1
