"""The `studyplan` MkDocs plugin: loads the plan and the settings once per
build, sets the navigation, and places every file made from the plan (phase,
week and checklist pages, .ics files, PDFs, the offline copy's vendored shim)
and ships our own scripts and styles minified (assets.py).

Registered through the `mkdocs.plugins` entry point (pyproject.toml); listed
in mkdocs.yml before `macros`, whose module (`generator.macros`) reads the
build's values from this plugin. All per-build state lives on the instance.
"""

from __future__ import annotations

import json
import logging
from importlib.metadata import version
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import assets, checklists, pages
from .agenda import agenda_data
from .cache import cached
from .calendars import calendar_files
from .errors import InputError
from .settings import parse_settings
from .sitedata import SiteData
from .validate import load_plan

log = logging.getLogger("mkdocs.plugins.studyplan")
SHIM = "assets/vendor/iframe-worker/shim.js"
AGENDA_JS = "assets/agenda.js"  # the day-by-day agenda of every pace, for Today (loaded where Today shows)
PLAN_DATA_JS = "assets/plan-data.js"  # macros.browser_data for pages without #sp-data (week, phase, sheet dates)


def agenda_script(site: SiteData) -> str:
    """A plain script that sets one global, so it loads from file:// too."""
    data = json.dumps(agenda_data(site.agendas), ensure_ascii=False, separators=(",", ":"))
    return f"window.STUDYPLAN_AGENDA={data};\n"


def plan_data_script(site: SiteData) -> str:
    """`macros.browser_data` as a script setting one global, loaded by studyplan.js where a page lacks #sp-data."""
    from .macros import browser_data

    return f"window.STUDYPLAN_DATA={json.dumps(browser_data(site), ensure_ascii=False, separators=(',', ':'))};\n"


class _Setting(c.BaseConfigOption):
    """A setting checked by `settings.parse_settings` (which names the file,
    line and key), so mkdocs passes it through as written."""

    def run_validation(self, value: object) -> object:
        return value


class StudyplanConfig(base.Config):
    plan = c.Type(str, default="plan_data/plan.yaml")  # the plan file, relative to mkdocs.yml
    start_date = _Setting()  # YYYY-MM-DD: start of the prebuilt calendars (default: an example Monday)
    timezone = _Setting()  # IANA zone of the prebuilt calendars (default: UTC)
    times = _Setting()  # one HH:MM per daily block (default: the plan's block starts)
    weekend_time = _Setting()  # HH:MM (default: the plan's weekend start)
    weekend_days = _Setting()  # [sat, sun] (default), [sat] or [sun]
    paces = _Setting()  # plan lengths the site offers (default: [days, commitment.days])
    default_pace = _Setting()  # one of paces (default: the first)
    cache_dir = c.Type(str, default=".cache")  # PDF and calendar caches, relative to mkdocs.yml


class PlanProblems(PluginError):
    """The plan or the settings are bad: carries the InputError to report."""

    def __init__(self, error: InputError) -> None:
        super().__init__("the study plan has problems:\n" + str(error))
        self.error = error


