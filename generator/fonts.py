"""Which characters of a PDF no installed font has (they would print as boxes).

WeasyPrint falls back through fontconfig for every character, and prints an
empty box when no font has it. We ask fontconfig once (`fc-list`) for the
characters each font covers, and warn, naming the fonts to install, when the
plan's text uses characters outside them.
"""

from __future__ import annotations

import functools
import hashlib
import html as html_lib
import logging
import re
import shutil
import subprocess
import unicodedata
from bisect import bisect_left, bisect_right

# Not under "mkdocs": the warning must not fail a strict build (a plan in a script
# this machine has no font for still builds; its PDFs print boxes until one is installed).
log = logging.getLogger("studyplan.fonts")
PACKAGES = "fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji"
_SKIP = {"Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me", "Zs", "Zl", "Zp"}  # no glyph of their own, or joined to one


@functools.cache
def _charsets() -> tuple[str, ...] | None:
    """Every installed font's characters as fontconfig writes them ("20-7e a0-17f ..."),
    one string per font; None when fontconfig cannot be asked."""
    if not shutil.which("fc-list"):
        return None
    try:
        out = subprocess.run(["fc-list", "--format", "%{charset}\\n"], capture_output=True, text=True, check=True,
                             timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return tuple(out.splitlines())


@functools.cache
def fingerprint() -> str:
    """Which fonts are installed (each file and its version, as fontconfig lists
    them), hashed: part of a PDF's cache key, so installing a font renders anew."""
    if not shutil.which("fc-list"):
        return ""
    try:
        out = subprocess.run(["fc-list", "--format", "%{file} %{fontversion}\\n"], capture_output=True, text=True,
                             check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    return hashlib.sha256("\n".join(sorted(out.splitlines())).encode()).hexdigest()[:16]


def missing_glyphs(text: str) -> list[str]:
    """The distinct characters of `text` that no installed font has. Fonts are
    read one at a time until every character is found (most plans need a few)."""
    wanted = sorted(ord(c) for c in set(text) if ord(c) >= 0x80 and unicodedata.category(c) not in _SKIP)
    charsets = _charsets() if wanted else None
    for charset in charsets or ():
        for part in charset.split():
            first, _, last = part.partition("-")
            try:
                low, high = int(first, 16), int(last or first, 16)
            except ValueError:
                continue
            del wanted[bisect_left(wanted, low):bisect_right(wanted, high)]
        if not wanted:
            break
    return [chr(code) for code in wanted] if charsets is not None else []


def warn_missing_glyphs(html: str) -> list[str]:
    """Log a warning when some text of `html` has no font; return those characters."""
    text = html_lib.unescape(re.sub(r"<[^>]*>", " ", html))
    missing = missing_glyphs(text)
    if missing:
        sample = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing[:5])
        log.warning("no installed font has %d character%s of the PDF checklists (%s%s); they print as empty boxes. "
                    "Install fonts that have them, e.g. on Debian: sudo apt-get install %s",
                    len(missing), "s" if len(missing) != 1 else "", sample, ", ..." if len(missing) > 5 else "", PACKAGES)
    return missing
