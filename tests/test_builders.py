"""The three builders build the same site from the same sources: MkDocs 1.6
(default), ProperDocs and Zensical (which runs no MkDocs plugin, so
`studyplan build` generates the content first). Same pages at the same URLs,
the same main text on each, the same calendars and PDFs; and on the Zensical
build the scripts work (Today, a tick, import, the calendar download),
search finds a week's concept on that week first, and axe finds nothing."""

from __future__ import annotations

import functools
import re
import threading
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import _QuietHandler, studyplan
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Main(HTMLParser):
    """The text of a page's <article> (what the page says, without the theme's frame)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.skip, self.parts = 0, 0, []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        if tag not in VOID and (self.depth or tag == "article"):
            self.depth += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        if tag not in VOID and self.depth:
            self.depth -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)


def main_text(path: Path) -> str:
    parser = _Main()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


def made(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in (".html", ".ics", ".pdf"))


def _build(tmp_path_factory: pytest.TempPathFactory, builder: str) -> Path:
    pytest.importorskip(builder)
    base = tmp_path_factory.mktemp(builder)
    out = base / "site"
    result = studyplan("build", "--builder", builder, "--plan", str(PLAN_FILE), "--site-dir", str(out),
                       "--cache-dir", str(base / "cache"))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def zensical_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, "zensical")


@pytest.fixture(scope="module")
def zensical_url(zensical_dir: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(zensical_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_three_builders_make_the_same_pages_and_texts(tmp_path_factory, site_dir: Path, zensical_dir: Path) -> None:
    properdocs = _build(tmp_path_factory, "properdocs")
    assert 'content="zensical-' in (zensical_dir / "index.html").read_text()
    pages = made(site_dir)
    assert len(pages) > 50
    for other in (properdocs, zensical_dir):
        assert made(other) == pages
        for path in pages:
            a, b = site_dir / path, other / path
            if a.suffix == ".html":
                assert main_text(b) == main_text(a), (other.parent.name, path)
            else:  # calendars and PDFs: the same bytes
                assert b.read_bytes() == a.read_bytes(), (other.parent.name, path)
    week = main_text(zensical_dir / "weeks" / PLAN.weeks[0].id / "index.html")
    assert f"Week 1: {PLAN.weeks[0].title}" in week and PLAN.weeks[0].tasks[0].text in week


def test_zensical_site_has_our_scripts_and_data(zensical_dir: Path) -> None:
    home = (zensical_dir / "index.html").read_text()
    assert f'<meta name="studyplan-plan" content="{PLAN.id}">' in home  # overrides/main.html
    assert 'id="sp-data"' in home and "sp-raw-" not in home
    for path in ("assets/studyplan.js", "assets/calendar.js", "assets/device.js", "assets/rules.js", "assets/plan-data.js",
                 "assets/vendor/lean-qr/lean-qr.js"):
        assert (zensical_dir / path).stat().st_size > 1000, path
    assert not any("sp-raw-" in p.read_text() or "sp-late-" in p.read_text() for p in zensical_dir.rglob("*.html"))


def test_the_build_folder_holds_the_generated_docs(tmp_path: Path) -> None:
    """`generate` writes docs (the user's and the generated pages) and the builder's config; docs/ is untouched."""
    from generator.generate import generate

    root = PLAN_FILE.parent.parent.parent
    before = sorted(p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*") if p.is_file())
    built = generate(root / "mkdocs.yml", PLAN_FILE, tmp_path)
    assert built.docs_dir == tmp_path / "build" / "docs"
    docs = {p.relative_to(built.docs_dir).as_posix() for p in built.docs_dir.rglob("*") if p.is_file()}
    assert set(before) <= docs
    for week in PLAN.weeks:
        text = (built.docs_dir / "weeks" / f"{week.id}.md").read_text()
        assert "sp-raw-" not in text and "sp-late-" not in text
        assert 'data-task-id="' in text
    assert "calendar/90/daily.ics" in docs and "checklists/90/checklists-a4.pdf" in docs and "assets/plan-data.js" in docs
    after = sorted(p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*") if p.is_file())
    assert after == before
    mtimes = {p: p.stat().st_mtime_ns for p in built.docs_dir.rglob("*") if p.is_file()}
    generate(root / "mkdocs.yml", PLAN_FILE, tmp_path)  # the same inputs: nothing rewritten
    assert {p: p.stat().st_mtime_ns for p in built.docs_dir.rglob("*") if p.is_file()} == mtimes


def test_zensical_build_of_a_bad_plan_says_why_and_keeps_the_site(tmp_path: Path) -> None:
    pytest.importorskip("zensical")
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("old site")
    result = studyplan("build", "--builder", "zensical", "--plan", "tests/bad_plans/unknown_key.yaml",
                       "--site-dir", str(out), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 2
    assert result.stderr.startswith("tests/bad_plans/unknown_key.yaml:"), result.stderr
    assert (out / "index.html").read_text() == "old site"
    assert {p.name for p in tmp_path.iterdir()} <= {"cache", "site"}  # nothing half-built beside the site


@pytest.mark.parametrize("url", ["", "https://example.org/plan", "https://example.org/plan/"])
def test_generate_reads_the_settings_the_plugin_reads(monkeypatch, url: str) -> None:
    """generate reads mkdocs.yml itself: the same plan, settings and URL style as the plugin under MkDocs."""
    from mkdocs.config import load_config

    from generator.generate import load_site

    monkeypatch.setenv("SITE_URL", url)
    root = PLAN_FILE.parents[2]
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["studyplan"]
    plugin.plan_path = PLAN_FILE
    ours = plugin.load(config)
    theirs, _, _ = load_site(root / "mkdocs.yml", PLAN_FILE)
    assert repr(theirs.settings) == repr(ours.settings)
    assert theirs.plan == ours.plan and theirs.directory_urls == ours.directory_urls


# The browser tests that matter, on the Zensical build.

def test_zensical_today(page, zensical_url: str) -> None:
    import test_dates_browser

    test_dates_browser.test_today_shows_the_days_agenda(page, zensical_url)


def test_zensical_tick(page, zensical_url: str) -> None:
    import test_progress_browser

    test_progress_browser.test_tick_persists_and_shows_on_checklist(page, zensical_url)


def test_zensical_import(page, zensical_url: str, tmp_path: Path) -> None:
    """test_progress_browser's merge, read from our own status line: Zensical's
    theme gives its clipboard dialog role="status" too (Material's has no role)."""
    import json

    from progresspage import import_file
    from test_progress_browser import _box, _tick

    page.goto(zensical_url + "weeks/docker-deep-dive/")
    _tick(page, "docker-multi-stage-dockerfiles")
    _tick(page, "docker-image-size")
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id,
                                "done": {"k8s-probes": "2027-01-10T10:00:00Z", "docker-image-size": "2000-01-01T00:00:00Z"},
                                "undone": {"docker-multi-stage-dockerfiles": "2099-01-01T00:00:00Z"}}))
    page.goto(zensical_url + "progress/")
    import_file(page, path, "Merge")
    status = page.locator(".sp-status[role=status]").filter(has_text="Merged")
    status.wait_for()
    assert "1 tick added" in status.inner_text() and "1 untick applied" in status.inner_text()
    page.goto(zensical_url + "weeks/docker-deep-dive/")
    assert not _box(page, "docker-multi-stage-dockerfiles").is_checked()  # the newer untick won
    assert _box(page, "docker-image-size").is_checked()  # the local tick is newer than the file's
    page.goto(zensical_url + "weeks/kubernetes-fundamentals/")
    assert _box(page, "k8s-probes").is_checked()


