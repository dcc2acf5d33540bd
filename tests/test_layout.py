"""What a reader sees at every width and on paper (Debian's chromium): pictures
fit their column, labels stay with their fields, file names never break,
wide tables scroll in their own box, dark-mode bars follow the theme, and
ticked boxes print as ticked squares."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from conftest import PLAN
from PIL import Image

from generator.validate import load_plan

WIDTHS = [320, 390, 768, 1280, 1600]
PLAN_ID = load_plan(PLAN).id
MM = 96 / 25.4  # CSS px per millimetre


def _open(browser, url: str, width: int, scheme: str = "light"):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    return context, page


# -- pictures -----------------------------------------------------------------

FIT = """(sel) => [...document.querySelectorAll(sel)].filter(s => s.getBoundingClientRect().width > 0).map(svg => {
  const box = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal, fig = svg.closest('.sp-figure');
  const scale = box.width / vb.width;
  const texts = [...svg.querySelectorAll('text')].map(t => {
    // Where the label is drawn, in viewBox units (a rotated label, such as an axis title, counts as drawn).
    const r = t.getBoundingClientRect(), b = {x: (r.left - box.left) / scale, y: (r.top - box.top) / scale,
                                              width: r.width / scale, height: r.height / scale};
    return {text: t.textContent, left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height,
            px: parseFloat(getComputedStyle(t).fontSize) * scale};
  });
  const links = [...svg.querySelectorAll('a')].map(a => {
    const r = a.getBoundingClientRect();
    return {week: a.dataset.week, inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.width > 0};
  });
  return {cls: svg.getAttribute('class'), vbw: vb.width, vbh: vb.height, scroll: fig.scrollWidth, client: fig.clientWidth,
          svgWidth: box.width, column: fig.clientWidth, texts, links};
})"""


def _check_pictures(found: list[dict], weeks: int | None) -> None:
    assert found
    for svg in found:
        assert svg["scroll"] <= svg["client"], svg["cls"]  # no picture overflows its container
        assert svg["svgWidth"] <= svg["column"] + 0.5
        for t in svg["texts"]:  # nothing cut off: every label inside the viewBox, legible
            assert t["left"] >= -0.5 and t["right"] <= svg["vbw"] + 0.5, (svg["cls"], t)
            assert t["top"] >= -0.5 and t["bottom"] <= svg["vbh"] + 0.5, (svg["cls"], t)
            assert t["px"] >= 9, (svg["cls"], t)
        if weeks is not None:
            assert len(svg["links"]) == weeks and all(x["inside"] for x in svg["links"]), svg["links"]


@pytest.mark.parametrize("width", WIDTHS)
def test_timelines_fit_their_column(browser, site_url: str, width: int) -> None:
    context, page = _open(browser, site_url, width)
    try:
        found = page.evaluate(FIT, "svg.sp-timeline")
        assert len(found) == 1  # one drawing shown: the one that fits
        _check_pictures(found, 24)
        page.goto(site_url + "phases/mlops-stack/")
        _check_pictures(page.evaluate(FIT, "svg.sp-timeline"), 12)
    finally:
        context.close()


def test_timeline_fits_every_width(browser, site_url: str) -> None:
    context, page = _open(browser, site_url, 320)
    try:
        for width in range(320, 1601, 40):
            page.set_viewport_size({"width": width, "height": 900})
            found = page.evaluate(FIT, "svg.sp-timeline")
            assert len(found) == 1, width
            _check_pictures(found, 24)
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_burnup_fits_its_column(browser, site_url: str, width: int) -> None:
    context, page = _open(browser, site_url, width)
    try:
        page.evaluate("""() => {
          localStorage.setItem('studyplan:mlops-interview-90-day:settings', JSON.stringify({start_date: '2027-01-04', pace: 120}));
          const done = {'docker-trivy-scan': '2027-01-06T10:00:00Z'};
          localStorage.setItem('studyplan:mlops-interview-90-day:progress', JSON.stringify({done: done, undone: {}}));
        }""")
        page.goto(site_url + "progress/")
        page.locator("svg.sp-burnup").wait_for()
        found = page.evaluate(FIT, "svg.sp-burnup")
        _check_pictures(found, None)
        assert "Mon 3 May 2027" in [t["text"] for t in found[0]["texts"]]  # the last day of 120, as a date
    finally:
        context.close()


# -- print ----------------------------------------------------------------------

BOX = """() => [...document.querySelectorAll('.sp-sheet .task-list-item')].slice(0, 2).map(li => {
  const r = li.getBoundingClientRect(), ind = li.querySelector('.task-list-indicator');
  const em = parseFloat(getComputedStyle(ind).fontSize);
  return {x: r.left - 1.5 * em, y: r.top + 0.2 * em + window.scrollY, size: em,
          checked: li.querySelector('input').checked};
})"""


def _dark(img: Image.Image, x: int, y: int) -> bool:
    return img.getpixel((x, y)) < 128


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_ticked_and_unticked_boxes_print_as_squares(browser, site_url: str, tmp_path: Path, scheme: str) -> None:
    printable = (210 - 28) * MM  # A4 less the 14 mm side margins of the print stylesheet
    context, page = _open(browser, site_url + "checklists/90/docker-deep-dive/", round(printable), scheme)
    try:
        page.locator(".sp-sheet input[type=checkbox]").first.check(force=True)
        page.emulate_media(media="print")
        boxes = page.evaluate(BOX)
        assert [b["checked"] for b in boxes] == [True, False]
        pdf = tmp_path / "sheet.pdf"
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()
    subprocess.run(["pdftoppm", "-r", "192", "-gray", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / f"print-{scheme}")],
                   check=True)
    img = Image.open(next(tmp_path.glob(f"print-{scheme}*.png"))).convert("L")
    k = 2  # 192 dpi: two pixels per CSS px
    for box in boxes:
        # The box's neighbourhood on the page (the stylesheet's margins are 12 mm top, 14 mm left).
        x0, y0 = round((box["x"] + 14 * MM) * k), round((box["y"] + 12 * MM) * k)
        pad, size = 6 * k, round(box["size"] * k)
        dark = [(x, y) for x in range(x0 - pad, x0 + size + pad) for y in range(y0 - pad, y0 + size + pad) if _dark(img, x, y)]
        assert dark, f"no box printed near {box}"
        left, right = min(x for x, _ in dark), max(x for x, _ in dark)
        top, bottom = min(y for _, y in dark), max(y for _, y in dark)
        w, h = right - left + 1, bottom - top + 1
        assert abs(w - h) <= 2 and abs(w - size) <= 3 * k, (box, w, h, size)  # a square of the box's size
        corners = [(left + 1, top + 1), (right - 1, top + 1), (left + 1, bottom - 1), (right - 1, bottom - 1)]
        assert all(_dark(img, x, y) for x, y in corners), "rounded corners: not a square"
        inner = [(x, y) for x in range(left + 4 * k, right - 4 * k + 1) for y in range(top + 4 * k, bottom - 4 * k + 1)]
        ticked = sum(_dark(img, x, y) for x, y in inner)
        assert (ticked > len(inner) // 20) == box["checked"], (box, ticked, len(inner))


# -- forms, file names, tables, bars ---------------------------------------------

def _measure(browser, site_url: str, width: int, script: str, paths: list[str]) -> list:
    """`script`'s list on each page (the Progress page once its script has shown it), joined."""
    context, page = _open(browser, site_url + paths[0], width)
    try:
        found = []
        for i, path in enumerate(paths):
            if i:
                page.goto(site_url + path)
            if path == "progress/":
                page.locator("#sp-progress:not([hidden])").wait_for()
            found += page.evaluate(script)
        return found
    finally:
        context.close()


