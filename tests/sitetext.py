"""Read the text and task boxes of built pages, the way a reader sees them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.boxes: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "input" and "data-task-id" in dict(attrs):
            self.boxes.append(dict(attrs))
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def read_page(path: Path) -> tuple[str, list[dict[str, str | None]]]:
    """(visible text with whitespace collapsed, checkbox attributes)."""
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", "".join(parser.parts)), parser.boxes


def page_text(path: Path) -> str:
    return read_page(path)[0]


def site_text(site: Path) -> str:
    return " ".join(page_text(p) for p in sorted(site.rglob("*.html")))
