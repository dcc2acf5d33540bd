"""The `studyplan` MkDocs plugin: loads the plan and the settings once per
build, sets the navigation, and places every file made from the plan (phase,
week and checklist pages, .ics files, PDFs, the offline copy's vendored shim)
and ships our own scripts and styles minified (assets.py). What it places is
what `generate` writes for builders without MkDocs plugins (Zensical): the
same steps (`generate.load_plan`, `generate.made_files`) and the same memo.

Registered through the `mkdocs.plugins` entry point (pyproject.toml); listed
in mkdocs.yml before `macros`, whose module (`generator.macros`) reads the
build's values from this plugin. All per-build state lives on the instance.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import assets, model, pages, searchrank
from .errors import InputError
from .generate import finished, load_plan, made_files, outputs_memo, start_pdfs
from .memo import Memo, code_fingerprint
from .settings import parse_settings
from .sitedata import SiteData

SHIM = "assets/vendor/iframe-worker/shim.js"


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
    weekend_days = _Setting()  # some of the plan's weekend days (default: all of them, e.g. [sat, sun])
    paces = _Setting()  # plan lengths the site offers (default: [days, commitment.days])
    default_pace = _Setting()  # one of paces (default: the first)
    cache_dir = c.Type(str, default=".cache")  # PDF and calendar caches, relative to mkdocs.yml


class PlanProblems(PluginError):
    """The plan or the settings are bad: carries the InputError to report."""

    def __init__(self, error: InputError) -> None:
        super().__init__("the study plan has problems:\n" + str(error))
        self.error = error


class WrittenLater(File):
    """A generated file that MkDocs links to but does not write: the plugin
    writes it in on_post_build, once its content (a checklist PDF) is made."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class StudyplanPlugin(BasePlugin[StudyplanConfig]):
    def __init__(self) -> None:
        self.plan_path: Path | None = None  # set by `studyplan build --plan`; else config `plan`
        self.pages: dict[str, pages.Page] = {}  # this build's generated pages, by docs path
        self.serving = False
        self.site: SiteData | None = None
        self.memo: Memo | None = None  # what this build made, kept for the next one with the same inputs
        self.code = ""  # fingerprint of the generator's code: part of every memo key
        self.renderers: Any = None  # PDF workers started before the build (`studyplan build`), for on_config
        self.pdfs: Any = None  # a sitefiles.PdfRun started in on_config, handed to on_files
        self.later: Any = None  # a sitefiles.Later: the PDFs still rendering, written in on_post_build
        self.later_files: dict[str, File] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def load(self, config: Any) -> SiteData:
        """The plan and settings of this config, or InputError (file, line, field)."""
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        path = self.plan_path or root / self.config.plan
        self.code = code_fingerprint()
        plan = self._plan(path, root / self.config.cache_dir)
        config_file = config.config_file_path or "mkdocs.yml"
        settings = parse_settings(  # lines of mkdocs.yml are read only for a message
            plan, dict(self.config), source=_display(Path(config_file)),
            name=lambda key: f"plugins.studyplan.{key}",
            line=lambda key: config_lines(Path(config_file)).get(f"plugins.studyplan.{key}"),
            site_url=config.site_url)
        return SiteData(plan, settings, bool(config.use_directory_urls))

    def _plan(self, path: Path, cache_dir: Path) -> model.Plan:
        """The validated plan of the file at `path`; a plan validated before
        (same text, same generator code) is read back from the cache."""
        return load_plan(path, cache_dir, self.code)

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
        self.memo = outputs_memo(self.site, self.cache_dir, self.code)
        self._stop_pdfs()
        # rendered while MkDocs reads the docs and writes the pages
        self.pdfs = start_pdfs(self.site, self.memo, self.cache_dir, self.serving, self.renderers)
        self.renderers = None
        config.nav = pages.nav(self.site)
        # Plan text is never markup; the theme writes these unescaped in places.
        if not config.site_name:
            config.site_name = Markup.escape(plan.title)
        if not config.site_description:
            config.site_description = Markup.escape(f"{plan.title}: {plan.subtitle}")
        config.extra["studyplan_plan_id"] = plan.id  # read by overrides/main.html
        return config

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """Keep the theme's compiled templates between builds (Jinja checks each
        template's source before using its bytecode)."""
        from jinja2 import FileSystemBytecodeCache

        directory = self.cache_dir / "jinja"
        directory.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(directory))
        return env

    def on_files(self, files: Files, *, config: Any) -> Files:
        site = self.site
        assert site is not None
        for path, absent in (("project.md", site.plan.project is None), ("system-design.md", site.plan.system_design is None)):
            page = files.get_file_from_path(path) if absent else None  # a plan without the section has no page for it
            if page:
                files.remove(page)
        memo = self.memo
        assert memo is not None
        made, self.later = made_files(site, memo, self.cache_dir, self.serving, self.pdfs)
        self.pdfs = None
        self.pages = {path: pages.Page(markdown, dict(html)) for path, (markdown, html) in made["pages"].items()}
        made = {**{path: markdown for path, (markdown, _) in made["pages"].items()}, **made["files"]}
        for path, content in made.items():
            files.append(File.generated(config, path, content=content))
        self.later_files = {path: WrittenLater.generated(config, path, content=b"") for path in
                            (self.later.names if self.later else ())}  # the PDFs: linked now, written in on_post_build
        for file in self.later_files.values():
            files.append(file)
        ours = {path: file for path in assets.MINIFIED if (file := files.get_file_from_path(path))}
        try:  # our own scripts and styles ship minified
            for path, text in assets.minified({p: f.content_string for p, f in ours.items()}, self.cache_dir / "assets").items():
                ours[path].content_string = text
        except assets.MinifyError as exc:
            raise PluginError(str(exc)) from None
        for file in files:
            if searchrank.is_worker(file.src_uri):
                file.content_string = searchrank.ranked(file.content_string)
        if SHIM in (config.extra.get("polyfills") or []):
            files.append(File.generated(config, SHIM, content=_shim(config)))
        return files

    def _stop_pdfs(self) -> None:
        for running in (self.renderers, self.pdfs, self.later):
            if running is not None:
                running.close()
        self.renderers = self.pdfs = self.later = None

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_pdfs()

    @event_priority(100)  # before other plugins' on_post_build: they may read the PDFs
    def on_post_build(self, *, config: Any) -> None:
        if self.later is not None:  # the pages are written: now wait for the PDFs
            assert self.memo is not None
            from .renderers import RenderError

            try:
                made = finished(self.memo, self.later)
            except RenderError as exc:
                raise PluginError(f"the checklist PDFs could not be made: {exc}") from None
            finally:
                self._stop_pdfs()
            for path, file in self.later_files.items():
                file.content_bytes = made["files"][path]
                File.copy_file(file)
        self.later_files = {}
        if self.memo is not None:
            self.memo.save()

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        """Put back the HTML blocks our generated pages kept out of Markdown."""
        made = self.pages.get(page.file.src_uri)
        return made.fill(html) if made else html

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        """Put back the blocks the site search leaves out (it has read the page by now)."""
        made = self.pages.get(page.file.src_uri)
        return made.fill(output, late=True) if made else output


def config_lines(path: Path) -> dict[str, int]:
    """Line of each `plugins.studyplan.<key>` in mkdocs.yml, for messages.
    Composing (not loading) the YAML needs none of mkdocs' tags (!ENV ...)."""
    import yaml

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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