PAIRS = """() => [...document.querySelectorAll('.md-typeset label[for]')].filter(l => l.offsetParent).map(l => {
  const f = document.getElementById(l.htmlFor), a = l.getBoundingClientRect(), b = f.getBoundingClientRect();
  return {label: l.textContent, sameLine: a.top < b.bottom && b.top < a.bottom, before: a.right <= b.left + 1,
          inside: b.right <= document.querySelector('.md-content__inner').getBoundingClientRect().right + 1};
})"""


@pytest.mark.parametrize("width", WIDTHS)
def test_labels_stay_with_their_fields(browser, site_url: str, width: int) -> None:
    pairs = _measure(browser, site_url, width, PAIRS, ["calendar/", "progress/"])
    assert len(pairs) >= 10
    assert [p for p in pairs if not (p["sameLine"] and p["before"] and p["inside"])] == []


WIDE_FONT = "body, input, select, button { font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace !important; }"


@pytest.mark.parametrize("width", [300, 320])
def test_fields_fit_whatever_the_font(browser, site_url: str, width: int) -> None:
    """A field's width does not follow the font: Debian 13's default fonts made the Time
    zone field 7 px wider than Debian 12's, out of its box at 320 px; a wide monospace
    font stands in for any such font here."""
    context, page = _open(browser, site_url + "calendar/", width)
    try:
        found = []
        for path in ["calendar/", "progress/"]:
            page.goto(site_url + path)
            if path == "progress/":
                page.locator("#sp-progress:not([hidden])").wait_for()
            page.add_style_tag(content=WIDE_FONT)
            found += [p for p in page.evaluate(PAIRS) if p["label"] != "Reset"]
    finally:
        context.close()
    assert len(found) >= 9
    assert [p for p in found if not (p["sameLine"] and p["before"] and p["inside"])] == []


