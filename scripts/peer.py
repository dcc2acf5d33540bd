"""A plain Material for MkDocs site with the same pages and text as ours (the
peer of the audit and the benchmark): no plugins of ours, plain Markdown."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

CONFIG = """site_name: Peer
theme:
  name: material
  font: false
plugins:
  - search
"""


class _Article(HTMLParser):
    """The text of a page's <article>, by block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.blocks: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "article":
            self.depth += 1
        if tag in ("script", "style", "svg"):
            self.skip += 1
        if self.depth and tag in ("p", "li", "h1", "h2", "h3", "h4", "tr"):
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag in ("script", "style", "svg"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip and self.blocks:
            self.blocks[-1] += data


def page_markdown(html: str) -> str:
    parser = _Article()
    parser.feed(html)
    blocks = [re.sub(r"\s+", " ", b).strip() for b in parser.blocks]
    return "\n\n".join(b.replace("#", "\\#") for b in blocks if b) + "\n"


def make_peer(site: Path, out: Path) -> int:
    """Write a plain Material project mirroring every page of `site`; return the page count."""
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (out / "mkdocs.yml").write_text(CONFIG)
    count = 0
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site)
        if str(rel) in ("404",) or rel.parts[:1] == ("search",):
            continue
        target = docs / ("index.md" if str(rel) == "." else f"{rel}.md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_markdown(page.read_text(encoding="utf-8")), encoding="utf-8")
        count += 1
    return count


def build_peer(project: Path, site_dir: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
                   check=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
