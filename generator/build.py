"""Build the site into a temporary directory and swap it in, so a failed or
interrupted build never leaves a half-written site.

Builders: MkDocs 1.6 (default) or ProperDocs, its maintained drop-in
continuation: importing `properdocs.replacement` first makes every `mkdocs.*`
import (ours, Material's, the macros plugin's) load ProperDocs instead, so
nothing is imported at module level here.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from .errors import InputError

BUILDERS = ("mkdocs", "properdocs")


def build_site(config_file: Path, site_dir: Path | None = None, plan: Path | None = None, builder: str = "mkdocs",
               cache_dir: Path | None = None) -> Path:
    """Build (strict) with `builder`, from the plan file `plan` (default: the
    studyplan plugin's `plan` setting), and return the final site directory."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # mkdocs' own notice about its 2.0, not for our readers
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
