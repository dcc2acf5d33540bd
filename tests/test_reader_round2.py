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


def _weeks() -> list[str]:
    return [w["id"] for phase in _plan()["phases"] for w in phase["weeks"]]


def _pdf_text(pdf: bytes) -> list[str]:
    import pypdf
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _start(page, site_url: str, pace: int = 120, start: str = "2027-01-06") -> None:
    """A reader who started the plan on a Wednesday at this pace (Berlin), seen on 24 Feb 2027."""
    import datetime as dt
    import json
    page.clock.set_fixed_time(dt.datetime(2027, 2, 24, 11, tzinfo=dt.UTC))
    page.goto(site_url + "404.html")
    page.evaluate("([k, s]) => localStorage.setItem(k, s)", [f"studyplan:{_plan()['id']}:settings", json.dumps(
        {"start_date": start, "pace": pace, "timezone": "Europe/Berlin"})])


@pytest.mark.parametrize("reader", [False, True])
def test_week_page_prints_on_two_pages_at_most(page, site_url: str, reader: bool) -> None:
    if reader:  # the reader's own day table (120 days: the longest weeks) instead of the plan's
        _start(page, site_url)
    for week in _weeks():
        page.goto(site_url + f"weeks/{week}/")
        if reader:
            page.locator(".sp-agenda__reader tbody tr").first.wait_for()
        for fmt in ("A4", "Letter"):
            pages = _pdf_text(page.pdf(format=fmt))
            assert len(pages) <= 2, (week, fmt, len(pages))
            every = " ".join(pages)
            assert "Other paces" not in every and "At the 120-day pace" not in every, (week, fmt)
            assert "Week 1: Docker" not in every or week == "docker-deep-dive"  # no previous/next links
    # Rows of the day table are never split over two sheets; the task ids stay in the HTML.
    page.emulate_media(media="print")
    assert page.locator(".sp-agenda tr").first.evaluate("r => getComputedStyle(r).breakInside") == "avoid"
    assert page.locator("[data-task-id]").count() > 0


