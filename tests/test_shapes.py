"""Plans of other shapes build with no edit outside their YAML: 4 phases, 9
weeks, 2 daily blocks, 60 days; 1 phase, 4 weeks, 1 block, 28 days; sites that
offer one pace (60 only) or three (60, 90, 120). Each is built fully: pages,
calendars, sheets, PDFs, the browser Calendar form and the Today panel, and no
output carries a word of the shipped plan."""

from __future__ import annotations

import datetime as dt
import functools
import re
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import icalendar
import pypdf
import pytest
from conftest import ROOT, _QuietHandler, studyplan
from sitetext import page_text
from test_calendars import icaljs

from generator.model import WEEKDAYS
from generator.pace import pace
from generator.validate import load_plan

SHAPES = {
    "four-phases": (ROOT / "tests" / "plans" / "four-phases.yaml", None),
    "one-block": (ROOT / "tests" / "plans" / "one-block.yaml", None),
    "sixty-only": (ROOT / "tests" / "plans" / "four-phases.yaml", [60]),
    "three-paces": (ROOT / "tests" / "plans" / "four-phases.yaml", [60, 90, 120]),
    "fri-sat": (ROOT / "tests" / "plans" / "fri-sat.yaml", None),  # its weekend on Friday and Saturday, a shorter second pace
    "no-weekend": (ROOT / "tests" / "plans" / "no-weekend.yaml", None),  # no weekend, no problems, no project
    "own-weeks": (ROOT / "tests" / "plans" / "own-weeks.yaml", None),  # a week of its own length, a reading week
}
# Words of the shipped plan that must not leak into another plan's site.
SHIPPED = ["MLOps", "90-day", "Trivy", "three blocks", "Kubernetes", "Docker", "Landscape", "morning_1hr", "Interview"]


def _config(tmp: Path, plan: Path, paces: list[int] | None) -> Path:
    """mkdocs.yml with absolute paths and this plan (and paces), in tmp."""
    text = (ROOT / "mkdocs.yml").read_text()
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("  - plan_data\n  - generator\n", f"  - {ROOT / 'generator'}\n")
    text = re.sub(r"      plan: plan_data/plan.yaml\n", f"      plan: {plan}\n" + (f"      paces: {paces}\n" if paces else ""), text)
    path = tmp / "mkdocs.yml"
    path.write_text(text)
    return path


