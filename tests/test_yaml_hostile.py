"""Hostile YAML: each case exits 2 with a located one-line message, no
traceback and nothing written, inside a resource guard (300 MB of address
space and a few seconds of CPU; without the guards in the reader the worst of
these took 26 s and 3 GB). The files that fit in the repository are golden bad
plans (tests/bad_plans/); the ones that must be generated (huge, deep, other
encodings) are written here."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SMALL

from generator.source import parse_yaml

MEMORY = 300 * 1024 * 1024
CPU_SECONDS = 10  # generous: each case needs well under a second on this project's machine


def _guarded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def guarded_studyplan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, preexec_fn=_guarded, check=False)


def _small_with_closing(value: str) -> str:
    return SMALL.read_text().replace("closing: Good luck.", f"closing: {value}")


GENERATED = {
    # name: (file bytes, expected stderr with {path} for the file)
    "flow_nesting_5000": (_small_with_closing("[" * 5000 + "]" * 5000).encode(),
                          # libyaml stops at its own limit (1000 levels) while scanning ahead, before any field
                          "{path}:80: expected at most 20 levels of nesting but got more (a plan needs 8)\n"),
    "block_nesting_2500": (("x:\n" + "".join(" " * i + "-\n" for i in range(1, 2500)) + " " * 2500 + "- deep\n").encode(),
                           "{path}:21: x[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: expected at most 20 levels "
                           "of nesting but got more (a plan needs 8)\n"),
    "block_sequences_on_one_line": (("- " * 3000 + "x\n").encode(),
                                    "{path}:1: [0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: expected at most 20 "
                                    "levels of nesting but got more (a plan needs 8)\n"),
    "mapping_nesting_3000": (("a: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n").encode(),
                             "{path}:1: a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a: expected at most 20 levels of nesting but "
                             "got more (a plan needs 8)\n"),
    "too_many_values": (("a: [" + ",".join(["1"] * 1_000_000) + "]\n").encode(),
                        "{path}:1: a[49996]: expected a plan of at most 50,000 values but got more\n"),
    "five_megabytes": (("closing: " + "x" * (5 * 1024 * 1024) + "\n").encode(),
                       "{path}: expected a file of at most 4.0 MB but got 5.0 MB; nothing was read\n"),
    "utf16": (SMALL.read_text().encode("utf-16"),
              "{path}:1: expected UTF-8 text but got UTF-16 (it starts with a UTF-16 byte order mark); save the file as UTF-8\n"),
    "latin1_byte": (_small_with_closing("Viel Glück.").encode("latin-1"),
                    "{path}:80: expected UTF-8 text but got the byte 0xFC at column 17 (save the file as UTF-8)\n"),
    "integer_with_underscores": (SMALL.read_text().replace("days: 28\n", "days: 1" + "_000" * 50 + "\n").encode(),
                                 "{path}:6: days: expected a whole number of at most 100 digits but got one of 151 digits\n"),
    "hex_integer": (SMALL.read_text().replace("days: 28\n", "days: 0x" + "f" * 3000 + "\n").encode(),
                    "{path}:6: days: expected a whole number of at most 100 digits but got one of 3,000 digits\n"),
    "escaped_control_character": (SMALL.read_text().replace("title: Clusters", 'title: "Clus\\u0007ters"').encode(),
                                  "{path}:27: phases[0].weeks[1].title: expected text without control characters but got "
                                  "U+0007 (BEL)\n"),  # written as an escape
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_file(name: str, tmp_path: Path) -> None:
    data, expected = GENERATED[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(data)
    result = guarded_studyplan("validate", "--plan", str(path))
    assert (result.returncode, result.stdout) == (2, ""), result.stderr[-2000:]
    assert result.stderr == expected.format(path=path)
    build = guarded_studyplan("build", "--plan", str(path), "--site-dir", str(tmp_path / "site"))
    assert build.returncode == 2
    assert "Traceback" not in build.stderr
    assert expected.format(path=path).strip() in build.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # nothing written


HOSTILE_PLANS = ["billion_laughs", "big_integer", "complex_key", "control_characters", "deep_flow_nesting",
                 "impossible_date", "merge_not_a_mapping", "recursive_alias"]


@pytest.mark.parametrize("name", HOSTILE_PLANS)
def test_hostile_golden_plans_stay_inside_the_guard(name: str) -> None:
    """The golden bad plans' messages are checked in test_validation.py; here,
    that they are reached cheaply."""
    rel = f"tests/bad_plans/{name}.yaml"
    result = guarded_studyplan("validate", "--plan", rel)
    assert result.returncode == 2
    assert result.stderr == (ROOT / "tests" / "bad_plans" / f"{name}.txt").read_text()


def test_merge_keys_are_supported() -> None:
    """YAML's merge key: the mapping's own keys win; among merged mappings the
    first listed wins; lines point at where each value is written."""
    text = ("base: &base {minutes: 60, start: '07:00'}\nlate: &late {start: '19:00', label: Late}\n"
            "block:\n  <<: [*base, *late]\n  start: '08:00'\n")
    data, lines = parse_yaml(text, "t.yaml")
    assert data["block"] == {"minutes": 60, "start": "08:00", "label": "Late"}
    assert (lines["block.minutes"], lines["block.label"], lines["block.start"]) == (1, 2, 5)


def test_a_plan_written_with_anchors_and_merges_is_the_same_plan(tmp_path: Path) -> None:
    text = SMALL.read_text().replace("    - {id: morning,", "    - &hour {id: morning,").replace(
        '    - {id: evening, key: evening_1hr, label: Practice, kind: practice, activity: Practice - problems, minutes: 60, start: "19:00"}\n',
        "    - <<: *hour\n      id: evening\n      key: evening_1hr\n      label: Practice\n      kind: practice\n"
        '      activity: Practice - problems\n      start: "19:00"\n')
    assert "<<: *hour" in text
    path = tmp_path / "plan.yaml"
    path.write_text(text)
    ours = guarded_studyplan("plan", "--plan", str(path))
    theirs = guarded_studyplan("plan", "--plan", str(SMALL))
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == theirs.stdout


def test_duplicate_keys_are_still_refused_next_to_a_merge() -> None:
    with pytest.raises(Exception, match=r"t.yaml:4: x.a: duplicate key; expected each key once in a mapping"):
        parse_yaml("b: &b {a: 1}\nx:\n  a: 2\n  a: 3\n  <<: *b\n", "t.yaml")
