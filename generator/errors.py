"""Errors a user can cause: each names the file, the line and the field."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

QUOTE = 80  # characters: the most of a value or key an error message quotes
SHOWN = 20  # problems printed for one refused input; the rest are counted ("and N more")
# Characters that would break a message's one line or change how it reads: C0 and C1
# controls, line and paragraph separators, bidirectional and zero-width marks, BOM, and
# lone surrogates (JSON allows "\ud800"; no terminal can print one).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
_SPECIAL = re.compile(_CONTROL.pattern[:-1] + '"\\\\]')  # what `quote` escapes
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escape(match: re.Match[str]) -> str:
    return _escape_char(match.group())


def one_line(text: str) -> str:
    """`text` with every control character escaped (`\\n`, `\\u202e`): it stays on one line."""
    return _CONTROL.sub(_escape, text)


def _piece(c: str) -> str:
    """One character of a quoted text: as JSON escapes it, and every control character too."""
    if c in '"\\':
        return "\\" + c
    return _escape_char(c) if _CONTROL.match(c) else c


def _escape_char(c: str) -> str:
    return _SHORT.get(c) or f"\\u{ord(c):04x}"


def quote(value: Any, limit: int = QUOTE) -> str:
    """A value or key as a message quotes it: JSON-like (`"a\\nb"`, `[1, 2]`), control
    characters escaped, at most about `limit` characters; a longer one is cut and
    says its length: `"xxxxxxxx…" (20,000,000 characters)`."""
    if isinstance(value, str):
        head = value[:limit]  # never the whole of a 20 MB text
        pieces = [_piece(c) for c in head] if _SPECIAL.search(head) else list(head)
        if len(value) <= limit and sum(map(len, pieces)) <= limit:
            return '"' + "".join(pieces) + '"'
        kept, size = [], 0
        for piece in pieces:
            if size + len(piece) > limit - 25:
                break
            kept.append(piece)
            size += len(piece)
        return f'"{"".join(kept)}…" ({len(value):,} characters)'
    text = one_line(json.dumps(value, ensure_ascii=False, default=repr))
    if len(text) <= limit:
        return text
    what = (f"a list of {len(value):,} items" if isinstance(value, list)
            else f"an object of {len(value):,} keys" if isinstance(value, dict) else f"{len(text):,} characters")
    return f"{text[:limit - 30]}… ({what})"


@dataclass(frozen=True)
class Problem:
    """One problem in one input file."""

    source: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return one_line(text)  # one problem, one line, whatever a value held


def report(problems: list[Problem], shown: int = SHOWN) -> str:
    """The problems as lines: the first `shown`, then one line counting the rest."""
    lines = [str(p) for p in problems[:shown]]
    if len(problems) > shown:
        rest = len(problems) - shown
        lines.append(f"{one_line(problems[shown].source)}: and {rest:,} more problem{'s' if rest != 1 else ''} "
                     f"(the first {shown} are above)")
    return "\n".join(lines)


class InputError(Exception):
    """Bad input (plan, options, progress file): reported, exit code 2."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(report(problems))
        self.problems = problems

    @classmethod
    def single(cls, source: str, message: str, *, field: str = "", line: int | None = None) -> InputError:
        return cls([Problem(source, line, field, message)])
