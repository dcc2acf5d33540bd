"""mkdocs-macros module (`modules: [generator.macros]`): the build's values and
helpers for the hand-written pages under docs/.

The values come from the `studyplan` plugin of the same build (listed before
`macros` in mkdocs.yml). Pages use `plan` (as written), `site` (plan,
settings, paces), `paces` (days -> Pace), `default` (the default pace) and the
helpers below; every helper returns already-escaped Markdown or HTML, so no
page names the plan's own words: they all come from the plan.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from .pages import hours, pace_ranges, phase_spans, weekend_hours
from .pictures import timeline_svg
from .sitedata import SiteData
from .text import DAY_NAMES, environment, md

_env = environment()


def define_env(env: Any) -> None:
    site, memo = _site(env)  # memo: the outputs below are kept between builds with the same inputs
    env.variables["plan"] = site.plan
    env.variables["site"] = site
    env.variables["paces"] = site.paces
    env.variables["default"] = site.default

    @env.filter
    def text(value: Any) -> Markup:
        """Plan text, escaped for Markdown."""
        return md(value)

    @env.filter
    def days(names: Any) -> str:
        """Weekday names ('sat', 'sun') as a reader reads them: 'Saturday and Sunday'."""
        words = [DAY_NAMES[n] for n in names]
        return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]

    @env.filter
    def duration(minutes: float) -> str:
        """Minutes as '1 h 15 min'."""
        return hours(minutes)

    @env.macro
    def plan_data_script(**_: Any) -> Markup:
        """The light data document the page's scripts read first (#sp-data):
        ids, titles, blocks and settings. The plan's full text and the rules
        (assets/plan-data.js, assets/rules.js) load once a reader has a start."""
        return Markup(memo.get("plan_data_script", lambda: str(json_script("sp-data", browser_data(site)))))

    @env.macro
    def timeline() -> Markup:
        """The timeline of every pace the site offers (inline SVG)."""
        def made() -> str:
            svg = timeline_svg(list(site.paces.values()),
                               href=lambda w: site.href("index.md", f"weeks/{w.id}.md"),
                               title=f"Timeline of the plan at {' and '.join(str(n) for n in site.paces)} days")
            return f'<div class="sp-figure" data-search-exclude>{svg}</div>'

        return Markup(memo.get("timeline", made))

    @env.macro
    def subscriptions() -> list[dict]:
        """The prebuilt calendars a reader can subscribe to (none without a site_url): per kind, per pace its
        name (X-WR-CALNAME), https and webcal:// addresses."""
        from .calendars import KINDS, WHAT, calendar_names, feed_urls

        url = site.settings.site_url
        if not url:
            return []
        return [{"kind": kind, "what": WHAT[kind], "paces": [
            {"days": n, "name": calendar_names(site.plan.title, n)[kind], "https": feed_urls(url, n, kind)[0],
             "webcal": feed_urls(url, n, kind)[1]} for n in site.paces]} for kind in KINDS]

    @env.macro
    def partial(name: str, **kwargs: Any) -> Markup:
        """Render generator/templates/<name>.md.j2 with the site data."""
        return Markup(memo.get(f"partial:{name}:{sorted(kwargs.items())!r}", lambda: _env.get_template(f"{name}.md.j2").render(
            site=site, plan=site.plan, default=site.default, hours=hours, weekend_hours=weekend_hours(site),
            phase_ranges=lambda phase: pace_ranges(phase_spans(site, phase)), **kwargs)))


def _site(env: Any) -> tuple[SiteData, Any]:
    """The build's values: from the studyplan plugin (MkDocs, ProperDocs), or,
    where no MkDocs plugin runs (Zensical, which calls `define_env` for every
    page), from the config `studyplan build` wrote (`extra.studyplan_build`)."""
    plugins = getattr(env.conf, "plugins", None)
    if plugins is not None:
        plugin = plugins.get("studyplan")
        if getattr(plugin, "site", None) is None:
            raise PluginError("the macros module needs the studyplan plugin listed before macros in mkdocs.yml")
        return plugin.site, plugin.memo
    build = ((env.conf.get("extra") or {}).get("studyplan_build")) or {}
    if not build:
        raise PluginError("the macros module needs `studyplan build` (or the studyplan plugin) to have run")
    key = (build["config"], build["cache_dir"], build.get("plan"))
    if key not in _BUILDS:  # one builder process builds one site
        from pathlib import Path

        from .generate import load_site, outputs_memo

        plan = Path(build["plan"]) if build.get("plan") else None
        site, _, cache = load_site(Path(build["config"]), plan, Path(build["cache_dir"]))
        _BUILDS.clear()
        _BUILDS[key] = (site, outputs_memo(site, cache))
    return _BUILDS[key]


_BUILDS: dict[tuple[str, str, str | None], tuple[SiteData, Any]] = {}


def browser_data(site: SiteData) -> dict:
    """What the scripts need before the rules load: ids, texts, the blocks
    with their labels and default times, and the settings."""
    plan, settings = site.plan, site.settings
    return {
        "plan": plan.id,
        "title": plan.title,
        "default_pace": settings.default_pace,
        "tasks": [{"id": t.id, "text": t.text, "week": w.id} for w in plan.weeks for t in w.tasks],
        "milestones": [{"id": m.id, "title": m.title, "verification": m.verification} for m in plan.milestones],
        "weeks": {w.id: {"number": w.number, "title": w.title, "tasks": [t.id for t in w.tasks]} for w in plan.weeks},
        "phases": [{"id": p.id, "number": p.number, "title": p.title, "weeks": [w.id for w in p.weeks]} for p in plan.phases],
        "known": {i: 1 for i in [t.id for t in plan.tasks] + [m.id for m in plan.milestones]},
        "blocks": [f"{b.label}: {b.activity}" for b in plan.schedule.blocks],
        "block_info": [{"id": b.id, "label": b.label, "activity": b.activity, "kind": b.kind, "time": time}
                       for b, time in zip(plan.schedule.blocks, settings.times)],
        "weekend": [f.text for f in plan.schedule.focus],
        "settings": {"start_date": None if settings.start_is_example else settings.start_date.isoformat(),
                     "example_start": settings.start_date.isoformat(), "timezone": settings.timezone,
                     "times": list(settings.times), "weekend_time": settings.weekend_time,
                     "weekend_days": list(settings.weekend_days), "paces": list(settings.paces), "site_url": settings.site_url},
    }


def json_script(element_id: str, value: object) -> Markup:
    """A <script type="application/json"> block that no text can break out of."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/json" id="{element_id}">{text}</script>')
