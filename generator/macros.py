"""mkdocs-macros module: the plan as variables and helpers for docs/*.md.

Hand-written pages use `plan` (the default pace), `paces` and the helpers
below. Every helper returns already-escaped Markdown.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator import pages
from generator.rescale import total_hours, weekday_minutes
from generator.sitedata import site_data
from generator.text import environment, md

_env = environment()


def _hours(minutes: float) -> str:
    h, m = divmod(round(minutes), 60)
    return f"{h} h {m} min" if m else f"{h} h"


def define_env(env: Any) -> None:
    site = site_data(env.conf)

    env.variables["plan"] = site.plan
    env.variables["paces"] = site.paces
    env.variables["site"] = site

    @env.filter
    def text(value: Any) -> Markup:
        """Plan text, escaped for Markdown."""
        return md(value)

    @env.macro
    def partial(name: str, **kwargs: Any) -> Markup:
        """Render generator/templates/<name>.md.j2 with the site data."""
        return Markup(_env.get_template(f"{name}.md.j2").render(site=site, plan=site.plan, pages=pages,
                                                                 hours=_hours, total_hours=total_hours,
                                                                 weekday_minutes=weekday_minutes, **kwargs))
