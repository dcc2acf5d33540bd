"""Every bad plan gets one line per problem (file:line: field: message) and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, check_golden, studyplan

BAD = sorted((ROOT / "tests" / "bad_plans").glob("*.yaml"))


def test_there_are_enough_bad_plans() -> None:
    assert len(BAD) >= 15


@pytest.mark.parametrize("plan", BAD, ids=lambda p: p.stem)
def test_bad_plan_message(plan: Path, update_goldens: bool) -> None:
    rel = plan.relative_to(ROOT).as_posix()
    result = studyplan("validate", "--plan", rel)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith(f"{rel}:"), line
    check_golden(plan.with_suffix(".txt"), result.stderr, update_goldens)


@pytest.mark.parametrize("command", [["validate"], ["plan"], ["build", "--site-dir", "unused-site"]])
def test_every_command_rejects_a_bad_plan(command: list[str], tmp_path: Path) -> None:
    result = studyplan(*command, "--plan", "tests/bad_plans/phase_gap.yaml")
    assert result.returncode == 2
    assert result.stderr.startswith("tests/bad_plans/phase_gap.yaml:36: phases[1].start_day: expected day 15")
    assert not (ROOT / "unused-site").exists()


def test_missing_plan_file() -> None:
    result = studyplan("validate", "--plan", "nowhere/plan.yaml")
    assert (result.returncode, result.stderr) == (2, "nowhere/plan.yaml: file not found\n")


def test_shipped_plan_is_valid() -> None:
    result = studyplan("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "plan_data/plan.yaml: ok (3 phases, 12 weeks, 44 tasks, 5 milestones, 90 days)\n"


def test_failed_build_leaves_existing_site_untouched(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("old site")
    result = studyplan("build", "--plan", "tests/bad_plans/unknown_key.yaml", "--site-dir", str(out))
    assert result.returncode == 2
    assert (out / "index.html").read_text() == "old site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_every_command_is_in_the_readme() -> None:
    from generator.cli import parser
    readme = (ROOT / "README.md").read_text()
    commands = parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"studyplan {name}" in readme, name
