"""Turn plan text into safe Markdown/HTML, and a Jinja environment that does so by default."""

from __future__ import annotations

import functools
import html
from pathlib import Path

import jinja2
from markupsafe import Markup

# Characters Markdown (or the macros plugin) would read as syntax. Plan text is
# content, never markup, so each becomes a numeric character reference.
_ESCAPES = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~<>&\"'"})


def md(value: object) -> Markup:
    """Plan text as inert Markdown/HTML: shows as typed, never as markup."""
    if isinstance(value, Markup):
        return value
    return Markup(str(value).translate(_ESCAPES))


class TextTable:
    """Texts stored once, referred to by index: the compact JSON the browser
    reads (calendar timeline, agenda) repeats long lines many times."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        """The index of `text`, added on first use."""
        if text not in self._index:
            self._index[text] = len(self.lines)
            self.lines.append(text)
        return self._index[text]


def attr(value: object) -> Markup:
    """A value for an HTML attribute (ids are slugs; this is belt and braces)."""
    return Markup(html.escape(str(value), quote=True))


@functools.cache
def environment() -> jinja2.Environment:
    """Jinja environment for our templates: every `{{ value }}` is escaped
    with `md` unless it is already Markup."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        finalize=md,
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md
    env.filters["attr"] = attr
    env.globals["zip"] = zip
    return env
