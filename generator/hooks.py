"""mkdocs hooks: load the plan, set the navigation, add everything made from
the plan (phase, week and checklist pages, .ics files, PDFs, and in the
offline copy the vendored iframe-worker shim).

Named in mkdocs.yml under `hooks:`. Plan problems stop the build with the
validator's messages.
"""

from __future__ import annotations

import json
import logging
import os
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator import checklists, pages
from generator.cache import cached
from generator.calendars import calendar_files, site_options
from generator.errors import InputError
from generator.sitedata import site_data
from generator.timeline import timeline_data

log = logging.getLogger("mkdocs.hooks.studyplan")


def _site(config: Any):
    try:
        return site_data(config)
    except InputError as exc:
        raise PluginError("the study plan has problems:\n" + str(exc)) from None


def on_config(config: Any) -> Any:
    site = _site(config)
    config["nav"] = pages.nav(site)
    config["extra"]["studyplan_plan_id"] = site.plan.id  # read by overrides/main.html
    return config


def on_files(files: Files, config: Any) -> Files:
    site = _site(config)
    if site.plan.project is None:  # a plan without a project has no project page
        project = files.get_file_from_path("project.md")
        if project:
            files.remove(project)
    for path, content in pages.generated_pages(site).items():
        files.append(File.generated(config, path, content=content))
    for path, content in pages.checklist_pages(site).items():
        files.append(File.generated(config, path, content=content))
    for path, data in {**_calendar_files(site, config), **_checklist_pdfs(site, config)}.items():
        files.append(File.generated(config, path, content=data))
    if SHIM in (config["extra"].get("polyfills") or []):
        files.append(File.generated(config, SHIM, content=_shim(config)))
    return files


SHIM = "assets/vendor/iframe-worker/shim.js"


def _shim(config: Any) -> bytes:
    """The iframe-worker shim of the offline copy, from the pinned npm package."""
    path = Path(config["config_file_path"]).resolve().parent / "node_modules" / "iframe-worker" / "shim" / "index.js"
    try:
        return path.read_bytes()
    except OSError:
        raise PluginError(f"{path} is missing: run `npm ci` (make offline does) to get the pinned iframe-worker") from None


_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def _checklist_pdfs(site: Any, config: Any) -> dict[str, bytes]:
    """checklists/<days>/checklists-{a4,letter}.pdf, cached outside the site.
    While `mkdocs serve` runs, a changed plan keeps the previous PDFs (the
    next `studyplan build` renders them), so the edit-reload loop stays fast."""
    cache = _cache_dir(config) / "checklists"
    result = {}
    stale = []
    for days, plan in site.paces.items():
        all_sheets = checklists.sheets(plan, list(plan.weeks), site.start_date)
        for paper in checklists.PAPERS:
            html = checklists.pdf_html(plan, all_sheets, paper)
            latest = cache / f"latest-{site.base.id}-{days}-{paper}.pdf"
            if _serving and latest.exists() and not checklists.is_cached(html, cache):
                data = latest.read_bytes()
                stale.append(f"{days}/{paper}")
            else:
                data = checklists.cached_pdf(html, cache)
                latest.write_bytes(data)
            result[f"checklists/{days}/checklists-{paper}.pdf"] = data
    if stale:
        log.info("checklist PDFs (%s) are from before this change; `studyplan build` renders them anew", ", ".join(stale))
    return result


def _cache_dir(config: Any) -> Path:
    root = Path(config["config_file_path"]).resolve().parent
    return Path(os.environ.get("STUDYPLAN_CACHE_DIR") or root / ".cache")


def _calendar_files(site: Any, config: Any) -> dict[str, bytes]:
    """calendar/<days>/{daily,weekend,milestones}.ics for every published pace,
    cached by the timeline and options they are made from."""
    try:
        options = site_options(site)
    except InputError as exc:
        raise PluginError(str(exc)) from None
    result = {}
    for days, plan in site.paces.items():
        key = json.dumps([version("icalendar"), timeline_data(plan, options.site_url), repr(options)], sort_keys=True)
        bundle = cached(_cache_dir(config) / "calendars", key,
                        lambda plan=plan: json.dumps({k: v.decode() for k, v in calendar_files(plan, options).items()}).encode())
        for name, text in json.loads(bundle).items():
            result[f"calendar/{days}/{name}"] = text.encode()
    return result

