"""Our own scripts and styles as the site ships them: docs/assets/ keeps the
readable source, the build writes it minified (issue 16: under 20 KB gzipped).

Scripts go through calmjs.parse: parsed, printed without comments or spaces,
and with short names for everything local to a function (the scripts are one
closure each, so nothing outside them sees a name change). Its parser reads
ES5 syntax (var, function; no arrows, let/const, for-of or template strings),
which the sources keep to. Styles lose comments and spaces (`minify_css`).
The result is cached by content, so an unchanged file costs nothing.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

from .cache import cached

# Paths under docs/ (and the site) of the files we minify.
MINIFIED = ("assets/studyplan.js", "assets/calendar.js", "assets/device.js", "assets/rules.js", "assets/studyplan.css")


class MinifyError(ValueError):
    """A script the minifier cannot read: names the file and line."""


def minify(name: str, text: str) -> str:
    """`text` of the file `name` (.js or .css) as the site ships it."""
    if name.endswith(".css"):
        return minify_css(text)
    from calmjs.parse import es5
    from calmjs.parse.exceptions import ECMASyntaxError
    from calmjs.parse.unparsers.es5 import minify_print

    try:
        program = es5(text)
    except ECMASyntaxError as exc:
        raise MinifyError(f"{name}: cannot minify: {exc} (our scripts keep to ES5 syntax: var and function, "
                          "no arrows, let/const, for-of or template strings)") from None
    return minify_print(program, obfuscate=True, obfuscate_globals=False, drop_semi=True) + "\n"


# CSS as comments (dropped), strings (kept as written) and the rest.
_CSS_TOKEN = re.compile(r"""(/\*[\s\S]*?\*/)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|([^"'/]+|/)""")


def minify_css(text: str) -> str:
    """Comments dropped; outside strings, runs of white space made one space,
    and none left around `{ } ; , >` or after `:` (one before `:` stays: `.a :hover`)."""
    parts: list[str] = []
    rest: list[str] = []

    def flush() -> None:
        chunk = re.sub(r" ?([{};,>]) ?", r"\1", re.sub(r"\s+", " ", "".join(rest)))
        parts.append(chunk.replace(": ", ":").replace(";}", "}"))
        rest.clear()

    for comment, string, other in _CSS_TOKEN.findall(text):
        if string:
            flush()
            parts.append(string)
        else:
            rest.append(" " if comment else other)
    flush()
    return "".join(parts).strip() + "\n"


def minified(texts: dict[str, str], cache_dir: Path) -> dict[str, str]:
    """`minify` of each file (path -> text), cached under `cache_dir` by the
    text and the minifier's version."""
    tool = version("calmjs.parse")
    return {name: cached(cache_dir, json.dumps([name, "obfuscate-locals drop-semi", tool, text]),
                         lambda name=name, text=text: minify(name, text).encode(), Path(name).suffix).decode()
            for name, text in texts.items()}