@pytest.fixture(scope="module", params=list(SHAPES))
def shape(request, tmp_path_factory):
    plan_file, paces = SHAPES[request.param]
    tmp = tmp_path_factory.mktemp(request.param)
    out = tmp / "site"
    result = studyplan("build", "--config", str(_config(tmp, plan_file, paces)), "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    plan = load_plan(plan_file)
    return plan, paces or [plan.days, plan.commitment.days], out


def test_pages_for_every_phase_and_week(shape) -> None:
    plan, _paces, out = shape
    for phase in plan.phases:
        assert (out / "phases" / phase.id / "index.html").exists()
    for week in plan.weeks:
        text = page_text(out / "weeks" / week.id / "index.html")
        assert f"Week {week.number}: {week.title}" in text
        for task in week.tasks:
            assert task.text in text
        for topic in week.topics:
            assert topic.goal in text
    assert len(list((out / "weeks").iterdir())) == len(plan.weeks)


def test_calendars_have_one_event_per_block_on_every_weekday(shape, tmp_path: Path) -> None:
    plan, paces, out = shape
    for days in paces:
        p = pace(plan, days)
        cal = icalendar.Calendar.from_ical((out / "calendar" / str(days) / "daily.ics").read_bytes())
        per_day: dict[dt.date, list[str]] = {}
        for e in cal.walk("VEVENT"):
            per_day.setdefault(e.decoded("DTSTART").date(), []).append(str(e["SUMMARY"]))
        assert all(len(v) == len(plan.schedule.blocks) for v in per_day.values())
        weekend = [WEEKDAYS.index(d) for d in plan.schedule.weekend_days]
        weekdays = sum(1 for d in range(days) if (dt.date(2027, 1, 4) + dt.timedelta(days=d)).weekday() not in weekend)
        assert len(per_day) == weekdays
        events = icaljs((out / "calendar" / str(days) / "weekend.ics").read_bytes(), tmp_path)
        assert all(e["uid"].startswith(plan.id) for e in events)
        if plan.schedule.weekend:  # one session on each of the plan's weekend days
            starts = {dt.datetime.fromisoformat(e["start"].replace("Z", "+00:00")).date().weekday() for e in events}
            assert events and starts == set(weekend)
        else:
            assert events == []
        assert p.days == days


def test_pdfs_have_one_page_per_week(shape) -> None:
    plan, paces, out = shape
    for days in paces:
        for paper in ("a4", "letter"):
            reader = pypdf.PdfReader(out / "checklists" / str(days) / f"checklists-{paper}.pdf")
            assert len(reader.pages) == len(plan.weeks)
            for week, page in zip(plan.weeks, reader.pages):  # a reading week's sheet says so
                assert ("it is for reading" in page.extract_text()) == (not week.tasks), week.id


def test_no_word_of_the_shipped_plan(shape) -> None:
    plan, paces, out = shape
    words = [w for w in SHIPPED if w not in {f"{n}-day" for n in paces}]
    for path in out.rglob("*"):
        if path.suffix in (".html", ".ics", ".json", ".xml", ".js"):  # the search index too
            text = path.read_text(encoding="utf-8")
            for word in words:
                assert word not in text, (path, word)
        if path.suffix == ".pdf":
            text = " ".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
            for word in words:
                assert word not in text, (path, word)
    home = (out / "index.html").read_text()
    assert f"<title>{plan.title}</title>" in home
    assert f'content="{plan.title}: {plan.subtitle}"' in home


@pytest.fixture
def served(shape):
    plan, paces, out = shape
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield plan, paces, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_calendar_form_has_one_field_per_block(served, page) -> None:
    plan, paces, url = served
    page.goto(url + "calendar/")
    for block in plan.schedule.blocks:
        assert page.get_by_label(block.label, exact=True).input_value() == block.start
    assert page.locator("input[data-block-id]").count() == len(plan.schedule.blocks)
    assert [o for o in page.locator("#sp-cal-pace option").all_inner_texts()] == [f"{n} days" for n in paces]
    page.get_by_label("Start date").fill("2027-03-01")
    page.get_by_label("Time zone").fill("UTC")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar").click()
    text = Path(info.value.path()).read_text()
    assert text.count("BEGIN:VEVENT") > 0
    for block in plan.schedule.blocks:
        assert f"{block.label}:" in text


def test_today_panel(served, page) -> None:
    plan, paces, url = served
    page.clock.set_fixed_time(dt.datetime(2027, 3, 4, 12, 0, tzinfo=dt.UTC))
    page.goto(url)
    page.evaluate("""([plan, pace]) => localStorage.setItem("studyplan:" + plan + ":settings",
                     JSON.stringify({start_date: "2027-03-01", pace: pace}))""", [plan.id, paces[0]])
    page.reload()
    today = page.locator("#sp-today")
    today.wait_for(state="visible")
    assert f"Day 4 of {paces[0]}" in today.inner_text()


def _settings_config(tmp: Path, settings: str) -> Path:
    """mkdocs.yml with the studyplan plugin's settings replaced by `settings`."""
    path = _config(tmp, ROOT / "tests" / "plans" / "full.yaml", None)
    text = path.read_text()
    start = text.index("  - studyplan:")
    end = text.index("  # After studyplan")
    path.write_text(text[:start] + settings + text[end:])
    return path


def test_no_settings_at_all_builds_with_the_plans_defaults(tmp_path: Path) -> None:
    config = _settings_config(tmp_path, f"  - studyplan:\n      plan: {ROOT / 'tests' / 'plans' / 'full.yaml'}\n")
    out = tmp_path / "site"
    result = studyplan("build", "--config", str(config), "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    page = (out / "calendar" / "index.html").read_text()
    assert "07:00, 13:00, 19:00" in page and "UTC" in page
    assert (out / "calendar" / "120" / "daily.ics").exists()


def test_a_bad_setting_names_mkdocs_yml_the_line_and_the_key(tmp_path: Path) -> None:
    config = _settings_config(tmp_path, f"  - studyplan:\n      plan: {ROOT / 'tests' / 'plans' / 'full.yaml'}\n"
                                        "      times: [\"07:00\", \"25:00\"]\n      timezone: Mars/Olympus\n")
    line = config.read_text().splitlines().index('      times: ["07:00", "25:00"]') + 1
    result = studyplan("build", "--config", str(config), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{config}:{line + 1}: plugins.studyplan.timezone: expected an IANA time zone (like Europe/London or "
        "America/New_York) but got 'Mars/Olympus'",
        f"{config}:{line}: plugins.studyplan.times: expected 3 times (one per block: Theory, Hands-on, Practice) but got 2",
    ]
    assert not (tmp_path / "site").exists()


def test_a_bad_mkdocs_setting_exits_2_naming_the_file(tmp_path: Path) -> None:
    config = _settings_config(tmp_path, f"  - studyplan:\n      plan: {ROOT / 'tests' / 'plans' / 'full.yaml'}\n")
    config.write_text(config.read_text().replace(f"custom_dir: {ROOT / 'overrides'}", "custom_dir: /no-such-dir"))
    result = studyplan("build", "--config", str(config), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 2, result.stderr
    assert "custom_dir" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == f"{config}: bad configuration: see the errors above"
    assert not (tmp_path / "site").exists()


def test_default_pace_120_places_milestones_in_their_phase(tmp_path: Path) -> None:
    config = _settings_config(tmp_path, f"  - studyplan:\n      plan: {ROOT / 'tests' / 'plans' / 'full.yaml'}\n"
                                        "      default_pace: 120\n")
    out = tmp_path / "site"
    result = studyplan("build", "--config", str(config), "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    plan = load_plan(ROOT / "tests" / "plans" / "full.yaml")
    p = pace(plan, 120)
    for phase in plan.phases:
        text = page_text(out / "phases" / phase.id / "index.html")
        text = text.rsplit("Milestones in this phase", 1)[1].split("Back to top")[0] if "Milestones in this phase" in text else ""
        for m in plan.milestones:
            assert (m.title in text) == (p.day_of(m) in p.phase(phase)), (phase.id, m.title)
