"""Printable weekly checklists: one sheet per week, as site pages and as PDFs.

On paper a week is one page however long its texts are: each text is cut
with an ellipsis at `Sheet.cut` characters (shorter when the week is long; the
site keeps the full text), and the CLI reports the PDF's real page count.

The PDF comes from a standalone template (`templates/checklists.html.j2`)
rendered by WeasyPrint. The site's multi-week PDFs are rendered a week at a
time: each week's one-page PDF is cached by its HTML under
`.cache/checklists/` and the weeks are joined (`renderers.join_pdfs`, pypdf), so a plan
edit renders again only the weeks whose sheet changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .agenda import focus_items
from .cache import cached, path_for
from .pace import Pace
from .progress import Progress, reached
from .text import environment

PAPERS = {"a4": "A4", "letter": "letter"}
CUT = 240  # characters of one text on paper, at most (about 3 lines)
MIN_CUT = 60  # a long week cuts its texts down to this
BUDGET = 64  # rough lines (of the measure below) a page holds at the tightest density
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
    cut: int = CUT  # characters of a text on paper (the site shows it all)
    notes: Mapping[str, str] = field(default_factory=dict)  # task id -> the person's note, printed under it
    note_cut: int = CUT  # characters of a note on paper
    topics: tuple[model.Topic, ...] = ()  # the week's topics, printed with their questions


def _dates(start: dt.date | None, first_day: int, last_day: int) -> str | None:
    if start is None:
        return None
    first = start + dt.timedelta(days=first_day - 1)
    last = start + dt.timedelta(days=last_day - 1)
    return f"{first:%a %-d %b} - {last:%a %-d %b %Y}"


def sheet(pace: Pace, week: model.Week, start: dt.date | None = None,
          skip: frozenset[str] = frozenset(), notes: Mapping[str, str] | None = None) -> Sheet:
    """The sheet of `week`, leaving out the ids in `skip` (done items when
    printing only what is left), with `notes` (task id -> text) under tasks."""
    plan = pace.plan
    span = pace.week(week)
    tasks = tuple((t, pace.day_of(t)) for t in week.tasks if t.id not in skip)
    milestones = tuple((m, pace.day_of(m)) for m in pace.milestones_in(span) if m.id not in skip)
    weekend = focus_items(plan, week)
    # A rough measure of the page's lines decides the density, so a long week
    # shrinks instead of spilling onto a second page: every text counts by its
    # length on paper (about 70 characters a line at the normal size); when
    # even the tightest density would not hold it, texts are cut shorter.
    notes = {t.id: notes[t.id] for t, _ in tasks if notes and notes.get(t.id)}
    phase = plan.phase_of(week)

    def measure(cut: int, note_cut: int) -> int:
        def lines(text: str, per_line: int = 70, limit: int = cut) -> int:
            return 1 + min(len(text), limit) // per_line

        return (2 * lines(week.title, 40) + lines(week.activities) + lines(phase.title + phase.activities_label)
                + sum(lines(t.text, 60) for t, _ in tasks) + sum(2 * lines(m.title + m.verification) for m, _ in milestones)
                + sum(lines(w) for w in weekend) + (sum(lines(n, 70, note_cut) for n in notes.values()) if note_cut else 0)
                + sum(1 + sum(lines(q, 85) for q in t.questions) for t in week.topics) * 4 // 5)  # smaller type

    cut = note_cut = CUT  # texts first, then notes get shorter; a week too full for notes prints without them
    while cut > MIN_CUT and measure(cut, note_cut) > BUDGET:
        cut = note_cut = max(MIN_CUT, cut * 3 // 4)
    while note_cut and measure(cut, note_cut) > BUDGET:
        note_cut = 0 if note_cut <= MIN_CUT else max(MIN_CUT, note_cut * 3 // 4)
    if not note_cut:
        notes = {}
    load = measure(cut, note_cut)
    density = "normal" if load <= 22 else "compact" if load <= 34 else "tight"
    note_lines = max(4, 28 - load) if density == "normal" else 3 if density == "compact" else 2
    return Sheet(plan_title=plan.title, days=pace.days, week=week, phase=phase,
                 range=f"{span.text()} of {pace.days}", dates=_dates(start, span.start, span.end), tasks=tasks,
                 milestones=milestones, weekend=tuple(weekend), density=density, note_lines=note_lines, cut=cut,
                 notes=notes, note_cut=note_cut, topics=week.topics)


def ticked(pace: Pace, progress: Progress) -> set[str]:
    """The ids whose boxes print ticked: tasks done and milestones reached (`progress.reached`)."""
    tasks = {t.id for t in pace.plan.tasks}
    return {i for i in progress.done if i in tasks} | {m.id for m in pace.plan.milestones if reached(progress, m.id)}


def select_weeks(plan: model.Plan, numbers: list[int] | None) -> list[model.Week]:
    if not numbers:
        return list(plan.weeks)
    by_number = {w.number: w for w in plan.weeks}
    return [by_number[n] for n in numbers]


def sheets(pace: Pace, weeks: list[model.Week], start: dt.date | None = None,
           progress: Progress | None = None, remaining: bool = False) -> list[Sheet]:
    skip = frozenset(ticked(pace, progress)) if (progress and remaining) else frozenset()
    notes = {i: n.text for i, n in progress.notes.items()} if progress else None
    result = [sheet(pace, w, start, skip, notes) for w in weeks]
    if remaining:
        result = [s for s in result if s.tasks or s.milestones]
    return result


def pdf_html(pace: Pace, items: list[Sheet], paper: str, progress: Progress | None = None) -> str:
    done = ticked(pace, progress) if progress else set()
    return _env.get_template("checklists.html.j2").render(
        title=f"{pace.plan.title}: weekly checklists ({pace.days} days)", paper=PAPERS[paper], sheets=items, done=done)


def render_pdf(html: str, warn: bool = True) -> bytes:
    return render_pdf_pages(html, warn)[0]


def render_pdf_pages(html: str, warn: bool = True) -> tuple[bytes, int]:
    """The PDF and its real number of pages. Warns (logging) when no font
    on this machine has some of the characters, which would print as boxes
    (`warn=False`: the caller has checked)."""
    from .fonts import warn_missing_glyphs
    from .renderers import render_pages

    if warn:
        warn_missing_glyphs(html)
    return render_pages(html)


def engine() -> str:
    """What renders the PDFs: WeasyPrint's version, read without importing it (a
    warm build never loads WeasyPrint), and the installed fonts (`fonts.fingerprint`)."""
    from importlib.metadata import version

    from .fonts import fingerprint

    return f"weasyprint {version('weasyprint')}, fonts {fingerprint()}"


def pdf_cache_key(html: str, by: str | None = None) -> str:
    """The cache key of a PDF: its HTML and what renders it (`by`: engine(), when known)."""
    return f"{by or engine()}\n{html}"


def cached_pdf(html: str, cache_dir: Path, data: bytes | None = None, by: str | None = None) -> bytes:
    """render_pdf through the content-hash cache (`data`: already rendered)."""
    return cached(cache_dir, pdf_cache_key(html, by), lambda: data if data is not None else render_pdf(html), ".pdf")


def joined_key(htmls: list[str], by: str | None = None) -> str:
    """The cache key of the PDF joining the one-page PDFs of `htmls`."""
    from importlib.metadata import version

    return f"joined by pypdf {version('pypdf')}\n" + "\n".join(pdf_cache_key(h, by) for h in htmls)


def is_cached(html: str, cache_dir: Path, by: str | None = None) -> bool:
    return path_for(cache_dir, pdf_cache_key(html, by), ".pdf").exists()
