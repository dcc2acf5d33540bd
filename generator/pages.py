"""Markdown of the pages made from the plan: one per phase and per week, the
checklist pages, and the navigation. Pure functions of the site data.

Large blocks of HTML (checklist sheets, task lists, topics, agenda tables) are
kept out of Markdown: a page holds a placeholder paragraph and `Page.html`
the block, which the plugin puts back after conversion (`Page.fill`).
Python-Markdown's raw-HTML pass over those blocks was most of a build's time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from markupsafe import Markup

from . import anki, model
from .agenda import focus_items
from .pace import Span
from .pictures import timeline_svg
from .sitedata import SiteData
from .text import environment
from .words import Words

_env = environment()


@dataclass
class Page:
    """A generated page: its Markdown and the HTML blocks kept out of it."""

    markdown: str = ""
    html: dict[str, str] = field(default_factory=dict)

    def stash(self, block: str, search: bool = True) -> Markup:
        """A placeholder for `block` (plan text is escaped, so it can never
        contain one). A block the site search leaves out (`search=False`) is
        an HTML comment until the page is written, so search never reads it."""
        if search:
            key = f"sp-raw-{len(self.html)}"
            self.html[f"<p>{key}</p>"] = str(block)
        else:
            key = f"<!-- sp-late-{len(self.html)} -->"
            self.html[key] = str(block)
        return Markup(f"\n\n{key}\n\n")

    def fill(self, html: str, late: bool = False) -> str:
        """The converted page with its HTML blocks back in place: the searchable
        ones after conversion, the `late` ones in the written page."""
        for key, block in self.html.items():
            if key.startswith("<!--") == late:
                html = html.replace(key, block, 1)
        return html


def _render(template: str, **values: object) -> Page:
    page = Page()
    page.markdown = _env.get_template(template).render(stash=page.stash, **values)
    return page


def hours(minutes: float) -> str:
    """125 -> '2 h 5 min'; 45 -> '45 min'."""
    h, m = divmod(round(minutes), 60)
    if not h:
        return f"{m} min"
    return f"{h} h {m} min" if m else f"{h} h"


def pace_ranges(spans: dict[int, Span]) -> str:
    """'Days 1-8 at the 90-day pace, days 1-10 at the 120-day pace' (or just
    'Days 1-8' when the site offers one pace)."""
    if len(spans) == 1:
        return next(iter(spans.values())).text().capitalize()
    text = ", ".join(f"{span.text()} at the {n}-day pace" for n, span in spans.items())
    return text[0].upper() + text[1:]


def week_spans(site: SiteData, week: model.Week) -> dict[int, Span]:
    return {n: p.week(week) for n, p in site.paces.items()}


def phase_spans(site: SiteData, phase: model.Phase) -> dict[int, Span]:
    return {n: p.phase(phase) for n, p in site.paces.items()}


def days_text(site: SiteData, item: model.Task | model.Milestone) -> str:
    """'day 2' or 'day 2 at 90 days, day 3 at 120 days'."""
    if len(site.paces) == 1:
        return f"day {site.default.day_of(item)}"
    return ", ".join(f"day {p.day_of(item)} at {n} days" for n, p in site.paces.items())


def weekend_hours(site: SiteData) -> str:
    """'5 h at 90 days, 3 h 45 min at 120 days'."""
    if len(site.paces) == 1:
        return hours(site.default.weekend_minutes)
    return ", ".join(f"{hours(p.weekend_minutes)} at {n} days" for n, p in site.paces.items())


def week_page(site: SiteData, week: model.Week) -> Page:
    plan = site.plan
    weeks = plan.weeks
    i = weeks.index(week)
    phase = plan.phase_of(week)
    groups = sorted({t.group for t in week.tasks if t.group})
    group_text = ""
    if groups and phase.checklist_title:
        group_text = f"The original plan lists its tasks under {', '.join(repr(g) for g in groups)}."
    default_span = site.default.week(week)
    return _render(
        "week.md.j2",
        agendas=[(n, agenda_rows(site, n, week)) for n in site.paces],
        site=site, week=week, phase=phase,
        ranges=pace_ranges(week_spans(site, week)),
        spans={n: [s.start, s.end] for n, s in week_spans(site, week).items()},
        groups=group_text,
        any_derived=any(t.derived for t in week.tasks),
        days={t.id: days_text(site, t) for t in week.tasks},
        milestones=[(m, days_text(site, m)) for m in site.default.milestones_in(default_span)],
        weekend=plan.schedule.weekend, weekend_hours=weekend_hours(site),
        focus=focus_items(plan, week),
        anki_deck=f"../{anki.file_name(plan.id)}",
        prev=weeks[i - 1] if i else None,
        next=weeks[i + 1] if i + 1 < len(weeks) else None,
    )


def agenda_rows(site: SiteData, days: int, week: model.Week) -> list[dict]:
    """The week's day-by-day agenda at one pace, start-free (day 1 on a
    Monday): one row per day, one cell per block (or the weekend session).
    With a start date, studyplan.js draws the reader's own rows from the
    same rules."""
    agenda = site.agendas[days]
    words = Words(site.plan)
    span = site.paces[days].week(week)
    by_day = site.entries_by_day[days]
    rows = []
    for day in range(span.start, span.end + 1):
        entries = by_day.get(day, [])
        name = DAY_NAMES[agenda.layout.weekday(day)]
        if entries and entries[0].slot == "weekend":
            rows.append({"n": day, "day": f"{day} ({name})", "weekend": _cell(words.label(entries[0]), week), "cells": []})
        elif entries:
            rows.append({"n": day, "day": f"{day} ({name})", "weekend": None,
                         "cells": [_cell(words.label(e), week) for e in entries]})
    return rows


DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _cell(label: str, week: model.Week) -> str:
    """A label on the week's own page, without the week's title after it."""
    what = label.removesuffix(f" ({week.title})")
    return what[0].upper() + what[1:] if what else what


def phase_page(site: SiteData, phase: model.Phase) -> Page:
    rows = [{"week": w, "ranges": [s.text().capitalize() for s in week_spans(site, w).values()]} for w in phase.weeks]
    default = site.default
    milestones = [{"title": m.title, "verification": m.verification, "days": days_text(site, m)}
                  for m in default.milestones_in(default.phase(phase))]
    project = site.plan.project if site.plan.project and site.plan.project.phase == phase.id else None
    source = f"phases/{phase.id}.md"
    svg = timeline_svg([default], href=lambda w: site.href(source, f"weeks/{w.id}.md"), highlight=phase.id,
                       title=f"Phase {phase.number} in the {default.days}-day plan")
    return _render(
        "phase.md.j2",
        svg=Markup(f'<div class="sp-figure" data-search-exclude>{svg}</div>'),
        phase=phase, ranges=pace_ranges(phase_spans(site, phase)),
        spans={n: [s.start, s.end] for n, s in phase_spans(site, phase).items()}, rows=rows,
        pace_days=list(site.paces), milestones=milestones, project=project)


def generated_pages(site: SiteData) -> dict[str, Page]:
    """Path under docs/ -> Page, for every page made from the plan."""
    pages: dict[str, Page] = {}
    for phase in site.plan.phases:
        pages[f"phases/{phase.id}.md"] = phase_page(site, phase)
        for week in phase.weeks:
            pages[f"weeks/{week.id}.md"] = week_page(site, week)
    return pages


def nav(site: SiteData) -> list:
    """The readers' navigation, generated pages included. Titles are
    HTML-escaped: the theme writes nav titles as they are, and plan text is
    never markup. "How it works" (for maintainers) is linked from the footer."""
    plan = site.plan
    phases = []
    for phase in plan.phases:
        entries = [{escape(f"Overview: {phase.title}"): f"phases/{phase.id}.md"}]
        entries += [{escape(f"Week {w.number}: {w.title}"): f"weeks/{w.id}.md"} for w in phase.weeks]
        phases.append({escape(f"Phase {phase.number}: {phase.title}"): entries})
    return [
        {"Home": "index.md"},
        {"The plan": phases},
        {"Daily schedule": "schedule.md"},
        *([{escape(plan.project.title): "project.md"}] if plan.project else []),
        *([{escape(plan.system_design.title): "system-design.md"}] if plan.system_design else []),
        {"Milestones": "milestones.md"},
        {"Progress": "progress.md"},
        {"Checklists": "checklists/index.md"},
        {"Calendar": "calendar.md"},
    ]


def checklist_pages(site: SiteData) -> dict[str, Page]:
    """Checklists section: an index, one page per week per pace, and an
    all-weeks page per pace (one week per printed page)."""
    pages: dict[str, Page] = {}
    for days, all_sheets in site.sheets.items():
        for s in all_sheets:
            pages[f"checklists/{days}/{s.week.id}.md"] = _render(
                "checklist.md.j2", title=f"Checklist: week {s.week.number}, {days}-day pace", sheets=[s], days=days,
                single=True)
        pages[f"checklists/{days}/all.md"] = _render(
            "checklist.md.j2", title=f"Checklists: all weeks, {days}-day pace", sheets=all_sheets, days=days, single=False)
    pages["checklists/index.md"] = _render("checklists_index.md.j2", site=site)
    return pages
