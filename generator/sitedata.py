"""What the site build knows: the validated plan at each published pace and
the site options from mkdocs.yml `extra.studyplan`."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url

from . import model
from .errors import InputError
from .rescale import rescale
from .validate import load_plan

PLAN_ENV = "STUDYPLAN_PLAN"


@dataclass(frozen=True)
class SiteData:
    """The plan at every published pace plus the site's calendar defaults."""

    base: model.Plan
    paces: dict[int, model.Plan]
    default_pace: int
    start_date: dt.date | None
    timezone: str
    site_url: str | None
    plan_path: Path
    extra: dict[str, Any]
    directory_urls: bool = True

    def href(self, source: str, target: str) -> str:
        """Relative URL from page `source` to page `target` (docs paths like
        "weeks/x.md"), for links inside raw HTML and SVG that mkdocs does not rewrite."""
        return get_relative_url(_page_url(target, self.directory_urls), _page_url(source, self.directory_urls))

    @property
    def plan(self) -> model.Plan:
        return self.paces[self.default_pace]



def _page_url(path: str, directory_urls: bool) -> str:
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


_cache: dict[tuple[Any, ...], SiteData] = {}


def site_data(config: Any) -> SiteData:
    """Load (once per plan file version) the site data for a mkdocs config."""
    extra = dict(config["extra"].get("studyplan") or {})
    root = Path(config["config_file_path"] or ".").resolve().parent
    plan_path = Path(os.environ.get(PLAN_ENV) or root / extra.get("plan", "plan_data/plan.yaml"))
    try:
        display = os.path.relpath(plan_path, Path.cwd())
    except ValueError:
        display = str(plan_path)
    try:
        stamp = plan_path.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (str(plan_path), stamp, repr(sorted(extra.items())), config.get("site_url"), config.get("use_directory_urls"))
    if key not in _cache:
        base = load_plan(plan_path, display)
        paces = [int(p) for p in extra.get("paces", [base.days, base.commitment.days])]
        default = int(extra.get("default_pace", paces[0]))
        start = extra.get("start_date")
        if isinstance(start, str):
            try:
                start = dt.date.fromisoformat(start)
            except ValueError:
                raise InputError.single(str(config["config_file_path"]), f"expected a date YYYY-MM-DD but got {start!r}",
                                        field="extra.studyplan.start_date") from None
        _cache.clear()
        _cache[key] = SiteData(
            base=base,
            paces={n: rescale(base, n) for n in sorted(set(paces))},
            default_pace=default,
            start_date=start,
            timezone=str(extra.get("timezone", "UTC")),
            site_url=config.get("site_url") or None,
            plan_path=plan_path,
            extra=extra,
            directory_urls=bool(config.get("use_directory_urls", True)),
        )
    return _cache[key]
