"""Turn plan text into safe Markdown/HTML, and a Jinja environment that does so by default."""

from __future__ import annotations

import functools
import html
from pathlib import Path

import jinja2
from markupsafe import Markup

# Characters Markdown (or the macros plugin) would read as syntax. Plan text is
# content, never markup, so each becomes a numeric character reference.
DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday", "sat": "Saturday",
             "sun": "Sunday"}
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


def url_ascii(url: str) -> str | None:
    """An https address with its host as ASCII (an internationalised name in
    punycode, as browsers send it), or None when the host is not a valid name.
    Every writer links this form, so the site, the calendars and the browser's
    words say the same."""
    rest = url[len("https://"):]
    cut = min((i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    host, tail = rest[:cut], rest[cut:]
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
        if any(not label or len(label) > 63 for label in ascii_host.split(".")) or len(ascii_host) > 253:
            return None
        for label in ascii_host.split("."):
            if label.lower().startswith("xn--"):
                label.encode("ascii").decode("idna")  # a punycode label must decode
    except UnicodeError:
        return None
    return f"https://{ascii_host}{tail}"


def url_host(url: str) -> str:
    """The host of an https address as a reader reads it (punycode shown in Unicode)."""
    ascii_url = url_ascii(url) or url
    host = ascii_url[len("https://"):].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:
        return host


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
    env.filters["url"] = lambda u: url_ascii(u) or u
    env.filters["host"] = url_host
    env.filters["day"] = lambda d: DAY_NAMES[d]
    env.globals["zip"] = zip
    return env