class StudyplanPlugin(BasePlugin[StudyplanConfig]):
    def __init__(self) -> None:
        self.plan_path: Path | None = None  # set by `studyplan build --plan`; else config `plan`
        self.pages: dict[str, pages.Page] = {}  # this build's generated pages, by docs path
        self.serving = False
        self.site: SiteData | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def load(self, config: Any) -> SiteData:
        """The plan and settings of this config, or InputError (file, line, field)."""
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        path = self.plan_path or root / self.config.plan
        plan = load_plan(path, _display(path))
        config_file = config.config_file_path or "mkdocs.yml"
        lines = config_lines(Path(config_file))
        settings = parse_settings(
            plan, dict(self.config), source=_display(Path(config_file)),
            name=lambda key: f"plugins.studyplan.{key}", line=lambda key: lines.get(f"plugins.studyplan.{key}"),
            site_url=config.site_url)
        return SiteData(plan, settings, bool(config.use_directory_urls))

    def preload(self, config: Any) -> None:
        """Load before the build (the CLI does, to report problems our way);
        the build's on_config then uses this value instead of loading again."""
        self._preloaded = self.load(config)

    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        preloaded, self._preloaded = getattr(self, "_preloaded", None), None
        try:
            self.site = preloaded or self.load(config)
        except InputError as exc:
            raise PlanProblems(exc) from None
        if self.site.directory_urls != bool(config.use_directory_urls):  # set by a plugin before us (offline)
            self.site = SiteData(self.site.plan, self.site.settings, bool(config.use_directory_urls))
        plan = self.site.plan
        self.cache_dir = root / self.config.cache_dir
        config.nav = pages.nav(self.site)
        # Plan text is never markup; the theme writes these unescaped in places.
        if not config.site_name:
            config.site_name = Markup.escape(plan.title)
        if not config.site_description:
            config.site_description = Markup.escape(f"{plan.title}: {plan.subtitle}")
        config.extra["studyplan_plan_id"] = plan.id  # read by overrides/main.html
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        site = self.site
        assert site is not None
        if site.plan.project is None:  # a plan without a project has no project page
            project = files.get_file_from_path("project.md")
            if project:
                files.remove(project)
        self.pages = {**pages.generated_pages(site), **pages.checklist_pages(site)}
        made: dict[str, str | bytes] = {**{path: page.markdown for path, page in self.pages.items()},
                                        **self._calendar_files(site), **self._checklist_pdfs(site),
                                        AGENDA_JS: agenda_script(site), PLAN_DATA_JS: plan_data_script(site)}
        for path, content in made.items():
            files.append(File.generated(config, path, content=content))
        for path in assets.MINIFIED:  # our own scripts and styles ship minified
            file = files.get_file_from_path(path)
            if file:
                try:
                    file.content_string = assets.minified(path, file.content_string, self.cache_dir / "assets")
                except assets.MinifyError as exc:
                    raise PluginError(str(exc)) from None
        if SHIM in (config.extra.get("polyfills") or []):
            files.append(File.generated(config, SHIM, content=_shim(config)))
        return files

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        """Put back the HTML blocks our generated pages kept out of Markdown."""
        made = self.pages.get(page.file.src_uri)
        return made.fill(html) if made else html

    def _checklist_pdfs(self, site: SiteData) -> dict[str, bytes]:
        """checklists/<days>/checklists-{a4,letter}.pdf, cached outside the site.
        While `mkdocs serve` runs, a changed plan keeps the previous PDFs (the
        next `studyplan build` renders them), so the edit-reload loop stays fast."""
        cache = self.cache_dir / "checklists"
        result, stale, missing = {}, [], {}
        for days, p in site.paces.items():
            for paper in checklists.PAPERS:
                html = checklists.pdf_html(p, site.sheets[days], paper)
                latest = cache / f"latest-{site.plan.id}-{days}-{paper}.pdf"
                name = f"checklists/{days}/checklists-{paper}.pdf"
                if checklists.is_cached(html, cache):
                    result[name] = checklists.cached_pdf(html, cache)
                    latest.write_bytes(result[name])
                elif self.serving and latest.exists():
                    result[name] = latest.read_bytes()
                    stale.append(f"{days}/{paper}")
                else:
                    missing[name] = (html, latest)
        # A cold cache renders every PDF at once, one process per core.
        for name, data in zip(missing, checklists.render_many([html for html, _ in missing.values()])):
            html, latest = missing[name]
            result[name] = checklists.cached_pdf(html, cache, data)
            latest.write_bytes(data)
        result = dict(sorted(result.items()))
        if stale:
            log.info("checklist PDFs (%s) are from before this change; `studyplan build` renders them anew", ", ".join(stale))
        return result

    def _calendar_files(self, site: SiteData) -> dict[str, bytes]:
        """calendar/<days>/{daily,weekend,milestones}.ics for every pace,
        cached by the timeline and settings they are made from."""
        result = {}
        monday = site.settings.start_date.weekday() == 0  # the shared timelines start on a Monday
        for days, p in site.paces.items():
            key = json.dumps([version("icalendar"), site.timelines[days], repr(site.settings)], sort_keys=True)
            bundle = cached(self.cache_dir / "calendars", key, lambda p=p, days=days: json.dumps(
                {k: v.decode() for k, v in calendar_files(p, site.settings, site.timelines[days] if monday else None).items()}
            ).encode())
            for name, text in json.loads(bundle).items():
                result[f"calendar/{days}/{name}"] = text.encode()
        return result


def config_lines(path: Path) -> dict[str, int]:
    """Line of each `plugins.studyplan.<key>` in mkdocs.yml, for messages.
    Composing (not loading) the YAML needs none of mkdocs' tags (!ENV ...)."""
    import yaml

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    lines: dict[str, int] = {}
    plugins = _value(root, "plugins")
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
        node = _value(item, "studyplan")
        if isinstance(node, yaml.MappingNode):
            lines["plugins.studyplan"] = node.start_mark.line + 1
            for key, value in node.value:
                lines[f"plugins.studyplan.{key.value}"] = value.start_mark.line + 1
    return lines


def _value(node: Any, key: str) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if getattr(k, "value", None) == key), None)
    return None


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _shim(config: Any) -> bytes:
    """The iframe-worker shim of the offline copy, from the pinned npm package."""
    path = Path(config.config_file_path).resolve().parent / "node_modules" / "iframe-worker" / "shim" / "index.js"
    try:
        return path.read_bytes()
    except OSError:
        raise PluginError(f"{path} is missing: run `npm ci` (make offline does) to get the pinned iframe-worker") from None
