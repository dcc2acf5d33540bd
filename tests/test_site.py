"""The built site: every seed item is on it, week pages carry their tasks as
tickable boxes, the build is strict and self-contained."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from conftest import PLAN as PLAN_FILE
from conftest import ROOT, first_task, small_plan, studyplan
from sitetext import page_text, read_page, site_text

from generator.pace import pace
from generator.validate import load_plan

SEED = ROOT.parent / "shared" / "seed" / "000_7f9f3af06bd2f829.txt"
PLAN = load_plan(PLAN_FILE)
# Lines of the seed that are code syntax or table scaffolding, not content.
SCAFFOLDING = {"components", "daily_schedule = {", "}", "weekend_focus = [", "]", "week", "focus area",
               "milestone", "target date", "verification", "daily activities", "key technologies", "activities"}


def seed_fragments() -> list[str]:
    """Every piece of content of the seed text, lowercased."""
    text = (ROOT / "tests" / "seed.txt").read_text(encoding="utf-8")
    fragments = []
    for line in text.splitlines():
        line = line.replace(":::", "")
        for part in re.split(r"\||: |\"|\(|\)|^- \[ \]|^#", line):
            part = part.strip(" -:,#\t").lower()
            if len(part) >= 3 and part not in SCAFFOLDING and not set(part) <= set("-|"):
                fragments.append(part)
    return fragments


def test_seed_is_available_to_tests() -> None:
    assert len(seed_fragments()) > 100
    if SEED.exists():  # the copy under tests/ is the shared seed
        assert SEED.read_text(encoding="utf-8") == (ROOT / "tests" / "seed.txt").read_text(encoding="utf-8")


# Seed lines of the article around the plan, and the template's internal keys:
# kept in the plan file, not shown to readers (they mean nothing on the site).
NOT_SHOWN = {"5 min read", "morning_1hr", "afternoon_1hr", "evening_1hr",
             "you now have a complete roadmap. the next module dives deep into infrastructure & deployment questions."}


def test_every_seed_item_is_on_the_site(site_dir: Path) -> None:
    text = site_text(site_dir).lower()
    missing = [f for f in seed_fragments() if f not in text]
    assert set(missing) <= NOT_SHOWN, sorted(set(missing) - NOT_SHOWN)
    plan_text = " ".join(PLAN_FILE.read_text(encoding="utf-8").lower().split())
    assert all(f in plan_text for f in NOT_SHOWN)


def test_one_page_per_week_with_its_tasks(site_dir: Path) -> None:
    for week in PLAN.weeks:
        text, boxes = read_page(site_dir / "weeks" / week.id / "index.html")
        assert f"Week {week.number}: {week.title}" in text
        assert week.activities in text
        ids = [b["data-task-id"] for b in boxes]
        p = pace(PLAN, PLAN.days)
        expected = [t.id for t in week.tasks] + [m.id for m in p.milestones_in(p.week(week))]
        assert ids == expected
        for task in week.tasks:
            assert task.text in text
        for box in boxes:
            assert box.get("aria-labelledby"), "every box needs an accessible label"
            assert "disabled" not in box


def test_week_pages_show_both_paces(site_dir: Path) -> None:
    text = read_page(site_dir / "weeks" / "docker-deep-dive" / "index.html")[0]
    assert "Days 1-8 at the 90-day pace, days 1-10 at the 120-day pace" in text


def test_derived_tasks_are_marked_as_suggestions(site_dir: Path) -> None:
    html = (site_dir / "weeks" / "cloud-ml-services" / "index.html").read_text()
    assert html.count('class="sp-derived"') >= 4
    docker = (site_dir / "weeks" / "docker-deep-dive" / "index.html").read_text()
    assert docker.count('<span class="sp-derived" title=') == 0


def test_pages_exist(site_dir: Path) -> None:
    for page in ["index.html", "schedule/index.html", "project/index.html", "system-design/index.html",
                 "milestones/index.html", "how-it-works/index.html"]:
        assert (site_dir / page).exists(), page
    for phase in PLAN.phases:
        assert (site_dir / "phases" / phase.id / "index.html").exists()


def test_milestones_are_tickable(site_dir: Path) -> None:
    _, boxes = read_page(site_dir / "milestones" / "index.html")
    assert [b["data-task-id"] for b in boxes] == [m.id for m in PLAN.milestones]


def test_generated_pages_follow_the_plan(tmp_path: Path) -> None:
    """A plan with 17 weeks gets 17 week pages."""
    def seventeen_weeks(data: dict) -> None:
        phase = data["phases"][1]
        phase["weeks"] = [{"id": f"extra-week-{i}", "number": 3 + i, "title": f"Extra {i}", "activities": "x",
                           "tasks": [{"id": f"extra-task-{i}", "text": f"Do extra {i}"}]} for i in range(15)]
        data["days"] = 60
        data["commitment"]["days"] = 90
        phase["end_day"] = 60

    plan = small_plan(tmp_path, seventeen_weeks)
    out = tmp_path / "site"
    result = studyplan("build", "--plan", str(plan), "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    assert len(list((out / "weeks").iterdir())) == 17


def test_no_external_assets(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        html = page.read_text()
        assert not re.search(r"<(?:link|script|img)[^>]+(?:href|src)=\"(?:https?:)?//", html), page
        assert "fonts.googleapis" not in html


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    plan = small_plan(tmp_path, first_task("<img src=x onerror=alert(1)> {{ 7*7 }} *bold* | pipe"))
    out = tmp_path / "site"
    result = studyplan("build", "--plan", str(plan), "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    page = out / "weeks" / "containers" / "index.html"
    assert "<img src=x" not in page.read_text()
    assert "<img src=x onerror=alert(1)> {{ 7*7 }} *bold* | pipe" in read_page(page)[0]


def test_schema_is_in_sync() -> None:
    result = studyplan("schema")
    assert result.returncode == 0
    assert result.stdout == (ROOT / "plan_data" / "plan.schema.json").read_text()
    assert (ROOT / "plan_data" / "plan.yaml").read_text().startswith(
        "# yaml-language-server: $schema=plan.schema.json\n")


def test_schema_accepts_the_plan() -> None:
    jsonschema = __import__("pytest").importorskip("jsonschema")
    schema = json.loads((ROOT / "plan_data" / "plan.schema.json").read_text())
    jsonschema.validate(yaml.safe_load((ROOT / "plan_data" / "plan.yaml").read_text()), schema)


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "s")],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_properdocs_builds_the_same_site(tmp_path: Path, site_dir: Path) -> None:
    """ProperDocs, the maintained drop-in continuation of MkDocs 1.x, builds
    the same pages and files (make site BUILDER=properdocs)."""
    out = tmp_path / "site"
    result = studyplan("build", "--builder", "properdocs", "--plan", str(PLAN_FILE), "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    assert 'content="mkdocs-ProperDocs ' in (out / "index.html").read_text()
    made = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.suffix in (".html", ".ics", ".pdf"))
    assert made == sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.suffix in (".html", ".ics", ".pdf"))
    for week in PLAN.weeks:
        assert f"Week {week.number}: {week.title}" in page_text(out / "weeks" / week.id / "index.html")


def test_how_it_works_names_every_module_of_the_generator_and_every_script() -> None:
    """The "How it works" page has one line per module: a module added without
    its line (or a line left for a module removed) fails here."""
    page = (ROOT / "docs" / "how-it-works.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([\w./-]+\.(?:py|js))` \|", page, flags=re.M))
    modules = {p.name for p in (ROOT / "generator").glob("*.py") if not p.name.startswith("__")}
    scripts = {p.name for p in (ROOT / "docs" / "assets").glob("*.js")}
    assert modules <= listed, sorted(modules - listed)
    assert scripts <= listed, sorted(scripts - listed)
    assert {name for name in listed if name.endswith(".py") and "/" not in name} <= modules
