"""The install: the locks resolve on every supported Python and platform, and
`make site` stops at once, in one line, on a Python it does not support.

The lock tests ask the registry (uv's dry run, no install); they need network.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

SUPPORTED = ["3.11.2", "3.12", "3.13"]
PLATFORMS = ["x86_64-manylinux_2_28", "aarch64-manylinux_2_28", "x86_64-apple-darwin", "aarch64-apple-darwin"]
UV = Path(sys.executable).with_name("uv")


def _pins(lock: Path) -> set[str]:
    return {line.split(";")[0].split("#")[0].strip().lower() for line in lock.read_text().splitlines()
            if line and not line.startswith("#")}


@pytest.mark.parametrize("lock", ["site.lock", "test.lock"])
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("python", SUPPORTED)
def test_lock_installs(lock: str, platform: str, python: str, tmp_path: Path) -> None:
    """Every pin has a wheel for this Python and platform, and the lock is
    complete: the resolver adds nothing that is not pinned."""
    if not UV.exists():
        pytest.fail("uv is missing from the test environment: run `make test`")
    path = ROOT / "requirements" / lock
    result = subprocess.run([str(UV), "pip", "install", "--dry-run", "--target", str(tmp_path), "--python-version", python,
                             "--python-platform", platform, "--only-binary", ":all:", "-r", str(path)],
                            capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    chosen = {m.group(1).lower() for m in re.finditer(r"^ \+ (\S+==\S+)$", result.stderr + result.stdout, re.M)}
    assert chosen, result.stderr
    assert chosen <= _pins(path)


def test_old_pythons_get_an_older_pymdown_extensions() -> None:
    """pymdown-extensions 13 needs Python 3.11.5; Debian 12 has 3.11.2."""
    lock = (ROOT / "requirements" / "site.lock").read_text()
    assert "pymdown-extensions==12.3 ; python_full_version < '3.11.5'" in lock


def _fake_python(tmp_path: Path, version: str) -> Path:
    fake = tmp_path / "python3"
    fake.write_text(f"#!/bin/sh\necho {version}\n")
    fake.chmod(0o755)
    return fake


@pytest.mark.parametrize("version", ["3.10.13", "3.14.0", "2.7.18"])
def test_make_site_refuses_an_unsupported_python(version: str, tmp_path: Path) -> None:
    fake = _fake_python(tmp_path, version)
    result = subprocess.run(["make", "--no-print-directory", "site", f"PYTHON={fake}", f"VENV={tmp_path / 'venv'}"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (f"make: {fake} is Python {version}; supported: Python 3.11, 3.12 or 3.13 "
                                             "(pass PYTHON=/path/to/python3.12, for example)")
    assert not (tmp_path / "venv").exists()


def test_make_site_names_a_missing_python(tmp_path: Path) -> None:
    result = subprocess.run(["make", "--no-print-directory", "site", "PYTHON=no-such-python3", f"VENV={tmp_path / 'venv'}"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == ("make: no Python at 'no-such-python3'; install Python 3.11, 3.12 or 3.13, "
                                             "or pass PYTHON=/path/to/python3")


def test_make_site_names_the_missing_venv_package(tmp_path: Path) -> None:
    """Debian's python3 without python3-venv: one line saying what to install."""
    fake = tmp_path / "python3"
    fake.write_text("#!/bin/sh\ncase \"$2\" in *ensurepip*) exit 1;; esac\necho 3.11.2\n")
    fake.chmod(0o755)
    result = subprocess.run(["make", "--no-print-directory", "site", f"PYTHON={fake}", f"VENV={tmp_path / 'venv'}"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (f"make: {fake} (Python 3.11.2) cannot create a virtual environment; "
                                             "on Debian or Ubuntu: sudo apt-get install python3.11-venv")


def test_readme_names_the_supported_pythons() -> None:
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert "Python 3.11 (any patch level, 3.11.2 included), 3.12 or 3.13" in readme
    assert shutil.which("make")
