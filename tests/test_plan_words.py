"""Plans in their own words (issue 22, first parts): a second pace shorter than
the plan's own, documentation on an internationalised domain name (as typed or
in punycode), neutral words for the practice problem, and every command reading
the plan that mkdocs.yml names."""

from __future__ import annotations

import html
import json
from pathlib import Path

import yaml
from conftest import ROOT, studyplan

from generator.text import url_ascii, url_host


def small_with(tmp_path: Path, **changes) -> Path:
    data = yaml.safe_load((ROOT / "tests" / "plans" / "four-phases.yaml").read_text(encoding="utf-8"))
    data["commitment"]["days"] = changes.get("commitment", data["commitment"]["days"])
    topic = data["phases"][0]["weeks"][0].setdefault("topics", [{"id": "idn-topic", "title": "Soil", "goal": "Know soil.",
                                                                 "questions": ["Why soil?"]}])[0]
    topic["links"] = changes.get("links", [])
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_a_shorter_second_pace_validates_and_is_offered(tmp_path: Path) -> None:
    plan = small_with(tmp_path, commitment=40)
    result = studyplan("validate", "--plan", str(plan))
    assert result.returncode == 0, result.stderr
    data = json.loads(studyplan("plan", "--plan", str(plan), "--days", "40").stdout)
    assert data["days"] == 40
    site = tmp_path / "site"
    built = studyplan("build", "--plan", str(plan), "--site-dir", str(site))
    assert built.returncode == 0, built.stderr
    assert (site / "calendar" / "40" / "daily.ics").exists()
    assert 'value="40"' in (site / "index.html").read_text(encoding="utf-8")  # Start your plan offers it


def test_links_on_internationalised_names(tmp_path: Path) -> None:
    typed, punycode = "https://bücher.example/garten?x=1", "https://xn--bcher-kva.example/erde"
    plan = small_with(tmp_path, links=[typed, punycode])
    assert studyplan("validate", "--plan", str(plan)).returncode == 0
    agenda = json.loads(studyplan("plan", "--plan", str(plan), "--start", "2027-01-07").stdout)  # a Thursday
    docs = [i for e in agenda["entries"] for i in e["items"] if i.startswith("Docs: ")]
    assert "Docs: https://xn--bcher-kva.example/garten?x=1" in docs and "Docs: https://xn--bcher-kva.example/erde" in docs
    site = tmp_path / "site"
    assert studyplan("build", "--plan", str(plan), "--site-dir", str(site)).returncode == 0
    week = html.unescape((site / "weeks" / "garden-w1" / "index.html").read_text(encoding="utf-8"))
    assert 'href="https://xn--bcher-kva.example/garten?x=1">bücher.example</a>' in week
    assert url_host(punycode) == "bücher.example" and url_ascii(typed).startswith("https://xn--")


def test_a_bad_host_is_one_clear_line(tmp_path: Path) -> None:
    plan = small_with(tmp_path, links=["https://xn--zz.example/"])
    result = studyplan("validate", "--plan", str(plan))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "links[0]: expected an https:// address with a valid host name" in result.stderr
    assert "Traceback" not in result.stderr


def test_practice_problems_in_neutral_words() -> None:
    data = json.loads(studyplan("plan", "--start", "2027-03-01", "--days", "90").stdout)
    lines = [i for e in data["entries"] for i in e["items"]]
    assert any(i.startswith("Practice problem: ") for i in lines)
    assert not any(i.startswith("System design: ") for i in lines)


def test_commands_read_the_plan_mkdocs_yml_names(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text((ROOT / "tests" / "plans" / "small.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: !ENV [SITE_URL]\nplugins:\n  - studyplan:\n      plan: mine.yaml\n",
                                         encoding="utf-8")
    result = studyplan("validate", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("mine.yaml: ok"), result.stderr
    (tmp_path / "mine.yaml").write_text("id: [", encoding="utf-8")
    bad = studyplan("calendar", "--start", "2027-01-04", "--tz", "UTC", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("mine.yaml")
    assert not (tmp_path / "out").exists()
