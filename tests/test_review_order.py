"""Today puts the reviews of topics the reader rated low first (issue 16,
item 6): a topic's confidence is the lowest rating of its week's tasks
(unrated: 3), and the practice block's reviews are ordered by it."""

from __future__ import annotations

import datetime as dt

from conftest import PLAN as PLAN_FILE

from generator.agenda import Agenda
from generator.pace import pace
from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)


def _day_with_reviews_of_two_weeks() -> tuple[int, list[str]]:
    """A weekday whose practice block reviews topics of two weeks, and those topic ids."""
    agenda = Agenda(pace(PLAN, PLAN.days))
    week_of = {t.id: w.id for w in PLAN.weeks for t in w.topics}
    for e in agenda.entries():
        if len({week_of[t] for t in e.reviews}) >= 2:
            return e.day, list(e.reviews)
    raise AssertionError("no day reviews two weeks")


def test_low_confidence_reviews_come_first(page, site_url: str) -> None:
    day, reviews = _day_with_reviews_of_two_weeks()
    week_of = {t.id: w for w in PLAN.weeks for t in w.topics}
    titles = {t.id: t.title for t in PLAN.topics}
    last = reviews[-1]  # the last review by default; rate its week low
    low_week = week_of[last]
    others = [t for t in reviews if week_of[t] is not low_week]
    page.goto(site_url + f"weeks/{low_week.id}/")
    item = page.locator(f"li.sp-item:has(input[data-task-id='{low_week.tasks[0].id}'])")
    item.get_by_role("button", name="Add note").click()
    item.get_by_label("Confidence").select_option("1")
    start = dt.date(2027, 1, 4)  # a Monday, as the agenda counts
    page.clock.set_fixed_time(dt.datetime.combine(start + dt.timedelta(days=day - 1), dt.time(12), tzinfo=dt.UTC))
    page.evaluate("""([plan, pace]) => localStorage.setItem("studyplan:" + plan + ":settings",
                     JSON.stringify({start_date: "2027-01-04", pace: pace, timezone: "UTC"}))""", [PLAN.id, PLAN.days])
    page.goto(site_url)
    today = page.locator("#sp-today .sp-agenda-today")
    today.wait_for()
    texts = [t for t in today.locator("li li").all_inner_texts() if t.startswith("Review ")]
    order = [next(tid for tid in reviews if t.startswith(f"Review {titles[tid]}:")) for t in texts]
    low = [t for t in reviews if week_of[t] is low_week]
    assert set(order) == set(reviews), texts
    assert max(order.index(t) for t in low) < min(order.index(t) for t in others), texts  # the low week's first
    assert [t for t in order if t in low] == low and [t for t in order if t in others] == others  # otherwise in order
