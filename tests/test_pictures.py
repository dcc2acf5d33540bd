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
from generator.pictures import Scale, text_width, timeline_svg
from generator.validate import load_plan, plan_from_data

NS = {"s": "http://www.w3.org/2000/svg"}
PLAN = load_plan(PLAN_FILE)


def _svgs(html: str, cls: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(rf'<svg class="{cls}".*?</svg>', html, flags=re.S)]


def check_timeline(svg: ET.Element, plans: list) -> None:
    """`plans`: the paces drawn, one row each."""
    assert svg.find("s:title", NS).text
    assert svg.find("s:desc", NS).text
    assert not svg.findall(".//s:script", NS) and "on" not in "".join(svg.attrib)
    weeks = svg.findall(".//s:a", NS)
    assert len(weeks) == sum(len(p.plan.weeks) for p in plans)
    scale = Scale(max(p.days for p in plans))
    expected = [(p, w) for p in plans for w in p.plan.weeks]
    for a, (p, week) in zip(weeks, expected):
        assert a.get("href").endswith(f"weeks/{week.id}/")
        rect = a.find("s:rect", NS)
        assert float(rect.get("x")) == pytest.approx(scale.x(p.week(week).start) + 1)
        assert week.title in a.find("s:title", NS).text
        # Labels fit inside their segment.
        for text in a.findall("s:text", NS):
            assert text_width(text.text) <= float(rect.get("width")), text.text
    markers = svg.findall(".//s:g[@data-milestone]", NS)
    assert [int(g.get("data-day")) for g in markers] == [p.day_of(m) for p in plans for m in p.plan.milestones]
    for g in markers:
        day = int(g.get("data-day"))
        x = float(re.match(r"M([\d.]+)", g.find("s:path", NS).get("d")).group(1))
        assert x == pytest.approx((scale.x(day) + scale.x(day + 1)) / 2, abs=0.01)
    # Milestone day labels never overlap.
    boxes = [(float(t.get("x")) - text_width(t.text, 10) / 2, float(t.get("x")) + text_width(t.text, 10) / 2, t.get("y"))
             for t in svg.findall(".//s:g[@data-milestone]/s:text", NS)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] != b[2] or a[1] < b[0] or b[1] < a[0]
            assert a[0] >= 0 and a[1] <= 1000


def test_home_timeline(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text()
    svgs = _svgs(html, "sp-timeline")
    assert len(svgs) == 1
    check_timeline(svgs[0], [pace(PLAN, 90), pace(PLAN, 120)])
    for href in re.findall(r'<a href="(weeks/[^"]+)"', html):
        assert (site_dir / href / "index.html").exists()


def test_phase_pages_highlight_their_phase(site_dir: Path) -> None:
    for phase in PLAN.phases:
        html = (site_dir / "phases" / phase.id / "index.html").read_text()
        svg = _svgs(html, "sp-timeline")[0]
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
    check_timeline(ET.fromstring(timeline_svg(plans)), plans)


@pytest.mark.parametrize(("phases", "weeks", "days"), [(2, 6, 28), (8, 52, 365), (8, 52, 120), (2, 6, 365)])
def test_extreme_plans(phases: int, weeks: int, days: int) -> None:
    per = [weeks // phases + (1 if i < weeks % phases else 0) for i in range(phases)]
    base = plan_from_data(fixed_plan(per, min(364, max(days, weeks))))
    plans = [pace(base, base.days), pace(base, days)]
    check_timeline(ET.fromstring(timeline_svg(plans)), plans)


def test_cli_burnup_golden(tmp_path: Path, update_goldens: bool) -> None:
    out = tmp_path / "burnup.svg"
    result = studyplan("progress", "tests/progress/halfway.json", "--today", "2027-02-05", "--svg", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    svg = ET.fromstring(text)
    assert svg.find("s:title", NS).text and svg.find("s:desc", NS).text
    assert "<script" not in text
    assert svg.find(".//s:g[@class='sp-bu-today']", NS).get("data-day") == "33"
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
