"""The timeline and burn-up pictures: valid SVG, accessible, right coordinates,
no overlapping labels for any plan, golden CLI chart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import ROOT, check_golden, studyplan
from hypothesis import given, settings
from hypothesis import strategies as st
from planfactory import fixed_plan, plan_data

from generator.pace import pace
from generator.pictures import text_width, timeline_svg, week_label
from generator.validate import load_plan, plan_from_data

NS = {"s": "http://www.w3.org/2000/svg"}
PLAN = load_plan(PLAN_FILE)


def _svgs(html: str, cls: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(rf'<svg class="{cls}[ "].*?</svg>', html, flags=re.S)]


def _drawings(svg_text: str) -> list[ET.Element]:
    """The drawings timeline_svg returns (wide and narrow)."""
    return list(ET.fromstring(f'<root xmlns="{NS["s"]}">{svg_text}</root>'))


def check_timeline(svg: ET.Element, plans: list) -> None:
    """`plans`: the paces drawn."""
    assert svg.find("s:title", NS).text
    assert svg.find("s:desc", NS).text
    assert "data-search-exclude" in svg.attrib  # the site search indexes words, not drawings
    assert not svg.findall(".//s:script", NS) and not [k for k in svg.attrib if k.startswith("on")]
    width = float(svg.get("viewBox").split()[2])
    size = float(svg.get("font-size"))
    weeks = svg.findall(".//s:a", NS)
    expected = [(p, w) for p in plans for w in p.plan.weeks]
    assert len(weeks) == len(expected)
    per_day: dict[int, set[float]] = {}
    for a, (plan, week) in zip(weeks, expected):
        assert a.get("href").endswith(f"weeks/{week.id}/")
        span = plan.week(week)
        assert (int(a.get("data-start")), int(a.get("data-end"))) == (span.start, span.end)
        rect = a.find("s:rect", NS)
        x, w = float(rect.get("x")), float(rect.get("width"))
        assert x >= 0 and x + w <= width
        # One day is as wide everywhere in a pace's rows: segments are to scale.
        per_day.setdefault(plan.days, set()).add((w + 2) / span.days)
        assert week.title in a.find("s:title", NS).text
        # The label is the whole title (wrapped) or the week number, and it fits.
        lines = [t.text for t in a.findall("s:text", NS)]
        assert lines in ([], [str(week.number)]) or " ".join(lines).replace("- ", "-") == " ".join(week.title.split())
        for line in lines:
            assert text_width(line, size) <= w, line
    for values in per_day.values():
        assert max(values) - min(values) <= 0.05, values
    markers = svg.findall(".//s:g[@data-milestone]", NS)
    assert [int(g.get("data-day")) for g in markers] == [p.day_of(m) for p in plans for m in p.plan.milestones]
    for g in markers:
        x = float(re.match(r"M([\d.]+)", g.find("s:path", NS).get("d")).group(1))
        assert 0 < x < width
    # Milestone day labels never overlap and stay inside the picture.
    boxes = []
    for t in svg.findall(".//s:g[@data-milestone]/s:text", NS):
        half = text_width(t.text, float(t.get("font-size"))) / 2
        boxes.append((float(t.get("x")) - half, float(t.get("x")) + half, t.get("y")))
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[1] <= width
        for b in boxes[i + 1:]:
            assert a[2] != b[2] or a[1] < b[0] or b[1] < a[0]


def check_drawings(svg_text: str, plans: list) -> None:
    drawings = _drawings(svg_text)
    assert [d.get("class") for d in drawings] == ["sp-timeline sp-timeline--wide", "sp-timeline sp-timeline--narrow"]
    for d in drawings:
        check_timeline(d, plans)


def test_home_timeline(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text()
    svgs = _svgs(html, "sp-timeline")
    assert len(svgs) == 2
    for svg in svgs:
        check_timeline(svg, [pace(PLAN, 90), pace(PLAN, 120)])
    for href in re.findall(r'<a href="(weeks/[^"]+)"', html):
        assert (site_dir / href / "index.html").exists()


def test_phase_pages_highlight_their_phase(site_dir: Path) -> None:
    for phase in PLAN.phases:
        html = (site_dir / "phases" / phase.id / "index.html").read_text()
        for svg in _svgs(html, "sp-timeline"):
            check_timeline(svg, [pace(PLAN, 90)])
            on = svg.findall(".//s:g[@class='sp-tl-phase sp-tl-phase--on']", NS)
            assert [g.get("data-phase") for g in on] == [phase.id]
            for a in svg.findall(".//s:a", NS):
                assert a.get("href").startswith("../../weeks/")


@settings(max_examples=60, deadline=None)
@given(plan_data(), st.integers(28, 365))
def test_timeline_scales_with_any_plan(data: dict, days: int) -> None:
    base = plan_from_data(data)
    if days < len(base.weeks):
        return
    plans = [pace(base, base.days), pace(base, days)]
    check_drawings(timeline_svg(plans), plans)


@pytest.mark.parametrize(("phases", "weeks", "days"), [(2, 6, 28), (8, 52, 365), (8, 52, 120), (2, 6, 365)])
def test_extreme_plans(phases: int, weeks: int, days: int) -> None:
    per = [weeks // phases + (1 if i < weeks % phases else 0) for i in range(phases)]
    base = plan_from_data(fixed_plan(per, min(364, max(days, weeks))))
    plans = [pace(base, base.days), pace(base, days)]
    check_drawings(timeline_svg(plans), plans)


def test_week_labels_wrap_at_spaces_and_hyphens() -> None:
    assert week_label("Company-Specific Prep", 11, 90, 12.5) == ["Company-", "Specific", "Prep"]
    assert week_label("Docker Deep Dive", 1, 200, 12.5) == ["Docker Deep Dive"]
    assert week_label("Kubernetes Fundamentals", 2, 70, 12.5) == ["2"]  # a word wider than the segment
    assert week_label("A B C D", 3, 20, 12.5, max_lines=3) == ["3"]  # more lines than allowed
    assert week_label("Feature Stores", 12, 10, 12.5) == []


def _inside(svg: ET.Element) -> None:
    """Every label of a burn-up lies inside its viewBox (by the generous width estimate)."""
    width = float(svg.get("viewBox").split()[2])
    size = float(svg.get("font-size"))
    for t in svg.iter(f"{{{NS['s']}}}text"):
        x, w = float(t.get("x")), text_width(t.text, size)
        left = {"start": x, "middle": x - w / 2, "end": x - w}[t.get("text-anchor", "start")]
        assert left >= 0 and left + w <= width, t.text


def test_cli_burnup_golden(tmp_path: Path, update_goldens: bool) -> None:
    out = tmp_path / "burnup.svg"
    result = studyplan("progress", "tests/progress/halfway.json", "--today", "2027-02-05", "--svg", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    svg = ET.fromstring(text)
    assert svg.find("s:title", NS).text and svg.find("s:desc", NS).text
    assert "<script" not in text
    assert svg.find(".//s:g[@class='sp-bu-today']", NS).get("data-day") == "33"
    # The x axis runs from the start to the plan's last day, where the expected line ends.
    axis_end = svg.find(".//s:path[@class='sp-bu-axis']", NS).get("d").rsplit("H", 1)[1]
    assert svg.find(".//s:path[@class='sp-bu-expected']", NS).get("d").rsplit("L", 1)[1].split()[0] == axis_end
    assert svg.find(".//s:text[.='day 90']", NS).get("x") == axis_end
    _inside(svg)
    check_golden(ROOT / "tests" / "golden" / "burnup.svg", text, update_goldens)


def test_browser_burnup(page, site_url: str) -> None:
    import datetime as dt
    page.clock.set_fixed_time(dt.datetime(2027, 2, 5, 12, 0, tzinfo=dt.UTC))
    page.goto(site_url + "progress/")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(ROOT / "tests" / "progress" / "halfway.json"))
    page.locator("#sp-choice").get_by_role("button", name="Merge").click()  # import asks: Merge or Replace
    page.get_by_role("status").filter(has_text="Merged").wait_for()
    svg = page.locator("svg.sp-burnup")
    assert svg.get_attribute("role") == "img"
    assert page.locator("svg.sp-burnup g.sp-bu-today").get_attribute("data-day") == "33"
    # The browser draws the same expected and done lines as the CLI.
    cli = ET.parse(ROOT / "tests" / "golden" / "burnup.svg").getroot()
    for cls in ("sp-bu-expected", "sp-bu-actual"):
        browser_d = page.locator(f"svg.sp-burnup path.{cls}").get_attribute("d")
        assert browser_d == cli.find(f".//s:path[@class='{cls}']", NS).get("d")
