"""mkdocs hooks: load the plan, add the generated pages, set the navigation.

Named in mkdocs.yml under `hooks:`. Plan problems stop the build with the
validator's messages.
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator import pages
from generator.errors import InputError
from generator.sitedata import site_data


def _site(config: Any):
    try:
        return site_data(config)
    except InputError as exc:
        raise PluginError("the study plan has problems:\n" + str(exc)) from None


def on_config(config: Any) -> Any:
    config["nav"] = pages.nav(_site(config))
    return config


def on_files(files: Files, config: Any) -> Files:
    site = _site(config)
    if site.plan.project is None:  # a plan without a project has no project page
        project = files.get_file_from_path("project.md")
        if project:
            files.remove(project)
    for path, content in pages.generated_pages(site).items():
        files.append(File.generated(config, path, content=content))
    return files
