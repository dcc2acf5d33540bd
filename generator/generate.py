"""Generate, then build: everything the site makes from the plan, written into
a build folder before any builder runs, so a builder that runs no MkDocs
plugin (Zensical) builds the same site.

`generate(config_file)` reads mkdocs.yml itself (no MkDocs import), loads the
plan and settings as the `studyplan` plugin does, and writes
`<cache_dir>/build/`: `docs/` (the user's docs/ with our scripts and styles
minified, the generated phase, week and checklist pages as plain Markdown with
their HTML blocks in place, the .ics files, the PDFs, assets/plan-data.js) and
`mkdocs.yml`, which inherits the user's and points the builder at that folder,
with the navigation and the names taken from the plan. The files come from
`sitefiles.site_files` (kept in the same memo as the plugin's), so both paths
place the same bytes; a file already written with the same bytes is left as it is.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import assets, model, pages
from .errors import InputError
from .memo import Memo, code_fingerprint
from .settings import parse_settings
from .sitedata import SiteData
from .source import read_text
from .validate import plan_from_text

BUILD = "build"  # under the cache dir
# Theme overrides written for Material's markup that Zensical's theme does its own
# way: its search partial is a button opening its own dialog (which has a name).
NOT_FOR_ZENSICAL = ("partials/search.html",)
ZENSICAL_CSS = "assets/zensical.css"  # what our side adds for Zensical's theme (generator/templates/zensical.css)
SETTINGS = ("start_date", "timezone", "times", "weekend_time", "weekend_days", "paces", "default_pace")


@dataclass(frozen=True)
class Build:
    """What `generate` wrote: the build folder, its docs and its config."""

    root: Path
    docs_dir: Path
    config_file: Path
    site: SiteData


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data: `!ENV` resolved, `INHERIT` merged (dicts by key)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        default = names.pop() if len(names) > 1 else None
        return next((os.environ[n] for n in names if n in os.environ), default)

    Loader.add_constructor("!ENV", env)
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Loader) or {}  # a SafeLoader with !ENV
    except (OSError, yaml.YAMLError) as exc:
        raise InputError.single(str(config_file), f"bad configuration: {exc}") from None
    parent = data.pop("INHERIT", None)
    if parent:
        data = _merge(read_config(config_file.parent / parent), data)
    return data


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def plugin_settings(config: dict[str, Any]) -> dict[str, Any] | None:
    """The `studyplan` entry of `plugins:` (None when it is not listed)."""
    for item in config.get("plugins") or []:
        if item == "studyplan":
            return {}
        if isinstance(item, dict) and "studyplan" in item:
            return dict(item["studyplan"] or {})
    return None


def load_plan(path: Path, cache_dir: Path, code: str) -> model.Plan:
    """The validated plan of the file at `path`, from the cache when the text and code are unchanged."""
    name = display(path)
    text = read_text(path, name)
    memo = Memo(cache_dir / "plans", text, code, classes=model.CLASSES)
    plan = memo.get("plan", lambda: plan_from_text(text, name))
    memo.save()
    return plan


def load_site(config_file: Path, plan: Path | None = None, cache_dir: Path | None = None) -> tuple[SiteData, dict, Path]:
    """(site data, the plugin's settings, cache dir) of this config, or InputError."""
    from .plugin import config_lines

    config_file = config_file.resolve()
    root = config_file.parent
    config = read_config(config_file)
    options = plugin_settings(config)
    if options is None:
        raise InputError.single(str(config_file), "expected the studyplan plugin under plugins:", field="plugins")
    cache = (cache_dir or root / options.get("cache_dir", ".cache")).resolve()
    code = code_fingerprint()
    the_plan = load_plan(plan or root / options.get("plan", "plan_data/plan.yaml"), cache, code)
    settings = parse_settings(
        the_plan, {k: options.get(k) for k in SETTINGS}, source=display(config_file),
        name=lambda key: f"plugins.studyplan.{key}",
        line=lambda key: config_lines(config_file).get(f"plugins.studyplan.{key}"),
        site_url=_dir_url(config.get("site_url")))
    return SiteData(the_plan, settings, bool(config.get("use_directory_urls", True))), config, cache


def _dir_url(url: object) -> str | None:
    """site_url as MkDocs normalises it (a directory: one trailing slash)."""
    if not url:
        return None
    return str(url) if str(url).endswith("/") else f"{url}/"


def outputs_memo(site: SiteData, cache_dir: Path, code: str | None = None) -> Memo:
    """The memo of everything made from (plan, settings, URL style, code): the plugin's too."""
    return Memo(cache_dir / "outputs", repr(site.plan), repr(site.settings), str(site.directory_urls),
                code or code_fingerprint())


def made_files(site: SiteData, memo: Memo, cache_dir: Path, serving: bool = False, pdfs: Any = None) -> tuple[dict, Any]:
    """(files, later): `sitefiles.site_files` from the memo when the inputs are
    unchanged (later: None); else every file but the checklist PDFs, and
    `later` (a `sitefiles.Later`) has them still rendering, for `finished`.
    `pdfs`: a `sitefiles.PdfRun` started earlier (see `start_pdfs`). Imported
    on a miss only: a build whose files are in the memo needs none of it."""
    if memo.has("files"):
        if pdfs is not None:
            pdfs.close()
        return memo.get("files", dict), None
    from .sitefiles import first_files

    later = first_files(site, cache_dir, serving, pdfs)
    return later.made, later


def finished(memo: Memo, later: Any) -> dict:
    """The files of `later` with their PDFs, kept in the memo unless some PDFs
    are from before a plan edit (`mkdocs serve`: not for the next build)."""
    made = later.finish()
    if not made["stale"]:
        memo.put("files", made)
    return made


def start_pdfs(site: SiteData, memo: Memo, cache_dir: Path, serving: bool = False, renderers: Any = None) -> Any:
    """When the memo lacks this build's files: a `sitefiles.PdfRun`, the weeks
    whose PDFs are not cached already rendering in worker processes while the
    build goes on (a one-line edit renders one week per pace and paper); else
    None. `renderers`: workers started before (see `warm_renderers`), used or stopped."""
    if memo.has("files"):
        if renderers is not None:
            renderers.close()
        return None
    from .sitefiles import PdfRun

    return PdfRun(site, cache_dir, serving, renderers)


def warm_renderers(config_file: Path, plan: Path | None = None, cache_dir: Path | None = None) -> Any:
    """PDF workers (`renderers.Renderers`) started now, before the build reads
    anything else, when the plan's text is new to the cache: an edit (one
    worker, for the few weeks it changes) or a first build (one per core).
    None when the text was built before, or when the config or plan cannot be
    read (the build then reports the problem)."""
    try:
        config = read_config(config_file)
        options = plugin_settings(config)
        if options is None:
            return None
        root = config_file.resolve().parent
        cache = (cache_dir or root / options.get("cache_dir", ".cache")).resolve()
        path = plan or root / options.get("plan", "plan_data/plan.yaml")
        text = read_text(path, str(path))  # as load_plan reads it
    except (InputError, OSError, AttributeError, TypeError):
        return None
    if Memo.exists(cache / "plans", text, code_fingerprint()):
        return None
    from .renderers import Renderers, cores

    first = not any((cache / "checklists").glob("*.pdf"))
    return Renderers.start(cores() if first else 1)


def filled(markdown: str, html: dict[str, str]) -> str:
    """A generated page as plain Markdown: every HTML block in its placeholder's
    place (each stands alone between blank lines, so Markdown passes it through as raw HTML)."""
    for key, block in html.items():
        mark = key[3:-4] if key.startswith("<p>") else key  # "<p>sp-raw-N</p>" stands for the paragraph sp-raw-N
        markdown = re.sub(rf"(?<![\w-]){re.escape(mark)}(?![\w-])", lambda _, b=block: b, markdown, count=1)
    return markdown


def generate(config_file: Path, plan: Path | None = None, cache_dir: Path | None = None, renderers: Any = None) -> Build:
    """Write the build folder of this config (see the module's docstring) and say where it is
    (`renderers`: PDF workers started before, see `warm_renderers`).
    The builder's config is Zensical's: MkDocs and ProperDocs place the same files through the plugin."""
    site, config, cache = load_site(config_file, plan, cache_dir)
    config_file = config_file.resolve()
    root = config_file.parent
    memo = outputs_memo(site, cache)
    made, later = made_files(site, memo, cache, pdfs=start_pdfs(site, memo, cache, renderers=renderers))
    if later is not None:
        made = finished(memo, later)
    memo.save()
    user_docs = root / config.get("docs_dir", "docs")
    out = cache / BUILD
    docs = out / "docs"
    files: dict[str, bytes] = {}
    for path in sorted(p for p in user_docs.rglob("*") if p.is_file()):
        files[path.relative_to(user_docs).as_posix()] = path.read_bytes()
    for page, absent in (("project.md", site.plan.project is None), ("system-design.md", site.plan.system_design is None)):
        if absent:  # a plan without the section has no page for it
            files.pop(page, None)
    ours = {p: files[p].decode("utf-8") for p in assets.MINIFIED if p in files}
    try:
        files.update({p: t.encode() for p, t in assets.minified(ours, cache / "assets").items()})
    except assets.MinifyError as exc:
        raise InputError.single(str(config_file), str(exc)) from None
    for path, (markdown, html) in made["pages"].items():
        files[path] = filled(markdown, dict(html)).encode()
    for path, content in made["files"].items():
        files[path] = content.encode() if isinstance(content, str) else content
    files[ZENSICAL_CSS] = (Path(__file__).parent / "templates" / "zensical.css").read_bytes()
    _write_tree(docs, files)
    theme_dir = (config.get("theme") or {}).get("custom_dir")
    if theme_dir:
        theme = root / theme_dir
        _write_tree(out / "overrides", {p.relative_to(theme).as_posix(): p.read_bytes() for p in theme.rglob("*")
                                        if p.is_file() and p.relative_to(theme).as_posix() not in NOT_FOR_ZENSICAL})
    generated = out / "mkdocs.yml"
    _write_if_changed(generated, _builder_config(config_file, config, site, docs, out, plan, memo.path.stem).encode())
    return Build(out, docs, generated, site)


def _builder_config(config_file: Path, config: dict, site: SiteData, docs: Path, out: Path, plan_file: Path | None,
                    inputs: str) -> str:
    """The builder's config: the user's mkdocs.yml, read from the build folder."""
    plan = site.plan
    theme = dict(config.get("theme") or {})
    extra: dict[str, Any] = {"studyplan_plan_id": plan.id,
                             "studyplan_build": {"config": str(config_file), "cache_dir": str(out.parent),
                                                 "plan": str(plan_file.resolve()) if plan_file else None,
                                                 # what the pages read: Zensical re-renders every page when it changes
                                                 "inputs": inputs}}
    values: dict[str, Any] = {
        "INHERIT": os.path.relpath(config_file, out),
        "docs_dir": os.path.relpath(docs, out),
        "site_dir": "site",
        "nav": pages.nav(site),
        "extra": extra,
        "extra_css": [ZENSICAL_CSS],  # added to the inherited list
    }
    if theme.get("custom_dir"):
        values["theme"] = {"custom_dir": "overrides"}
    if not config.get("site_name"):
        values["site_name"] = str(Markup.escape(plan.title))
    if not config.get("site_description"):
        values["site_description"] = str(Markup.escape(f"{plan.title}: {plan.subtitle}"))
    return "# Written by `studyplan build` (generator/generate.py): do not edit.\n" + json.dumps(values, ensure_ascii=False, indent=1) + "\n"


def _write_tree(directory: Path, files: dict[str, bytes]) -> None:
    """Make `directory` hold exactly `files`; unchanged files keep their times (builders skip them)."""
    directory.mkdir(parents=True, exist_ok=True)
    for path in directory.rglob("*"):
        if path.is_file() and path.relative_to(directory).as_posix() not in files:
            path.unlink()
    for name, content in files.items():
        _write_if_changed(directory / name, content)
    for path in sorted(directory.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _write_if_changed(path: Path, content: bytes) -> None:
    try:
        if path.read_bytes() == content:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_bytes(content)
    tmp.replace(path)


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
