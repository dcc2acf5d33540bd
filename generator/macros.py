"""mkdocs-macros module: the plan as variables and helpers for docs/*.md.

Hand-written pages use `plan` (the default pace), `paces` and the helpers
below. Every helper returns already-escaped Markdown.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from generator import pages
from generator.errors import InputError
from generator.pictures import timeline_svg
from generator.rescale import total_hours, weekday_minutes
from generator.sitedata import site_data
from generator.text import environment, md
from generator.timeline import timeline_data

_env = environment()


def _hours(minutes: float) -> str:
    h, m = divmod(round(minutes), 60)
    return f"{h} h {m} min" if m else f"{h} h"


def define_env(env: Any) -> None:
    try:
        site = site_data(env.conf)
    except InputError as exc:  # the plan's problems, without a traceback
        raise PluginError("the study plan has problems:\n" + str(exc)) from None

    env.variables["plan"] = site.plan
    env.variables["paces"] = site.paces
    env.variables["site"] = site

    @env.filter
    def text(value: Any) -> Markup:
        """Plan text, escaped for Markdown."""
        return md(value)

    @env.macro
    def plan_data_script() -> Markup:
        """The plan data the progress script reads (Progress page, home)."""
        return json_script("sp-data", progress_data(site))

    @env.macro
    def timeline_scripts() -> Markup:
        """The calendar timeline of every pace, for the browser's calendar builder."""
        return Markup("\n".join(json_script(f"sp-timeline-{n}", timeline_data(p, site.site_url))
                                for n, p in site.paces.items()))

    @env.macro
    def timeline() -> Markup:
        """The timeline of every published pace (inline SVG)."""
        svg = timeline_svg(list(site.paces.values()), start=site.start_date,
                           href=lambda w: site.href("index.md", f"weeks/{w.id}.md"),
                           title=f"Timeline of the plan at {' and '.join(str(n) for n in site.paces)} days")
        return Markup(f'<div class="sp-figure">{svg}</div>')

    @env.macro
    def partial(name: str, **kwargs: Any) -> Markup:
        """Render generator/templates/<name>.md.j2 with the site data."""
        return Markup(_env.get_template(f"{name}.md.j2").render(site=site, plan=site.plan, pages=pages,
                                                                 hours=_hours, total_hours=total_hours,
                                                                 weekday_minutes=weekday_minutes, **kwargs))


def progress_data(site) -> dict:
    """What the progress script needs: ids, texts and the schedule at every pace."""
    plan = site.plan
    return {
        "plan": plan.id,
        "default_pace": site.default_pace,
        "tasks": [{"id": t.id, "text": t.text, "week": w.id} for w in plan.weeks for t in w.tasks],
        "milestones": [{"id": m.id, "title": m.title, "verification": m.verification} for m in plan.milestones],
        "weeks": {w.id: {"number": w.number, "title": w.title, "tasks": [t.id for t in w.tasks]} for w in plan.weeks},
        "phases": [{"number": p.number, "title": p.title, "weeks": [w.id for w in p.weeks]} for p in plan.phases],
        "known": {i: 1 for i in [t.id for t in plan.tasks] + [m.id for m in plan.milestones]},
        "blocks": [f"{b.label}: {b.activity}" for b in plan.schedule.blocks],
        "weekend": [f.text for f in plan.schedule.weekend.focus],
        "paces": {str(n): {
            "days": p.days,
            "task_days": {t.id: t.day for t in p.tasks},
            "milestone_days": {m.id: m.day for m in p.milestones},
            "week_ranges": {w.id: [w.start_day, w.end_day] for w in p.weeks},
            "block_minutes": [b.minutes for b in p.schedule.blocks],
            "weekend_minutes": p.schedule.weekend.minutes,
        } for n, p in site.paces.items()},
    }


def json_script(element_id: str, value: object) -> Markup:
    """A <script type="application/json"> block that no text can break out of."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/json" id="{element_id}">{text}</script>')
