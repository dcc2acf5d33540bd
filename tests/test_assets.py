"""Our own scripts and styles ship minified (generator/assets.py): the site's
copies are the minified sources, the scripts still parse, a script the
minifier cannot read stops the build with its file and line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SMALL, studyplan

from generator.assets import MINIFIED, MinifyError, minify, minify_css

SCRIPTS = [p for p in MINIFIED if p.endswith(".js")]


@pytest.mark.parametrize("path", MINIFIED)
def test_the_site_ships_the_minified_source(site_dir: Path, path: str) -> None:
    source = (ROOT / "docs" / path).read_text(encoding="utf-8")
    shipped = (site_dir / path).read_text(encoding="utf-8")
    assert shipped == minify(path, source)
    assert len(shipped) < 0.8 * len(source)
    assert "/*" not in shipped and "\n  " not in shipped


@pytest.mark.parametrize("path", SCRIPTS)
def test_minified_scripts_parse(site_dir: Path, path: str) -> None:
    node = shutil.which("node")
    assert node, "node is needed to check the minified scripts"
    result = subprocess.run([node, "--check", str(site_dir / path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_local_names_are_shortened_and_the_page_globals_kept() -> None:
    source = (ROOT / "docs" / "assets" / "studyplan.js").read_text(encoding="utf-8")
    shipped = minify("assets/studyplan.js", source)
    assert "storageError" in source and "storageError" not in shipped
    for name in ("window.studyplanReady", "window.studyplanSchedule", "window.studyplanAgenda", "studyplan-progress", "localStorage"):
        assert name in shipped


def test_css_keeps_strings_and_the_space_before_a_pseudo_class() -> None:
    css = '/* a comment: "x" */\n.a  :hover ,\n.b > .c {\n  content: "\\200B  /* kept */";\n  margin: 0 .3em;\n}\n'
    assert minify_css(css) == '.a :hover,.b>.c{content:"\\200B  /* kept */";margin:0 .3em}\n'


def test_a_script_the_minifier_cannot_read_names_the_file_and_line() -> None:
    with pytest.raises(MinifyError, match=r"assets/x\.js: cannot minify: .* at 2:14 .*ES5 syntax"):
        minify("assets/x.js", "var a = 1;\nvar f = (b) => b;\n")


def test_the_build_reports_a_script_it_cannot_minify(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    for watched in ("plan_data", "generator"):  # mkdocs.yml's `watch` needs them
        (project / watched).mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    script = project / "docs" / "assets" / "calendar.js"
    script.write_text(script.read_text(encoding="utf-8") + "\nlet late = 1;\n", encoding="utf-8")
    result = studyplan("build", "--plan", str(SMALL), "--config", str(project / "mkdocs.yml"),
                       "--site-dir", str(tmp_path / "site"), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode != 0
    assert "assets/calendar.js: cannot minify" in result.stderr
    assert not (tmp_path / "site").exists()
