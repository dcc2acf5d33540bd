"""The build memo (generator/memo.py): a warm build places exactly what a cold
one makes, any input change makes anew, and the cache never runs code."""

from __future__ import annotations

import dataclasses
import os
import pickle
from pathlib import Path

from conftest import first_task, small_plan, studyplan

from generator import memo, model
from generator.memo import Memo


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.name != "sitemap.xml.gz"}


def test_a_warm_build_is_the_cold_build_and_an_edit_is_built_anew(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plan = small_plan(tmp_path, first_task("Write the first Dockerfile"))

    def build(name: str) -> dict[str, bytes]:
        result = studyplan("build", "--plan", str(plan), "--site-dir", str(tmp_path / name), "--cache-dir", str(cache))
        assert result.returncode == 0, result.stderr
        return _files(tmp_path / name)

    cold = build("cold")
    assert len(list((cache / "outputs").glob("*.pickle"))) == 1
    assert len(list((cache / "plans").glob("*.pickle"))) == 1
    assert build("warm") == cold
    plan.write_text(plan.read_text().replace("Write the first Dockerfile", "Write the first Containerfile"))
    edited = build("edited")
    week = next(name for name in edited if name.startswith("weeks/") and name.endswith("index.html"))
    assert b"Write the first Containerfile" in b"".join(v for k, v in edited.items() if k.endswith(".html"))
    assert b"Write the first Dockerfile" not in b"".join(v for k, v in edited.items() if k.endswith(".html")), week
    assert len(list((cache / "outputs").glob("*.pickle"))) == 2


def test_settings_and_url_style_are_part_of_the_key(tmp_path: Path) -> None:
    one = Memo(tmp_path, "plan", "settings A", "True", "code")
    one.get("files", lambda: {"a": 1})
    one.save()
    assert Memo(tmp_path, "plan", "settings A", "True", "code").values == {"files": {"a": 1}}
    assert Memo(tmp_path, "plan", "settings B", "True", "code").values == {}
    assert Memo(tmp_path, "plan", "settings A", "False", "code").values == {}


class _Boom:
    def __reduce__(self):  # what a planted file would do when read by plain pickle
        return (os.system, ("touch planted-file-ran",))


def test_a_planted_or_damaged_file_is_a_miss_and_runs_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = Memo(tmp_path, "key").path
    path.write_bytes(pickle.dumps({"files": _Boom()}))
    assert Memo(tmp_path, "key").values == {}
    assert not (tmp_path / "planted-file-ran").exists()
    path.write_bytes(b"\x80\x05 not a pickle")
    assert Memo(tmp_path, "key").values == {}
    path.write_bytes(pickle.dumps(["a list, not a dict"]))
    assert Memo(tmp_path, "key").values == {}
    # A plan's classes are read back only where allowed.
    plan = pickle.dumps({"plan": model.Commitment(days=120, title="t", text="x")})
    path.write_bytes(plan)
    assert Memo(tmp_path, "key").values == {}
    assert Memo(tmp_path, "key", classes=model.CLASSES).values["plan"].days == 120


def test_every_class_of_a_plan_can_be_read_back() -> None:
    defined = {v for v in vars(model).values()
               if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == model.__name__}
    assert defined == set(model.CLASSES)


def test_the_code_fingerprint_follows_every_file_of_the_package(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "templates").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    (package / "templates" / "page.md.j2").write_text("{{ x }}\n")
    before = memo.code_fingerprint(package)
    (package / "templates" / "page.md.j2").write_text("{{ x }}!\n")
    assert memo.code_fingerprint(package) != before
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "a.pyc").write_bytes(b"whatever")
    after = memo.code_fingerprint(package)
    (package / "__pycache__" / "a.pyc").write_bytes(b"changed")
    assert memo.code_fingerprint(package) == after


def test_old_keys_are_dropped(tmp_path: Path) -> None:
    for i in range(memo.KEEP + 3):
        m = Memo(tmp_path, f"key {i}")
        m.get("v", lambda i=i: i)
        m.save()
        os.utime(m.path, (i, i))
    m = Memo(tmp_path, "newest")
    m.get("v", lambda: 0)
    m.save()
    assert len(list(tmp_path.glob("*.pickle"))) == memo.KEEP
    assert m.path.exists()
