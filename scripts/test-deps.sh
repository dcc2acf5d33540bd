#!/usr/bin/env bash
# Install what the test suite needs beyond Python packages: Debian's chromium,
# poppler-utils, zbar-tools (zbarimg reads the QR codes the Progress page draws) and the Noto fonts the PDFs use for CJK, Arabic, Hebrew and
# emoji, and Node with npm (apt-get, when root), then the pinned npm tools (npm ci).
set -euo pipefail
bash "$(dirname "$0")/site-libs.sh"  # Pango and fontconfig, as `make site`
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)  # npm ci: the pinned test tools
if command -v fc-list >/dev/null 2>&1; then
  fc-list -q "Noto Sans" || missing+=(fonts-noto-core)
  fc-list -q "Noto Sans CJK SC" || missing+=(fonts-noto-cjk)
  fc-list -q "Noto Color Emoji" || missing+=(fonts-noto-color-emoji)
else  # no fontconfig yet (a minimal system): none of them is there
  missing+=(fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The tests need: ${missing[*]}. Install them, e.g.: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --silent
fi
