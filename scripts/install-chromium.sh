#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a browser download, which
# this project's machines cannot reach). Installs the package when it is missing.
set -euo pipefail
browser="${LAUREL_CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$browser" ]]; then exit 0; fi
if [[ "$browser" != /usr/bin/chromium ]]; then
  echo "LAUREL_CHROMIUM_PATH=$browser is not an executable file" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "Chromium is missing and this machine has no apt-get: install Chromium and set LAUREL_CHROMIUM_PATH" >&2
  exit 1
fi
sudo=()
if [[ "$(id -u)" != 0 ]]; then sudo=(sudo); fi
echo "Installing Debian's chromium for the browser tests (apt-get)…"
"${sudo[@]}" apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
"$browser" --version
