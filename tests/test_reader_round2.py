"""What a reader sees, second round (issue 25): the schedule page's lists,
a week page and a checklist sheet on paper, wide tables on small screens,
the words and formats of Progress, the Checklists index and its exports.
Each checked in Chromium the way a reader meets it."""

from __future__ import annotations

import io

import pytest
import yaml
from conftest import PLAN


def _plan() -> dict:
    return yaml.safe_load(PLAN.read_text())


def test_schedule_page_lists_are_real_lists(page, site_url: str) -> None:
    focus = _plan()["schedule"]["weekend"]["focus"]
    page.goto(site_url + "schedule/")
    heading = page.locator("h2#weekend-intensive")
    items = page.locator("h2#weekend-intensive + ul > li")
    assert items.count() == len(focus)
    for item, f in zip(items.all_inner_texts(), focus, strict=True):
        assert item.startswith(f["text"]) and "- " not in item and "\n" not in item.strip(), item
    after = heading.evaluate("h => h.nextElementSibling.nextElementSibling.tagName + ' ' + h.nextElementSibling.nextElementSibling.textContent")
    assert after.startswith("P The plan asks"), after
