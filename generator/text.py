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
