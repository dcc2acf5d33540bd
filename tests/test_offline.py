"""The offline copy works straight from disk (file://) with no network request."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import ROOT, studyplan

from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)


@pytest.fixture(scope="module")
def offline_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = studyplan("offline", "--out", str(out))
    assert result.returncode == 0, result.stderr
    archive = out / f"{PLAN.id}-offline.zip"
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(target)
    return target / PLAN.id


def test_offline_copy_is_self_contained(offline_dir: Path) -> None:
    shim = offline_dir / "assets" / "vendor" / "iframe-worker" / "shim.js"
    assert shim.exists()
    for page in offline_dir.rglob("*.html"):
        html = page.read_text()
        assert "unpkg.com" not in html and "fonts.googleapis" not in html, page
    # The published site does not carry the third-party shim.
    assert "iframe-worker" not in (ROOT / "mkdocs.yml").read_text()


def test_offline_search_and_navigation(browser, offline_dir: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((offline_dir / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('Type')",
                           timeout=15000)
    page.locator("input.md-search__input").press_sequentially("Trivy", delay=50)
    # Results follow each keystroke: wait for the docker week among them.
    page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__item a')]"
                           ".some(a => a.href.includes('weeks/docker-deep-dive.html'))", timeout=10000)
    page.keyboard.press("Escape")
    # Navigation through the timeline and the tables.
    page.goto((offline_dir / "index.html").as_uri())
    page.locator("svg.sp-timeline a[data-week='kubernetes-advanced']").first.click()
    page.wait_for_url("**/weeks/kubernetes-advanced.html")
    # Ticks, checklists and progress work from disk.
    page.locator("label:has(input[data-task-id='k8s-hpa'])").first.click()
    page.goto((offline_dir / "checklists" / "90" / "kubernetes-advanced.html").as_uri())
    assert page.locator("input[data-task-id='k8s-hpa']").is_checked()
    page.goto((offline_dir / "progress.html").as_uri())
    with page.expect_download() as info:
        page.get_by_role("button", name="Export progress").click()
    assert "k8s-hpa" in Path(info.value.path()).read_text()
    page.goto((offline_dir / "calendar.html").as_uri())
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar").click()
    assert Path(info.value.path()).read_bytes().startswith(b"BEGIN:VCALENDAR")
    context.close()
    assert all(u.startswith(("file:", "blob:", "data:")) for u in requests), [
        u for u in requests if not u.startswith(("file:", "blob:", "data:"))]


@pytest.mark.parametrize(("query", "week"), [("STAR", "final-polish"), ("DVC", "experiment-tracking"),
                                             ("Triton", "model-serving")])
def test_offline_search_ranks_the_whole_word_week_first(browser, offline_dir: Path, query: str, week: str) -> None:
    """From disk too (the worker runs in the iframe shim), the week with the word comes first."""
    page = browser.new_page()
    page.goto((offline_dir / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('Type')",
                           timeout=15000)
    page.locator("input.md-search__input").press_sequentially(query, delay=50)
    page.wait_for_function("""([w, q]) => {
        const a = document.querySelector('.md-search-result__item > a');
        const mark = document.querySelector('.md-search-result__item mark');
        return a && a.href.includes('weeks/' + w + '.html') && mark && mark.textContent.toLowerCase() === q.toLowerCase();
    }""", arg=[week, query], timeout=10000)
    page.close()


def test_offline_open_on_another_device(browser, offline_dir: Path) -> None:
    """From disk, the link and its QR code are made (CompressionStream, the vendored lean-qr) and read back."""
    one = browser.new_context()
    page = one.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((offline_dir / "weeks" / "kubernetes-advanced.html").as_uri())
    page.locator("label:has(input[data-task-id='k8s-hpa'])").first.click()
    page.goto((offline_dir / "progress.html").as_uri())
    page.get_by_role("button", name="Open on another device").click()
    page.locator("#sp-device-qr svg").wait_for()
    link = page.get_by_label("Link", exact=True).input_value()
    assert link.startswith((offline_dir / "progress.html").as_uri() + "#import=")
    other = browser.new_context()  # another device with the same offline copy: its own storage
    page2 = other.new_page()
    page2.on("request", lambda r: requests.append(r.url))
    page2.goto(link)
    page2.locator("#sp-choice").get_by_role("button", name="Merge", exact=True).click()
    page2.get_by_role("status").filter(has_text="1 tick added").wait_for()
    page2.goto((offline_dir / "weeks" / "kubernetes-advanced.html").as_uri())
    assert page2.locator("input[data-task-id='k8s-hpa']").first.is_checked()
    one.close()
    other.close()
    assert any(u.endswith("assets/vendor/lean-qr/lean-qr.js") for u in requests)
    assert all(u.startswith(("file:", "blob:", "data:")) for u in requests), [
        u for u in requests if not u.startswith(("file:", "blob:", "data:"))]