def test_checklist_sheets_print_questions_at_9pt_without_task_ids(page, site_url: str) -> None:
    ids = [t["id"] for phase in _plan()["phases"] for w in phase["weeks"] for t in w.get("tasks", [])]
    for days in (90, 120):
        page.goto(f"{site_url}checklists/{days}/all/")
        assert page.locator("code.sp-sheet__id").count() > 0  # in the HTML, for scripts
        page.emulate_media(media="print")
        sizes = page.locator(".sp-sheet__topics li").evaluate_all(
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert sizes and min(sizes) >= 12, min(sizes)  # 9 pt = 12 CSS px
        assert page.locator(".sp-sheet__id").first.is_hidden()
        for fmt in ("A4", "Letter"):
            pages = _pdf_text(page.pdf(format=fmt))
            assert len(pages) == len(_weeks()), (days, fmt)  # still one page per week
            every = " ".join(pages)
            assert not [i for i in ids if i in every], (days, fmt)
        page.emulate_media(media=None)


# Every table a reader may meet: the plan's pages and, once started, the reader's own tables.
TABLE_PAGES = ["", "schedule/", "calendar/", "milestones/", "system-design/", "checklists/", "progress/",
               "weeks/kubernetes-fundamentals/", "weeks/model-serving/", "phases/foundations/", "how-it-works/"]

MEASURE = """() => {
  const out = [];
  const vw = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > vw + 1) out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth);
  for (const t of document.querySelectorAll('article table')) {
    if (!t.checkVisibility()) continue;
    let box = t.parentElement;
    while (box && box.tagName !== 'ARTICLE' && !/auto|scroll/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
    const scroller = box && box.tagName !== 'ARTICLE' ? box : (/auto|scroll/.test(getComputedStyle(t).overflowX) ? t : null);
    const name = (t.closest('[id]') || {}).id + ' ' + (t.querySelector('th') || t).textContent.slice(0, 20);
    if (!scroller) {
      const r = t.getBoundingClientRect();
      if (r.right > vw + 1) out.push(name + ': cut off at ' + r.right);
      continue;
    }
    const r = scroller.getBoundingClientRect();
    if (r.right > vw + 1 || r.left < -1) out.push(name + ': its box runs off the screen');
    if (scroller.scrollWidth > scroller.clientWidth + 1) {
      const bg = getComputedStyle(scroller).backgroundImage;
      if (!bg.includes('gradient')) out.push(name + ': scrolls with no cue');
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", [320, 390, 768])
def test_every_table_fits_or_scrolls_in_its_own_box_with_a_cue(browser, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    _start(page, site_url)
    problems = []
    for path in TABLE_PAGES:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        if path.startswith("weeks/"):
            page.locator(".sp-agenda__reader tbody tr").first.wait_for()
        if path == "progress/":
            page.locator("#sp-report table").first.wait_for()
        problems += [f"{path or 'home'} at {width}px: {p}" for p in page.evaluate(MEASURE)]
    context.close()
    assert not problems, "\n".join(problems)


DATE = r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"


def _progress(page, done: dict, notes: dict | None = None, confidence: dict | None = None) -> None:
    import json
    page.evaluate("([k, s]) => localStorage.setItem(k, s)", [f"studyplan:{_plan()['id']}:progress", json.dumps(
        {"done": done, "undone": {}, "notes": notes or {}, "confidence": confidence or {}})])


def test_progress_words_dates_in_one_format_times_in_the_readers_zone(page, site_url: str) -> None:
    import re
    _start(page, site_url)  # Berlin; now 24 Feb 2027 11:00 UTC, 12:00 in Berlin
    t = "2027-01-10T10:00:00Z"
    _progress(page, {"docker-multi-stage-dockerfiles": t, "docker-layer-caching": t},
              {"docker-multi-stage-dockerfiles": {"text": "builder stage", "time": t}}, {"docker-multi-stage-dockerfiles": {"value": 3, "time": t}})
    page.goto(site_url + "progress/")
    report = page.locator("#sp-report")
    report.locator("table").wait_for()
    assert "started Wed 6 Jan 2027" in report.inner_text()
    dates = report.locator("table tbody tr td:nth-child(5)").all_inner_texts()  # Reached, Milestone, Status, Day, Date
    assert dates and all(re.fullmatch(DATE, d) for d in dates), dates
    assert not re.search(r"\d{4}-\d{2}-\d{2}", report.inner_text())
    # Move my end date: tasks per day as a reader counts them.
    page.get_by_label("Move my end date").check()
    page.get_by_role("button", name="Preview").click()
    line = page.locator(".sp-catchup__preview p").filter(has_text="From today").inner_text()
    rate = r"about (\d+ tasks? a day|1 task every (day|\d+ days))"
    assert re.fullmatch(rf"From today: {rate} now, {rate} with the new end date\.", line), line
    page.get_by_role("button", name="Apply new schedule").click()
    page.get_by_role("status").filter(has_text="New schedule applied").wait_for()
    # Reset offers both, in words that say what each clears; Everything clears exactly that, and undoes.
    options = page.locator("#sp-reset-scope option").all_inner_texts()
    assert options[:2] == ["Ticks only", "Everything (ticks, notes, ratings, catch-ups)"]
    page.get_by_label("Reset", exact=True).select_option(label="Everything (ticks, notes, ratings, catch-ups)")
    page.get_by_role("button", name="Reset progress").click()
    assert page.locator("#sp-confirm p").inner_text().startswith("Clear 2 ticks, 1 note, 1 rating, 1 catch-up?")
    page.get_by_role("button", name="Yes, reset").click()
    page.get_by_role("status").filter(has_text="Reset: 2 ticks, 1 note, 1 rating, 1 catch-up cleared.").wait_for()
    key = f"studyplan:{_plan()['id']}:progress"
    stored = page.evaluate("k => JSON.parse(localStorage.getItem(k))", key)
    assert not stored["done"] and not stored["confidence"] and not stored.get("replans")
    assert stored["notes"]["docker-multi-stage-dockerfiles"]["text"] == ""
    undo = page.locator(".sp-undo[data-kind=reset]")
    assert undo.inner_text().startswith("Reset Wed 24 Feb 2027 12:00: "), undo.inner_text()  # Berlin, not UTC
    page.get_by_role("button", name="Undo reset").click()
    page.get_by_role("status").filter(has_text="Reset undone").wait_for()
    stored = page.evaluate("k => JSON.parse(localStorage.getItem(k))", key)
    assert len(stored["done"]) == 2 and stored["notes"]["docker-multi-stage-dockerfiles"]["text"] == "builder stage"
    assert stored["confidence"] and len(stored["replans"]) == 1
    # Ticks only unticks and keeps the rest.
    page.get_by_label("Reset", exact=True).select_option("ticks")
    page.get_by_role("button", name="Reset progress").click()
    assert page.locator("#sp-confirm p").inner_text().startswith("Untick 2 boxes of the whole plan?")
    page.get_by_role("button", name="Yes, reset").click()
    page.get_by_role("status").filter(has_text="Reset: 2 boxes unticked.").wait_for()
    stored = page.evaluate("k => JSON.parse(localStorage.getItem(k))", key)
    assert not stored["done"] and stored["notes"]["docker-multi-stage-dockerfiles"]["text"] == "builder stage"
    assert stored["confidence"] and len(stored["replans"]) == 1


def test_checklists_index_names_every_week(page, site_url: str) -> None:
    plan = _plan()
    page.goto(site_url + "checklists/")
    for days in (90, 120):
        links = page.locator(f"article a[href*='checklists/{days}/'], article a[href^='{days}/']")
        texts = [t for t in links.all_inner_texts() if t.startswith("Week ")]
        assert texts == [f"Week {w['number']}: {w['title']}" for ph in plan["phases"] for w in ph["weeks"]], (days, texts)


def test_print_whats_left_prints_only_unticked_tasks(page, site_url: str) -> None:
    week = "kubernetes-advanced"
    tasks = [t for ph in _plan()["phases"] for w in ph["weeks"] if w["id"] == week for t in w["tasks"]]
    page.goto(site_url + f"checklists/90/{week}/")
    page.locator(f"input[data-task-id='{tasks[0]['id']}']").check(force=True)
    page.evaluate("window.print = () => { window.__printed = document.body.classList.contains('sp-left'); }")
    page.get_by_role("button", name="Print what's left").click()
    assert page.evaluate("window.__printed")
    text = " ".join(_pdf_text(page.pdf(format="A4")))
    assert tasks[0]["text"][:40] not in text
    assert all(t["text"][:40] in text for t in tasks[1:]), text
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")  # the print is over: a plain print has every task
    assert tasks[0]["text"][:40] in " ".join(_pdf_text(page.pdf(format="A4")))
    # All weeks: a week with every task ticked leaves no page.
    page.goto(site_url + "checklists/90/all/")
    for box in page.locator(f"#sheet-{week} input[type=checkbox]").all():
        box.check(force=True)
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print what's left").click()
    assert len(_pdf_text(page.pdf(format="A4"))) == len(_weeks()) - 1


def test_readme_starts_with_a_learners_quick_start() -> None:
    import re

    from conftest import ROOT
    readme = (ROOT / "README.md").read_text()
    first = readme.split("\n## ")[1]
    assert first.startswith("For learners\n")
    steps = re.findall(r"^(\d)\. \*\*(.+?)\*\*", first, flags=re.M)
    assert [n for n, _ in steps] == ["1", "2", "3", "4", "5"]
    assert [t for _, t in steps] == ["Open the site", "Start your plan", "Import the calendar", "Print a week",
                                     "Tick and keep a copy"]
    flat = " ".join(readme.split())
    assert "separate progress" in flat and "Import progress (Merge) on the other" in flat
    assert "`make offline` needs `node` and `npm`" in flat
    serves = re.findall(r"python3 -m http\.server[^`\n]*", readme)
    assert serves and all("-b 127.0.0.1" in s for s in serves), serves


def test_make_offline_says_it_needs_node_and_npm(tmp_path) -> None:
    import subprocess

    from conftest import ROOT
    result = subprocess.run(["/usr/bin/make", "-B", "--no-print-directory", "node_modules/.installed"], cwd=ROOT,
                            env={"PATH": str(tmp_path)}, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "needs node and npm" in result.stderr and "apt-get install nodejs npm" in result.stderr


def test_tasks_per_day_words_are_one_rule_in_python_and_the_browser() -> None:
    """Preview (rules.js) and `studyplan replan` (replan.rate) say a rate alike."""
    import json
    import subprocess

    from conftest import ROOT

    from generator.replan import rate
    grid = [(k, d) for k in range(0, 40) for d in range(0, 40)]
    script = ("const R = require(process.argv[1]); const g = JSON.parse(process.argv[2]);"
              "console.log(JSON.stringify(g.map(([k, d]) => R.rate(k, d))));")
    out = subprocess.run(["node", "-e", script, str(ROOT / "docs/assets/rules.js"), json.dumps(grid)],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [rate(k, d) for k, d in grid]
    assert rate(10, 30) == "about 1 task every 3 days" and rate(7, 3) == "about 2 tasks a day" and rate(5, 5) == "about 1 task a day"


@pytest.mark.parametrize("width", [320, 390, 1280, 1600])
def test_burnup_has_date_axis_y_label_and_named_milestones(browser, site_url: str, width: int) -> None:
    import re
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    _start(page, site_url)
    page.goto(site_url + "progress/")
    chart = page.locator("svg.sp-burnup")
    chart.wait_for()
    labels = chart.locator("text.sp-bu-label").all_text_contents()
    assert "tasks done" in labels
    assert "Wed 6 Jan" in labels and "Wed 5 May 2027" in labels  # the reader's first and last day (120 days)
    assert sum(bool(re.fullmatch(r"\w{3} \d{1,2} \w{3}( \d{4})?", x)) for x in labels) == 3
    milestones = _plan().get("milestones", [])
    numbers = chart.locator("g.sp-bu-milestone text").all_text_contents()
    legend = page.locator(".sp-bu-legend").inner_text()
    assert numbers == [str(i + 1) for i in range(len(numbers))] and numbers
    assert legend.startswith("Dashed line: expected by the plan. Solid line: done. Milestones: 1 ")
    for m in milestones:
        assert m["title"] in legend
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box  # fits the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