FILE_NAMES = r"""() => [...document.querySelectorAll('.md-typeset code, .md-typeset .sp-file')]
  .filter(c => /^[\w.-]+\.(ics|pdf|json|csv|zip)$/.test(c.textContent))
  .map(c => ({name: c.textContent, lines: c.getClientRects().length}))"""


@pytest.mark.parametrize("width", WIDTHS)
def test_file_names_never_break(browser, site_url: str, width: int) -> None:
    names = _measure(browser, site_url, width, FILE_NAMES, ["calendar/", "checklists/"])
    assert len(names) >= 3
    assert [n for n in names if n["lines"] != 1] == []


TABLES = """() => { const col = document.querySelector('.md-content__inner').getBoundingClientRect();
  return {page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
          boxes: [...document.querySelectorAll('.md-typeset__scrollwrap')].map(w => { const r = w.getBoundingClientRect();
            return {inside: r.left >= col.left - 1 && r.right <= col.right + 1, scrolls: w.scrollWidth > w.clientWidth,
                    overflow: getComputedStyle(w).overflowX}; })}; }"""


@pytest.mark.parametrize("path", ["schedule/", "calendar/", "milestones/", "phases/foundations/", ""])
def test_wide_tables_scroll_in_their_own_box_on_mobile(browser, site_url: str, path: str) -> None:
    context, page = _open(browser, site_url + path, 390)
    try:
        page.locator(".md-typeset__scrollwrap").first.wait_for()
        found = page.evaluate(TABLES)
        assert found["page"]  # the page itself never scrolls sideways
        assert found["boxes"] and all(b["inside"] for b in found["boxes"]), found
        assert all(b["overflow"] == "auto" for b in found["boxes"] if b["scrolls"])
    finally:
        context.close()


def test_dark_mode_bars_use_the_theme(browser, site_url: str, tmp_path: Path) -> None:
    context, page = _open(browser, site_url, 1280, "dark")
    try:
        page.evaluate("localStorage.setItem('studyplan:mlops-interview-90-day:progress', JSON.stringify({done: {}, undone: {}}))")
        page.goto(site_url + "progress/")
        bar = page.locator(".sp-bar progress").first
        bar.wait_for()
        shot = tmp_path / "bar.png"
        bar.screenshot(path=str(shot))
        img = Image.open(shot).convert("L")
        middle = img.getpixel((img.width // 2, img.height // 2))
        assert middle < 128, f"an empty bar is bright ({middle}) in dark mode"
        track = page.evaluate("getComputedStyle(document.querySelector('.sp-bar progress')).backgroundColor")
        fg = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-default-fg-color--lightest')")
        assert track != "rgb(255, 255, 255)" and fg
    finally:
        context.close()


# -- nothing jumps ----------------------------------------------------------------

SHIFTS = """window.__shift = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
  .observe({type: "layout-shift", buffered: true});"""
SETTLED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(window.__shift))))"


@pytest.mark.parametrize("width", [320, 390, 768, 1280])
@pytest.mark.parametrize("start", [None, 30, 0, -10, -100])  # days from today: none yet, soon, today, running, over
def test_home_does_not_jump_when_today_appears(browser, site_url: str, width: int, start: int | None) -> None:
    """The home page keeps room for Start your plan / Today before studyplan.js fills
    it (cumulative layout shift well under 0.1, the 'good' mark)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    if start is not None:
        day = (dt.date.today() + dt.timedelta(days=start)).isoformat()
        page.add_init_script(f"localStorage.setItem('studyplan:{PLAN_ID}:settings',"
                             f" JSON.stringify({{start_date: '{day}', pace: 90, timezone: 'UTC'}}))")
    page.add_init_script(SHIFTS)
    page.goto(site_url)
    page.locator("#sp-start-form" if start is None else "#sp-today .sp-day").wait_for()
    shift = page.evaluate(SETTLED)
    context.close()
    assert shift < 0.05, f"layout shift {shift:.3f} at {width}px"
