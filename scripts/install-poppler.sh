#!/usr/bin/env bash
# The document tests read PDFs back with Debian's poppler-utils (pdftotext,
# pdftoppm, pdffonts). Installs the package when one of them is missing.
set -euo pipefail
if command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null && command -v pdffonts >/dev/null; then exit 0; fi
if ! command -v apt-get >/dev/null; then
  echo "poppler-utils (pdftoppm, pdftotext, pdffonts) is missing and this machine has no apt-get: install it" >&2
  exit 1
fi
sudo=()
if [[ "$(id -u)" != 0 ]]; then sudo=(sudo); fi
echo "Installing Debian's poppler-utils for the document tests (apt-get)…"
"${sudo[@]}" apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null
pdftoppm -v 2>&1 | head -1
