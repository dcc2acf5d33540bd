"""axe-core finds no WCAG 2.1 A/AA problem, in light and dark mode; the
controls work from the keyboard."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = ["", "weeks/docker-deep-dive/", "checklists/90/docker-deep-dive/", "checklists/", "calendar/", "progress/",
         "phases/foundations/", "milestones/", "schedule/", "project/", "system-design/", "how-it-works/"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing(browser, site_url: str, axe: Axe, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = []
    for path in PAGES:
        page.goto(site_url + path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        problems += [(path, v["id"], [n["target"] for n in v["nodes"]]) for v in result.response["violations"]]
    context.close()
    assert problems == []


def test_pages_have_a_meta_description(site_dir) -> None:
    import re
    for page in site_dir.rglob("index.html"):
        html = page.read_text()
        match = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert match and len(match.group(1)) > 40, page


def test_keyboard_ticks_a_box(page, site_url: str) -> None:
    page.goto(site_url + "weeks/docker-deep-dive/")
    box = page.locator("input[data-task-id='docker-trivy-scan']")
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    assert page.evaluate("document.activeElement.dataset.taskId") == "docker-trivy-scan"


def test_keyboard_reaches_progress_controls(page, site_url: str) -> None:
    page.goto(site_url + "progress/")
    reached = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.tagName === 'BUTTON' ? document.activeElement.textContent.trim() "
                                  ": document.activeElement.id"))
    for name in ("Export progress", "Export CSV", "Import progress", "Reset progress", "sp-start", "sp-pace", "sp-reset-scope"):
        assert name in reached, name
    page.get_by_role("button", name="Reset progress").focus()
    page.keyboard.press("Enter")
    assert page.locator("#sp-confirm").is_visible()
    page.keyboard.press("Enter")  # focus moved into the confirmation: Cancel (nothing to reset)
    assert page.get_by_role("status").inner_text() == "Reset cancelled."


def test_timeline_weeks_are_keyboard_links(page, site_url: str) -> None:
    page.goto(site_url)
    link = page.locator("svg.sp-timeline a[data-week='model-serving']").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/weeks/model-serving/")
