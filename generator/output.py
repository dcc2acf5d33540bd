"""Where the command line writes: check a path before any work, write atomically.

Every `--out`, `--svg` and `--site-dir` is checked before the command does
anything else (prints a report, renders a PDF), so a path that cannot be
written costs one line and exit code 2, and nothing is written anywhere.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .errors import InputError


def _refuse(path: Path, option: str, why: str, kind: str = "place") -> InputError:
    # "studyplan" becomes "studyplan <command>" in cli.run, like every flag's message.
    return InputError.single("studyplan", f"expected a {kind} to write {path} but {why}", field=option)


def _nearest_existing(path: Path) -> Path:
    """The path itself or its closest ancestor that exists (symlinks followed)."""
    probe = path.absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return probe


def _check_parent_chain(path: Path, option: str, kind: str) -> None:
    """Everything that will be created on the way to `path` can be."""
    existing = _nearest_existing(path.parent)
    if not existing.is_dir():
        raise _refuse(path, option, f"{existing} is a file, not a directory", kind)
    if not os.access(existing, os.W_OK | os.X_OK):
        raise _refuse(path, option, f"there is no permission to write in {existing}", kind)


def check_file(path: Path, option: str) -> None:
    """`path` can be written as a file (created, with its directories, or replaced)."""
    if path.is_dir():
        raise _refuse(path, option, "it is a directory")
    _check_parent_chain(path, option, "place")
    if path.exists() and not os.access(path, os.W_OK) and not os.access(path.parent, os.W_OK):
        raise _refuse(path, option, "there is no permission to replace it")


def check_dir(path: Path, option: str) -> None:
    """`path` can be a directory we write into (created if missing)."""
    if path.exists():
        if not path.is_dir():
            raise _refuse(path, option, "it is a file", "directory")
        if not os.access(path, os.W_OK | os.X_OK):
            raise _refuse(path, option, f"there is no permission to write in {path}", "directory")
    _check_parent_chain(path, option, "directory")


def write_file(path: Path, data: bytes | str, option: str) -> None:
    """Write `path` whole or not at all: a temporary file beside it, renamed."""
    check_file(path, option)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        tmp.replace(path)
    except OSError as exc:  # full disk, a race, a read-only file system
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise _refuse(path, option, f"writing failed ({exc.strerror or exc.__class__.__name__})") from None


def make_dir(path: Path, option: str) -> None:
    check_dir(path, option)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _refuse(path, option, f"creating it failed ({exc.strerror or exc.__class__.__name__})", "directory") from None
