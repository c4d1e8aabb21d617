#!/usr/bin/env bash
# Install the locked npm packages. The lock is checked against package.json
# first (scripts/check-lockfile.cjs reads both files), so a lock that lacks
# entries fails here with the names of what is missing; then a plain `npm ci`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

node scripts/check-lockfile.cjs
npm ci --no-audit --no-fund --loglevel=error
