#!/usr/bin/env bash
# Install the locked npm packages. The lock is checked against package.json
# first (scripts/check-lockfile.cjs reads both files), so a lock that lacks
# entries fails here with the names of what is missing; then a plain `npm ci`.
# make calls this when the lock's mtime is newer than the install stamp; a
# checkout (a new worktree, a branch switch) renews that mtime without changing
# a byte, so the lock's sha256 recorded at the last install decides instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

node scripts/check-lockfile.cjs
recorded=node_modules/.laurel-lock.sha256
current="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ -f "$recorded" && "$(cat "$recorded")" == "$current" ]]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
echo "$current" >"$recorded"
