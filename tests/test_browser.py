"""In a real browser (Debian's chromium): search works and nothing leaves 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout


def test_search_finds_trivy_in_the_docker_week(page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    meta = page.locator(".md-search-result__meta")
    meta.wait_for()
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('Type')")
    page.locator("input.md-search__input").press_sequentially("Trivy", delay=50)
    # Results follow each keystroke: wait for the docker week among them (else say what is there).
    try:
        page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__item a')]"
                               ".some(a => a.href.includes('/weeks/docker-deep-dive/'))", timeout=10000)
    except PlaywrightTimeout:
        links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
        pytest.fail(f"no result in the docker week: {links}")
    page.locator(".md-search-result__item a[href*='docker-deep-dive']").first.click()
    page.wait_for_url("**/weeks/docker-deep-dive/**")
    assert "Week 1: Docker Deep Dive" in page.locator("h1").inner_text()


def test_no_request_leaves_localhost(page, site_url: str) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname or request.url))
    for path in ["", "weeks/docker-deep-dive/", "schedule/", "milestones/", "phases/foundations/"]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert hosts == {"127.0.0.1"}


def test_dark_mode_toggle(page, site_url: str) -> None:
    page.goto(site_url)
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {before, after} == {"default", "slate"}
