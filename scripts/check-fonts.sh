#!/usr/bin/env bash
# A hint (never a failure) when the fonts the PDF checklists use are missing:
# without them CJK, Arabic, Hebrew or emoji text prints as empty boxes.
command -v fc-list >/dev/null 2>&1 || exit 0
missing=()
fc-list -q "Noto Sans" || missing+=(fonts-noto-core)
fc-list -q "Noto Sans CJK SC" || missing+=(fonts-noto-cjk)
fc-list -q "Noto Color Emoji" || missing+=(fonts-noto-color-emoji)
if [ ${#missing[@]} -gt 0 ]; then
  echo "hint: the PDF checklists need fonts for non-Latin text and emoji: sudo apt-get install ${missing[*]}" >&2
fi
exit 0
