"""What a site build made from one (plan, settings, code), kept for the next
build with the same inputs: a warm `studyplan build` or `mkdocs serve` reload
places the generated pages, calendars, PDFs and scripts without computing them.

One file per input key under `<cache_dir>/outputs/`; the key covers the plan
as validated, the settings, the URL style, every file of the generator
package and the versions of the libraries whose output we keep. Values are
plain data (str, bytes, int, bool, None, lists, tuples, dicts), or for the
validated plan (`<cache_dir>/plans/`, keyed by the plan file's text) the
frozen dataclasses of `model`. They are stored with pickle and read back by a
reader that refuses every other class, so a file planted in the cache can
never run code. A damaged file is a miss.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .cache import path_for

T = TypeVar("T")
FORMAT = 1
KEEP = 8  # input keys kept on disk (the newest by use)
PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("icalendar", "jinja2", "mkdocs", "pypdf", "weasyprint")


def code_fingerprint(package: Path = PACKAGE) -> str:
    """sha256 over every source and template file of the generator package."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update("\0".join(installed(LIBRARIES)).encode())
    return digest.hexdigest()


def installed(names: tuple[str, ...]) -> list[str]:
    """The `name-version.dist-info` directories of these distributions on
    sys.path (listing a directory is much faster than importlib.metadata)."""
    wanted = {n.lower() for n in names}
    found = []
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        found += sorted(d for d in listing if d.endswith(".dist-info") and d.split("-")[0].lower() in wanted)
    return found


class _Reader(pickle.Unpickler):
    """Reads plain data and instances of the allowed classes, nothing else."""

    def __init__(self, data: bytes, classes: tuple[type, ...]) -> None:
        super().__init__(io.BytesIO(data))
        self.classes = {(c.__module__, c.__qualname__): c for c in classes}

    def find_class(self, module: str, name: str) -> object:
        try:
            return self.classes[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not plain data") from None


class Memo:
    """Named values made from one input key, read from and saved to `directory`.
    Values are plain data or instances of `classes` (frozen dataclasses of ours)."""

    def __init__(self, directory: Path, *inputs: str, classes: tuple[type, ...] = ()) -> None:
        self.path = self.file(directory, *inputs)
        self.classes = classes
        self.values: dict[str, object] = self._read()
        self.changed = False

    @staticmethod
    def file(directory: Path, *inputs: str) -> Path:
        """Where the memo of these inputs is kept."""
        return path_for(directory, "\0".join((str(FORMAT), *inputs)), ".pickle")

    @staticmethod
    def exists(directory: Path, *inputs: str) -> bool:
        """Whether a memo of these inputs is on disk (nothing is read)."""
        return Memo.file(directory, *inputs).exists()

    def _read(self) -> dict[str, object]:
        try:
            data = _Reader(self.path.read_bytes(), self.classes).load()
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, name: str, produce: Callable[[], T]) -> T:
        """The value stored as `name`, made by `produce` on a miss (plain data only)."""
        if name not in self.values:
            self.values[name] = produce()
            self.changed = True
        return self.values[name]  # type: ignore[return-value]

    def put(self, name: str, value: object) -> None:
        """Keep `value` (plain data) as `name`."""
        self.values[name] = value
        self.changed = True

    def has(self, name: str) -> bool:
        return name in self.values

    def forget(self, name: str) -> None:
        """Do not keep `name` (it was made from something older than the inputs)."""
        if self.values.pop(name, None) is not None:
            self.changed = True

    def save(self) -> None:
        """Write the values if anything new was made; drop the least recently used keys."""
        directory = self.path.parent
        if not self.changed:
            if self.path.exists():
                os.utime(self.path)
            return
        directory.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(self.values, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(self.path)
        self.changed = False
        others = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[KEEP:]:
            old.unlink(missing_ok=True)
