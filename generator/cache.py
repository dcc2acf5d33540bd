"""A content-addressed file cache (under .cache/, outside any site directory):
an unchanged input costs nothing on the next build."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path


def path_for(directory: Path, key: str, suffix: str = "") -> Path:
    """Where the bytes for `key` are (or would be) stored."""
    return directory / (hashlib.sha256(key.encode()).hexdigest() + suffix)


def cached(directory: Path, key: str, produce: Callable[[], bytes], suffix: str = "") -> bytes:
    """The bytes stored under sha256(key), made by `produce` on a miss."""
    path = path_for(directory, key, suffix)
    if path.exists():
        return path.read_bytes()
    data = produce()
    directory.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return data
