#!/usr/bin/env bash
# The system libraries the PDF checklists need (WeasyPrint loads Pango, which
# needs fontconfig and a font). A minimal Debian or Ubuntu (a container, a
# debootstrap root) has none of them: install them with apt-get when root,
# otherwise say in one line what to install. Elsewhere (macOS: brew install
# pango) nothing is checked.
set -euo pipefail
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
[ -x "$ldconfig" ] || exit 0
libs=$("$ldconfig" -p)
missing=()
grep -q 'libpango-1\.0\.so\.0' <<<"$libs" || missing+=(libpango-1.0-0)
grep -q 'libpangoft2-1\.0\.so\.0' <<<"$libs" || missing+=(libpangoft2-1.0-0)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then
  missing+=(fontconfig fonts-dejavu-core)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} with apt-get (the PDF checklists need them)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "make: the PDF checklists need ${missing[*]}; install them, e.g.: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
