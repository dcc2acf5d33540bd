"""Printable weekly checklists: one sheet per week, as site pages and as PDFs.

The PDF comes from a standalone template (`templates/checklists.html.j2`)
rendered by WeasyPrint, cached by content hash under `.cache/checklists/` so an
unchanged plan costs nothing on the next build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import model
from .agenda import focus_items
from .cache import cached, path_for
from .pace import Pace
from .progress import Progress
from .text import environment

PAPERS = {"a4": "A4", "letter": "letter"}
_env = environment()


@dataclass(frozen=True)
class Sheet:
    """What one week's checklist shows."""

    plan_title: str
    days: int
    week: model.Week
    phase: model.Phase
    range: str
    dates: str | None
    tasks: tuple[tuple[model.Task, int], ...]  # with the day each is scheduled on
    milestones: tuple[tuple[model.Milestone, int], ...]
    weekend: tuple[str, ...]
    density: str
    note_lines: int


def _dates(start: dt.date | None, first_day: int, last_day: int) -> str | None:
    if start is None:
        return None
    first = start + dt.timedelta(days=first_day - 1)
    last = start + dt.timedelta(days=last_day - 1)
    return f"{first:%a %-d %b} - {last:%a %-d %b %Y}"


def sheet(pace: Pace, week: model.Week, start: dt.date | None = None,
          skip: frozenset[str] = frozenset()) -> Sheet:
    """The sheet of `week`, leaving out the ids in `skip` (done items when
    printing only what is left)."""
    plan = pace.plan
    span = pace.week(week)
    tasks = tuple((t, pace.day_of(t)) for t in week.tasks if t.id not in skip)
    milestones = tuple((m, pace.day_of(m)) for m in pace.milestones_in(span) if m.id not in skip)
    weekend = focus_items(plan, week)
    # A rough measure of the page's lines decides the density, so a long week
    # shrinks instead of spilling onto a second page: every text counts by its
    # length (about 70 characters a line at the normal size).
    def lines(text: str, per_line: int = 70) -> int:
        return 1 + len(text) // per_line

    phase = plan.phase_of(week)
    load = (2 * lines(week.title, 40) + lines(week.activities) + lines(phase.title + phase.activities_label)
            + sum(lines(t.text, 60) for t, _ in tasks) + sum(2 * lines(m.title + m.verification) for m, _ in milestones)
            + sum(lines(w) for w in weekend))
    density = "normal" if load <= 22 else "compact" if load <= 34 else "tight"
    note_lines = max(4, 28 - load) if density == "normal" else 3 if density == "compact" else 2
    return Sheet(plan_title=plan.title, days=pace.days, week=week, phase=phase,
                 range=f"{span.text()} of {pace.days}", dates=_dates(start, span.start, span.end), tasks=tasks,
                 milestones=milestones, weekend=tuple(weekend), density=density, note_lines=note_lines)


def select_weeks(plan: model.Plan, numbers: list[int] | None) -> list[model.Week]:
    if not numbers:
        return list(plan.weeks)
    by_number = {w.number: w for w in plan.weeks}
    return [by_number[n] for n in numbers]


def sheets(pace: Pace, weeks: list[model.Week], start: dt.date | None = None,
           progress: Progress | None = None, remaining: bool = False) -> list[Sheet]:
    skip = frozenset(progress.done) if (progress and remaining) else frozenset()
    result = [sheet(pace, w, start, skip) for w in weeks]
    if remaining:
        result = [s for s in result if s.tasks or s.milestones]
    return result


def pdf_html(pace: Pace, items: list[Sheet], paper: str, progress: Progress | None = None) -> str:
    done = set(progress.done) if progress else set()
    return _env.get_template("checklists.html.j2").render(
        title=f"{pace.plan.title}: weekly checklists ({pace.days} days)", paper=PAPERS[paper], sheets=items, done=done)


def render_pdf(html: str) -> bytes:
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=html).write_pdf()


def pdf_cache_key(html: str) -> str:
    """The cache key of a PDF: its HTML and WeasyPrint's version, read
    without importing it (a warm build never loads WeasyPrint)."""
    from importlib.metadata import version

    return f"weasyprint {version('weasyprint')}\n{html}"


def cached_pdf(html: str, cache_dir: Path) -> bytes:
    """render_pdf through the content-hash cache."""
    return cached(cache_dir, pdf_cache_key(html), lambda: render_pdf(html), ".pdf")


def is_cached(html: str, cache_dir: Path) -> bool:
    return path_for(cache_dir, pdf_cache_key(html), ".pdf").exists()
