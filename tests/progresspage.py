"""Helpers for the Progress page in a real browser: tick, export, import, read what is stored."""

from __future__ import annotations

import contextlib
import functools
import json
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

from conftest import _QuietHandler, studyplan


def key(plan_id: str, name: str = "progress") -> str:
    return f"studyplan:{plan_id}:{name}"


def stored(page, plan_id: str, name: str = "progress"):
    """What the page keeps in localStorage under one of its keys, parsed (or None)."""
    raw = page.evaluate("k => localStorage.getItem(k)", key(plan_id, name))
    return None if raw is None else json.loads(raw)


def raw(page, plan_id: str) -> str | None:
    return page.evaluate("k => localStorage.getItem(k)", key(plan_id))


def box(page, task_id: str):
    return page.locator(f"input[data-task-id='{task_id}']").first


def tick(page, task_id: str) -> None:
    page.locator(f"label:has(input[data-task-id='{task_id}'])").first.click()


def export(page, tmp_path: Path, name: str = "progress.json") -> Path:
    """Click the Progress page's own "Export progress" and keep the file."""
    with page.expect_download() as info:
        page.locator("#sp-file .sp-buttons [data-action=export]").click()
    out = tmp_path / name
    info.value.save_as(out)
    return out


def choose_file(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(path))


def import_file(page, path: Path, how: str) -> None:
    """Import a file and answer "Merge" or "Replace"."""
    choose_file(page, path)
    page.locator("#sp-choice").get_by_role("button", name=how, exact=True).click()


def reset_everything(page) -> None:
    page.get_by_label("Reset", exact=True).select_option("all")
    page.get_by_role("button", name="Reset progress").click()
    page.get_by_role("button", name="Yes, reset").click()
    page.get_by_role("status").filter(has_text="Reset:").wait_for()


def in_viewport(page, locator) -> bool:
    b = locator.bounding_box()
    size = page.viewport_size
    return b is not None and b["x"] >= 0 and b["y"] >= 0 and b["x"] + b["width"] <= size["width"] and b["y"] + b["height"] <= size["height"]


@contextlib.contextmanager
def served_site(plan: Path, out: Path) -> Iterator[str]:
    """Build the site of another plan and serve it; yields its base URL."""
    result = studyplan("build", "--plan", str(plan), "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
