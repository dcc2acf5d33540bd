"""Build the site into a temporary directory and swap it in, so a failed or
interrupted build never leaves a half-written site.

Builders: MkDocs 1.6 (default) or ProperDocs, its maintained drop-in
continuation: importing `properdocs.replacement` first makes every `mkdocs.*`
import (ours, Material's, the macros plugin's) load ProperDocs instead, so
nothing is imported at module level here. Both run the `studyplan` plugin,
which places what `sitefiles` made. Zensical runs no MkDocs plugin: our own
step (`generate.generate`) first writes the build folder, docs and config,
and Zensical builds that.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .errors import InputError

BUILDERS = ("mkdocs", "properdocs", "zensical")


def build_site(config_file: Path, site_dir: Path | None = None, plan: Path | None = None, builder: str = "mkdocs",
               cache_dir: Path | None = None) -> Path:
    """Build (strict) with `builder`, from the plan file `plan` (default: the
    studyplan plugin's `plan` setting), and return the final site directory."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # mkdocs' own notice about its 2.0, not for our readers
    from .generate import warm_renderers

    renderers = warm_renderers(config_file, plan, cache_dir)  # their set-up overlaps the builder's start
    try:
        return _build(config_file, site_dir, plan, builder, cache_dir, renderers)
    finally:
        if renderers is not None:
            renderers.close()


def _build(config_file: Path, site_dir: Path | None, plan: Path | None, builder: str, cache_dir: Path | None,
           renderers: Any) -> Path:
    if builder == "zensical":
        return _swap_in(_zensical(config_file, plan, cache_dir, renderers), Path(site_dir) if site_dir else None,
                        config_file)
    if builder == "properdocs":
        try:
            import properdocs.replacement  # noqa: F401  (redirects mkdocs.* to properdocs.*)
        except ImportError:
            raise InputError.single("--builder", "properdocs is not installed: run `make site BUILDER=properdocs`") from None
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    from .plugin import PlanProblems

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    try:
        config = load_config(str(config_file), strict=True)
    except ConfigurationError as exc:
        raise InputError.single(str(config_file), f"bad configuration: {exc}") from None
    except Abort:  # mkdocs has logged each problem ("Config value 'theme': ...") above
        raise InputError.single(str(config_file), "bad configuration: see the errors above") from None
    studyplan = config.plugins.get("studyplan")
    if studyplan is None:
        raise InputError.single(str(config_file), "expected the studyplan plugin under plugins:", field="plugins")
    if plan is not None:
        studyplan.plan_path = plan
    studyplan.renderers = renderers
    if cache_dir is not None:
        studyplan.config["cache_dir"] = str(cache_dir.resolve())
    studyplan.preload(config)  # plan and settings problems: file:line: field: ..., exit 2
    target = Path(site_dir or config["site_dir"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    try:
        config["site_dir"] = str(tmp)
        try:
            build(config)
        except PlanProblems as exc:
            raise exc.error from None
        except MkDocsException as exc:
            raise InputError.single(str(config_file), f"the site build failed: {exc}") from None
        except SystemExit as exc:  # mkdocs-macros exits on a template error
            raise RuntimeError(f"the site build failed (exit {exc.code}); see the messages above") from None
        old = target.with_name(f".{target.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            target.rename(old)
        tmp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def _zensical(config_file: Path, plan: Path | None, cache_dir: Path | None, renderers: Any) -> Path:
    """Generate the build folder, build it with Zensical (strict) and return
    the built site (inside the build folder: Zensical keeps site_dir under its config's directory)."""
    import subprocess
    import sys

    from .generate import generate

    try:
        import zensical  # noqa: F401
    except ImportError:
        raise InputError.single("--builder", "zensical is not installed: run `make site BUILDER=zensical`") from None
    made = generate(config_file, plan, cache_dir, renderers)  # plan and settings problems: file:line: field: ..., exit 2
    built = made.root / "site"
    shutil.rmtree(built, ignore_errors=True)
    run = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(made.config_file)],
                         capture_output=True, text=True, check=False)
    if run.returncode != 0 or not (built / "index.html").exists():
        sys.stderr.write(run.stdout + run.stderr)
        raise InputError.single(str(config_file), f"the site build failed: zensical exited with {run.returncode}")
    return built


def _swap_in(built: Path, site_dir: Path | None, config_file: Path) -> Path:
    """Move a finished site to `site_dir` (default: site_dir of the config), replacing the old one only now."""
    from .generate import read_config

    target = (site_dir or config_file.resolve().parent / read_config(config_file).get("site_dir", "site")).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    try:
        shutil.move(str(built), str(tmp / "site"))
        old = target.with_name(f".{target.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            target.rename(old)
        (tmp / "site").rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
