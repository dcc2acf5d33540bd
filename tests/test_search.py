"""Site search indexes reading text only (no drawing labels, form controls,
drop-downs or repeated day tables), and finds a week's concept on that
week's page first with a readable snippet: checked on the built index and
in the browser with Material's own search."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pytest
from conftest import PLAN
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.validate import load_plan

# Each week's distinctive terms: the week that has the whole word comes first, above pages that
# hold it only inside longer words ("startup", "starts" for STAR).
QUERIES = [("feature store", "feature-stores"), ("Trivy", "docker-deep-dive"), ("HPA", "kubernetes-advanced"),
           ("MLflow", "experiment-tracking"), ("STAR", "final-polish"), ("Feast", "feature-stores"),
           ("Triton", "model-serving"), ("DVC", "experiment-tracking")]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.fixture(scope="module")
def index(site_dir: Path) -> dict[str, dict]:
    docs = json.loads((site_dir / "search" / "search_index.json").read_text())["docs"]
    return {d["location"]: d for d in docs}


def test_drawings_and_controls_are_not_indexed(index: dict[str, dict]) -> None:
    plan = load_plan(PLAN)
    every = " ".join(d["title"] + " " + d["text"] for d in index.values())
    assert "Timeline of the plan" not in every and "days 1-30)" not in every  # the timeline's title and labels
    progress = " ".join(d["text"] for loc, d in index.items() if loc.startswith("progress/"))
    calendar = " ".join(d["text"] for loc, d in index.items() if loc.startswith("calendar/"))
    assert not [w.title for w in plan.weeks if w.title in progress]  # the Reset drop-down's week names
    for control in ("Export CSV", "Reset progress", "Yes, reset", "Undo replace"):
        assert control not in progress
    for label in ("Start date", "Afternoon", "Or separately"):
        assert label not in calendar


def test_week_checklist_is_indexed_once(index: dict[str, dict]) -> None:
    plan = load_plan(PLAN)
    for week in plan.weeks:
        text = " ".join(d["text"] for loc, d in index.items() if loc.startswith(f"weeks/{week.id}/"))
        for task in week.tasks:
            plain = escape(task.text, quote=False)
            assert text.count(f"<li> {plain}") == 1, (week.id, task.text)
            assert not re.search(re.escape(plain) + r" \d+ \d+", text), (week.id, task.text)  # no table of days


def _search(page, site_url: str, query: str) -> None:
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('Type')")
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    page.locator(".md-search-result__item").first.wait_for()


@pytest.mark.parametrize(("query", "week"), QUERIES)
def test_search_finds_the_week_first_with_a_readable_snippet(page, site_url: str, query: str, week: str) -> None:
    page.goto(site_url + f"weeks/{week}/")
    words = _words(page.locator("article").inner_text())
    _search(page, site_url, query)
    # Results follow each keystroke and are drawn anew: wait, in one check, for the week to come
    # first with its snippet drawn (innerText of an undrawn node runs its lines together) and
    # showing the query; else report what the reader sees.
    try:
        snippet = page.wait_for_function("""([w, q]) => {
            const item = document.querySelector('.md-search-result__item');
            const a = item && item.querySelector(':scope > a');
            if (!a || !a.getAttribute('href').includes('/weeks/' + w + '/')) return null;
            const articles = [...item.querySelectorAll('article')];
            if (!articles.length || !item.checkVisibility() || !articles[0].checkVisibility()) return null;
            const text = articles.map(x => x.innerText).join('\\n');
            return text.toLowerCase().includes(q.toLowerCase()) ? text : null;
        }""", arg=[week, query], timeout=5000).json_value()
    except PlaywrightTimeout:
        links = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        pytest.fail(f"{query!r}: the first result is not week {week}: {links}")
    assert query.lower() in snippet.lower()
    # Every word of the snippet is a word of the page: nothing run together ("MLServices").
    assert _words(snippet) <= words, _words(snippet) - words
    lines = [x.strip() for x in snippet.splitlines() if len(x.strip()) > 20]
    assert len(lines) == len(set(lines)), snippet  # no repeated rows