def test_zensical_calendar_download(page, zensical_url: str, tmp_path_factory) -> None:
    """The Calendar page's download is the CLI's calendar (as in test_calendar_browser)."""
    from test_calendar_browser import _download, _events, _fill

    cli = tmp_path_factory.mktemp("cli")
    result = studyplan("calendar", "--plan", str(PLAN_FILE), "--days", "120", "--start", "2027-03-01",
                       "--tz", "America/New_York", "--out", str(cli), env={"SITE_URL": ""})
    assert result.returncode == 0, result.stderr
    expected: dict[str, tuple] = {}
    for path in cli.iterdir():
        expected.update(_events(path.read_bytes()))
    _fill(page, zensical_url, "2027-03-01", "America/New_York", "120")
    assert _events(_download(page)) == expected
    assert "Downloaded" in page.locator("#sp-cal-status").inner_text()


@pytest.mark.parametrize(("query", "week"), [("feature store", "feature-stores"), ("Trivy", "docker-deep-dive"),
                                           ("HPA", "kubernetes-advanced"), ("MLflow", "experiment-tracking")])
def test_zensical_search(page, zensical_url: str, query: str, week: str) -> None:
    """Zensical's own search (a button opening its dialog, results as a listbox):
    a week's concept finds that week first, with the query in the snippet."""
    page.goto(zensical_url)
    page.locator("button.md-search__button").click()
    page.get_by_role("combobox", name="Search").press_sequentially(query, delay=30)
    first = page.get_by_role("listbox", name="Search results").get_by_role("option").first
    try:
        page.wait_for_function("""([w]) => {
            const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot && e.shadowRoot.querySelector('[role=option]'));
            const a = host && host.shadowRoot.querySelector('[role=option]');
            return a && a.getAttribute('href').includes('/weeks/' + w + '/');
        }""", arg=[week], timeout=5000)
    except PlaywrightTimeout:  # report what the reader sees
        links = page.get_by_role("option").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        pytest.fail(f"{query!r}: the first result is not week {week}: {links}")
    assert query.lower() in first.inner_text().lower()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_zensical_axe_finds_nothing(browser, zensical_url: str, scheme: str) -> None:
    import test_accessibility
    from axe_playwright_python.sync_playwright import Axe

    test_accessibility.test_axe_finds_nothing(browser, zensical_url, Axe(), scheme)


@pytest.mark.parametrize("platform", ["x86_64-manylinux_2_28", "aarch64-manylinux_2_28", "x86_64-apple-darwin",
                                      "aarch64-apple-darwin"])
@pytest.mark.parametrize("python", ["3.11.2", "3.13"])
def test_zensical_lock_installs_beside_the_site_lock(platform: str, python: str, tmp_path: Path) -> None:
    """requirements/zensical.lock on top of site.lock: a wheel for every pin, nothing unpinned (as test_install)."""
    import subprocess
    import sys

    from test_install import _pins

    uv = Path(sys.executable).with_name("uv")
    if not uv.exists():
        pytest.fail("uv is missing from the test environment: run `make test`")
    locks = [PLAN_FILE.parents[2] / "requirements" / name for name in ("site.lock", "zensical.lock")]
    result = subprocess.run([str(uv), "pip", "install", "--dry-run", "--target", str(tmp_path), "--python-version", python,
                             "--python-platform", platform, "--only-binary", ":all:", "-r", str(locks[0]), "-r", str(locks[1])],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    chosen = {m.group(1).lower() for m in re.finditer(r"^ \+ (\S+==\S+)$", result.stderr + result.stdout, re.M)}
    assert "zensical==0.0.73" in chosen
    assert chosen <= _pins(locks[0]) | _pins(locks[1])
