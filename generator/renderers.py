"""Worker processes that turn checklist pages (HTML) into one-page PDFs with WeasyPrint.

A worker pays WeasyPrint's import and font set-up first, most of a second of
a core, so workers can be started before the build knows its pages:
`studyplan build` starts one as soon as it sees a plan text that is new to
the cache, and the set-up then overlaps MkDocs reading the config, the plan
and the docs. Each worker (a lane) has its own queue; a page goes to the lane
expected to finish it first, a lane started later counting its set-up, so a
one-line edit (a few pages) stays on the warm worker and a cold build spreads
over every core. The build waits for a page only when it joins that page's
PDF, after the site's pages are written.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from typing import Any

SETUP = 6  # a worker's set-up, in pages it could have rendered meanwhile
PAGES_PER_LANE = 10  # about this many pages pay for one more worker


class RenderError(RuntimeError):
    pass


def _serve(jobs: Any, results: Any) -> None:
    """A worker: set WeasyPrint up, then render each (number, html) until None."""
    import logging

    import weasyprint  # noqa: F401  (the set-up, before the first page arrives)

    from .checklists import render_pdf

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    while (job := jobs.get()) is not None:
        number, html = job
        try:
            results.put((number, True, render_pdf(html, warn=False)))
        except Exception as exc:  # reported by the build, which stops
            results.put((number, False, f"{type(exc).__name__}: {exc}"))


class _Lane:
    def __init__(self, context: Any, load: int) -> None:
        self.jobs, self.results = context.Queue(), context.Queue()
        self.process = context.Process(target=_serve, args=(self.jobs, self.results), daemon=True)
        self.process.start()
        self.load = load  # pages queued, plus the set-up of a lane started after others
        self.done: dict[int, bytes] = {}


class Renderers:
    """Lanes of rendering workers (see the module's docstring); `close` stops them."""

    def __init__(self) -> None:
        self.context = multiprocessing.get_context("spawn")  # no fork of a running build's threads
        self.lanes: list[_Lane] = []
        self.where: dict[int, _Lane] = {}  # page number -> its lane

    @classmethod
    def start(cls, lanes: int = 1) -> Renderers:
        renderers = cls()
        renderers.grow(lanes)
        return renderers

    def grow(self, lanes: int) -> None:
        """Have at least `lanes` workers (at most one per core)."""
        wanted = max(1, min(os.cpu_count() or 1, lanes))
        while len(self.lanes) < wanted:
            self.lanes.append(_Lane(self.context, SETUP if self.lanes else 0))

    def render(self, html: str) -> int:
        """Queue one page; its number is what `wait` takes."""
        if not self.lanes:
            self.grow(1)
        lane = min(self.lanes, key=lambda lane: lane.load)
        number = len(self.where)
        lane.jobs.put((number, html))
        lane.load += 1
        self.where[number] = lane
        return number

    def wait(self, number: int) -> bytes:
        """The PDF of page `number`, once its worker has made it."""
        lane = self.where[number]
        while number not in lane.done:
            try:
                got, ok, data = lane.results.get(timeout=1)
            except queue.Empty:
                if not lane.process.is_alive():
                    raise RenderError(f"the PDF worker stopped (exit code {lane.process.exitcode})") from None
                continue
            if not ok:
                raise RenderError(f"a checklist page could not be rendered: {data}")
            lane.done[got] = data
        return lane.done.pop(number)

    def close(self) -> None:
        """Stop every worker now, one still setting up or rendering pages nobody waits for included."""
        for lane in self.lanes:
            lane.jobs.cancel_join_thread()
            if lane.process.is_alive():
                lane.process.terminate()
            lane.process.join()
            lane.jobs.close()
            lane.results.close()
        self.lanes = []
