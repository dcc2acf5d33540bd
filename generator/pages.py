"""Markdown of the pages generated from the plan: one per phase and per week."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from . import model
from .pictures import timeline_svg
from .sitedata import SiteData
from .text import environment

_env = environment()


def day_range(start: int, end: int) -> str:
    return f"day {start}" if start == end else f"days {start}-{end}"


def pace_ranges(site: SiteData, item_id: str, kind: str) -> str:
    """"Days 1-8 at the 90-day pace, days 1-10 at the 120-day pace"."""
    parts = []
    for n, plan in site.paces.items():
        item = next(x for x in (plan.weeks if kind == "week" else plan.phases) if x.id == item_id)
        parts.append(f"{day_range(item.start_day, item.end_day)} at the {n}-day pace")
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def week_page(site: SiteData, week: model.Week) -> str:
    plan = site.plan
    weeks = plan.weeks
    i = weeks.index(week)
    groups = sorted({t.group for t in week.tasks if t.group})
    phase = plan.phase_of(week)
    group_text = ""
    if groups and phase.checklist_title:
        group_text = f"From the original plan's {phase.checklist_title} ({', '.join(groups)})."
    return _env.get_template("week.md.j2").render(
        week=week,
        phase=phase,
        ranges=pace_ranges(site, week.id, "week"),
        groups=group_text,
        any_derived=any(t.derived for t in week.tasks),
        paces=list(site.paces.items()),
        day_of={n: {t.id: t.day for t in p.tasks} for n, p in site.paces.items()},
        milestones=plan.milestones_in(week),
        weekend=plan.schedule.weekend,
        problem=plan.problem_for(week),
        prev=weeks[i - 1] if i else None,
        next=weeks[i + 1] if i + 1 < len(weeks) else None,
    )


def phase_page(site: SiteData, phase: model.Phase) -> str:
    rows = []
    for week in phase.weeks:
        ranges = []
        for plan in site.paces.values():
            w = next(x for x in plan.weeks if x.id == week.id)
            ranges.append(day_range(w.start_day, w.end_day).capitalize())
        rows.append({"week": week, "ranges": ranges})
    milestones = []
    for m in site.base.milestones:
        if phase.start_day <= m.day <= phase.end_day:
            days = ", ".join(f"day {next(x for x in p.milestones if x.id == m.id).day} at {n} days"
                             for n, p in site.paces.items())
            milestones.append({"title": m.title, "verification": m.verification, "days": days})
    project = site.plan.project if site.plan.project and site.plan.project.phase == phase.id else None
    source = f"phases/{phase.id}.md"
    svg = timeline_svg([site.plan], href=lambda w: site.href(source, f"weeks/{w.id}.md"), start=site.start_date, highlight=phase.id,
                       title=f"Phase {phase.number} in the {site.plan.days}-day plan")
    return _env.get_template("phase.md.j2").render(
        svg=Markup(f'<div class="sp-figure">{svg}</div>'),
        phase=phase, ranges=pace_ranges(site, phase.id, "phase"), rows=rows,
        pace_days=list(site.paces), milestones=milestones, project=project)


def generated_pages(site: SiteData) -> dict[str, str]:
    """Path under docs/ -> Markdown, for every page made from the plan."""
    pages: dict[str, str] = {}
    for phase in site.plan.phases:
        pages[f"phases/{phase.id}.md"] = phase_page(site, phase)
        for week in phase.weeks:
            pages[f"weeks/{week.id}.md"] = week_page(site, week)
    return pages


def nav(site: SiteData) -> list:
    """The site navigation, generated pages included. Titles are HTML-escaped:
    the theme writes nav titles as they are, and plan text is never markup."""
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
        *([{"Pipeline project": "project.md"}] if plan.project else []),
        {"System design practice": "system-design.md"},
        {"Milestones": "milestones.md"},
        {"Progress": "progress.md"},
        {"Checklists": "checklists/index.md"},
        {"Calendar": "calendar.md"},
        {"For maintainers": [{"How it works": "how-it-works.md"}]},
    ]


def checklist_pages(site: SiteData) -> dict[str, str]:
    """Checklists section: an index, one page per week per pace, and an
    all-weeks page per pace (one week per printed page)."""
    from .checklists import sheets

    pages: dict[str, str] = {}
    template = _env.get_template("checklist.md.j2")
    for days, plan in site.paces.items():
        all_sheets = sheets(plan, list(plan.weeks), site.start_date)
        for s in all_sheets:
            pages[f"checklists/{days}/{s.week.id}.md"] = template.render(
                title=f"Checklist: week {s.week.number}, {days}-day pace", sheets=[s], days=days, single=True)
        pages[f"checklists/{days}/all.md"] = template.render(
            title=f"Checklists: all weeks, {days}-day pace", sheets=all_sheets, days=days, single=False)
    pages["checklists/index.md"] = _env.get_template("checklists_index.md.j2").render(site=site)
    return pages
