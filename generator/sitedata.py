"""What one site build knows: the plan as written, the settings, and the plan at
every pace the site offers. Made once per build by the plugin and passed to
every output; what several outputs share (a pace's timeline, its sheets) is
computed once, on first use.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from . import model
from .pace import Pace, pace
from .settings import Settings


@dataclass(frozen=True, eq=False)
class SiteData:
    """The three values outputs see: plan, settings and paces."""

    plan: model.Plan
    settings: Settings
    directory_urls: bool = True

    @functools.cached_property
    def paces(self) -> dict[int, Pace]:
        """Every pace the site offers, in the settings' order."""
        return {n: pace(self.plan, n) for n in self.settings.paces}

    @property
    def default(self) -> Pace:
        return self.paces[self.settings.default_pace]

    @functools.cached_property
    def agendas(self) -> dict:
        """The start-free agenda of every pace: day 1 on a Monday, both weekend days."""
        from .reader import agenda_of

        return {n: agenda_of(p) for n, p in self.paces.items()}

    @functools.cached_property
    def entries_by_day(self) -> dict[int, dict[int, list]]:
        """The entries of each pace's agenda by plan day (made once: every week page reads them)."""
        result: dict[int, dict[int, list]] = {}
        for n, agenda in self.agendas.items():
            days: dict[int, list] = result.setdefault(n, {})
            for e in agenda.entries():
                days.setdefault(e.day, []).append(e)
        return result

    @functools.cached_property
    def sheets(self) -> dict[int, list]:
        """The checklist sheet of every week at every pace (no dates: the
        published pages are the same for everyone)."""
        from .checklists import sheets

        return {n: sheets(p, list(self.plan.weeks)) for n, p in self.paces.items()}

    def href(self, source: str, target: str) -> str:
        """Relative URL from page `source` to page `target` (docs paths like
        "weeks/x.md"), for links inside raw HTML and SVG that mkdocs does not rewrite."""
        return get_relative_url(_page_url(target, self.directory_urls), _page_url(source, self.directory_urls))


def _page_url(path: str, directory_urls: bool) -> str:
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"
