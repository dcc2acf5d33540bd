"""Printable weekly checklists: one sheet per week, as site pages and as PDFs.

The PDF comes from a standalone template (`templates/checklists.html.j2`)
rendered by WeasyPrint, cached by content hash under `.cache/checklists/` so an
unchanged plan costs nothing on the next build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import model
from .pages import problem_for
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
    tasks: tuple[model.Task, ...]
    milestones: tuple[model.Milestone, ...]
    weekend: tuple[str, ...]
    density: str
    note_lines: int


def _dates(start: dt.date | None, week: model.Week) -> str | None:
    if start is None:
        return None
    first = start + dt.timedelta(days=week.start_day - 1)
    last = start + dt.timedelta(days=week.end_day - 1)
    return f"{first:%a %-d %b} - {last:%a %-d %b %Y}"


def sheet(plan: model.Plan, week: model.Week, start: dt.date | None = None,
          skip: frozenset[str] = frozenset()) -> Sheet:
    """The sheet of `week`, leaving out the ids in `skip` (done items when
    printing only what is left)."""
    tasks = tuple(t for t in week.tasks if t.id not in skip)
    milestones = tuple(m for m in plan.milestones_in(week) if m.id not in skip)
    weekend = []
    for item in plan.schedule.weekend.focus:
        text = item.text
        if item.id == "system-design-session":
            problem = problem_for(plan, week)
            text += f": {problem.level}: {problem.title}"
        weekend.append(text)
    # A rough measure of how much text the page holds decides the density,
    # so a long week shrinks instead of spilling onto a second page.
    load = sum(1 + len(t.text) // 70 for t in tasks) + 2 * len(milestones) + len(weekend)
    density = "normal" if load <= 16 else "compact" if load <= 26 else "tight"
    note_lines = max(4, 22 - load) if density == "normal" else 3 if density == "compact" else 2
    span = "day" if week.start_day == week.end_day else "days"
    days_text = f"{week.start_day}" if week.start_day == week.end_day else f"{week.start_day}-{week.end_day}"
    return Sheet(plan_title=plan.title, days=plan.days, week=week, phase=plan.phase_of(week),
                 range=f"{span} {days_text} of {plan.days}", dates=_dates(start, week), tasks=tasks,
                 milestones=milestones, weekend=tuple(weekend), density=density, note_lines=note_lines)


def select_weeks(plan: model.Plan, numbers: list[int] | None) -> list[model.Week]:
    if not numbers:
        return list(plan.weeks)
    by_number = {w.number: w for w in plan.weeks}
    return [by_number[n] for n in numbers]


def sheets(plan: model.Plan, weeks: list[model.Week], start: dt.date | None = None,
           progress: Progress | None = None, remaining: bool = False) -> list[Sheet]:
    skip = frozenset(progress.done) if (progress and remaining) else frozenset()
    result = [sheet(plan, w, start, skip) for w in weeks]
    if remaining:
        result = [s for s in result if s.tasks or s.milestones]
    return result


def pdf_html(plan: model.Plan, items: list[Sheet], paper: str, progress: Progress | None = None) -> str:
    done = set(progress.done) if progress else set()
    return _env.get_template("checklists.html.j2").render(
        title=f"{plan.title}: weekly checklists ({plan.days} days)", paper=PAPERS[paper], sheets=items, done=done)


def render_pdf(html: str) -> bytes:
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=html).write_pdf()


def cached_pdf(html: str, cache_dir: Path) -> bytes:
    """render_pdf with a content-hash cache (the key includes WeasyPrint's version)."""
    import weasyprint

    key = hashlib.sha256(f"{weasyprint.__version__}\n{html}".encode()).hexdigest()
    path = cache_dir / f"{key}.pdf"
    if path.exists():
        return path.read_bytes()
    data = render_pdf(html)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return data
