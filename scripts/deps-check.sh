#!/usr/bin/env bash
# Layer rules over the product code. A layer folder that has no files yet (git
# does not keep empty folders) is skipped instead of failing the cruise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
layers=()
for dir in domain workflows infra apps; do
  [[ -d "$dir" ]] && layers+=("$dir")
done
exec node_modules/.bin/depcruise --config .dependency-cruiser.js "$@" "${layers[@]}"
