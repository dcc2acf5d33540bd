"""Shared fixtures: the built site, a local HTTP server, a Chromium browser."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "tests" / "plans" / "full.yaml"  # a frozen copy of the shipped plan
SMALL = ROOT / "tests" / "plans" / "small.yaml"
# The test plans of other shapes (blocks, weekends, sections, week lengths) the rules are checked over.
SHAPE_PLANS = [ROOT / "tests" / "plans" / f for f in ("four-phases.yaml", "one-block.yaml", "small.yaml", "fri-sat.yaml",
                                                       "no-weekend.yaml", "own-weeks.yaml")]
CHROMIUM = "/usr/bin/chromium"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from current output")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def check_golden(path: Path, actual: str | bytes, update: bool) -> None:
    """Compare output with a golden file (or rewrite it with --update-goldens)."""
    binary = isinstance(actual, bytes)
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual) if binary else path.write_text(actual, encoding="utf-8", newline="")
        if not update:
            pytest.fail(f"golden file {path.name} was missing and has been written; check it and rerun")
    expected = path.read_bytes() if binary else path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from golden file {path}"


def small_plan(tmp_path: Path, edit: Callable[[dict], object]) -> Path:
    """A copy of tests/plans/small.yaml changed by `edit(data)`, as a file."""
    import yaml
    data = yaml.safe_load(SMALL.read_text())
    edit(data)
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def first_task(text: str) -> Callable[[dict], object]:
    """An edit for small_plan: give the first task this text."""
    return lambda data: data["phases"][0]["weeks"][0]["tasks"][0].__setitem__("text", text)


def studyplan(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the CLI the way a user does."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, check=False)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = studyplan("build", "--plan", str(PLAN), "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: run `make test`, which installs it")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking",
                                                              "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()
