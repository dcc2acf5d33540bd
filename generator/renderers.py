"""Checklist pages (HTML) into PDFs with WeasyPrint, PDFs joined with pypdf,
and the worker processes that do both while a build goes on.

A worker pays WeasyPrint's import and font set-up first, most of a second of
a core, so workers can be started before the build knows its pages:
`studyplan build` starts one as soon as it sees a plan text that is new to
the cache, and the set-up then overlaps MkDocs reading the config, the plan
and the docs. Each worker (a lane) has its own queue; a page goes to the lane
expected to finish it first, a lane started later counting its set-up, so a
one-line edit (a few pages) stays on the warm worker and a cold build spreads
over every core. A worker starts as a fork of the build where that is safe
(Linux, a single thread: `studyplan build` before MkDocs loads), so it has
nothing to import but WeasyPrint; else as a new interpreter. The build waits
for a page only when it joins that page's PDF, after the site's pages are
written; meanwhile a worker that rendered all of a PDF's new pages joins the
later half of the PDFs (after a one-line edit, the single worker does).
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import queue
from typing import Any

SETUP = 6  # a worker's set-up, in pages it could have rendered meanwhile
PAGES_PER_LANE = 10  # about this many pages pay for one more worker
MAX_LANES = 4  # even on a larger machine: each worker costs a WeasyPrint set-up and its memory


def cores() -> int:
    """The cores this process may use (its CPU affinity where the system says; else all)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class RenderError(RuntimeError):
    pass


def render_pages(html: str) -> tuple[bytes, int]:
    """The PDF of `html` and its number of pages (WeasyPrint)."""
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = HTML(string=html).render()
    return document.write_pdf(), len(document.pages)


def join_pdfs(parts: list[bytes]) -> bytes:
    """One PDF of `parts`' pages in order, with their bookmarks and the first
    part's metadata (title, producer). The same parts give the same bytes: pypdf
    writes no file identifier or date of its own."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(p)) for p in parts]
    for reader in readers:
        writer.append(reader)
    if readers and readers[0].metadata:
        writer.add_metadata(dict(readers[0].metadata))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _serve(jobs: Any, results: Any) -> None:
    """A worker: set WeasyPrint up, then do each (number, "page", html) or
    (number, "join", [PDF bytes or page numbers]) until None, or until the
    build that started it is gone. Ctrl-C is the build's to handle."""
    import signal

    import weasyprint  # noqa: F401  (the set-up, before the first page arrives)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    results.cancel_join_thread()  # ending, never wait to hand over results nobody reads
    parent = multiprocessing.parent_process()
    pages: dict[int, bytes] = {}  # this worker's pages, for its joins
    while parent is None or parent.is_alive():
        try:
            job = jobs.get(timeout=1)
        except queue.Empty:
            continue
        if job is None:
            return
        number, kind, what = job
        try:
            if kind == "page":
                data = pages[number] = render_pages(what)[0]
            else:
                data = join_pdfs([pages[part] if isinstance(part, int) else part for part in what])
            results.put((number, True, data))
        except Exception as exc:  # reported by the build, which stops
            results.put((number, False, f"{type(exc).__name__}: {exc}"))


def _context() -> Any:
    """fork where it is safe and cheap (no thread to copy; Linux), else spawn."""
    import sys
    import threading

    return multiprocessing.get_context("fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn")


class _Lane:
    def __init__(self, load: int) -> None:
        context = _context()
        self.jobs, self.results = context.Queue(), context.Queue()
        self.jobs.cancel_join_thread()  # at exit, never wait to send pages nobody will render
        self.process = context.Process(target=_serve, args=(self.jobs, self.results), daemon=True)
        self.process.start()
        self.load = load  # pages queued, plus the set-up of a lane started after others
        self.done: dict[int, bytes] = {}


def _keep(lane: _Lane, number: int, ok: bool, data: Any) -> None:
    if not ok:
        raise RenderError(f"a checklist PDF could not be made: {data}")
    lane.done[number] = data


class Renderers:
    """Lanes of rendering workers (see the module's docstring); `close` stops them."""

    def __init__(self) -> None:
        self.lanes: list[_Lane] = []
        self.where: dict[int, _Lane] = {}  # job number -> its lane
        atexit.register(self.close)  # also when the build stops on an error or Ctrl-C

    @classmethod
    def start(cls, lanes: int = 1) -> Renderers:
        renderers = cls()
        renderers.grow(lanes)
        return renderers

    def grow(self, lanes: int) -> None:
        """Have at least `lanes` workers (at most one per core, and MAX_LANES). One
        added once pages are queued counts its set-up against the others' head start."""
        wanted = max(1, min(cores(), MAX_LANES, lanes))
        while len(self.lanes) < wanted:
            self.lanes.append(_Lane(SETUP if self.where else 0))

    def render(self, html: str) -> int:
        """Queue one page; its number is what `wait` takes."""
        return self._queue("page", html)

    def join(self, parts: list[bytes | int]) -> int | None:
        """Queue the join of PDFs into one (`join_pdfs`): each part its bytes or
        the number of a page queued here. The number for `wait`, or None when those
        pages are on different workers (the caller joins them itself)."""
        lanes = {id(self.where[part]): self.where[part] for part in parts if isinstance(part, int)}
        if len(lanes) > 1:
            return None
        return self._queue("join", parts, next(iter(lanes.values()), None))

    def _queue(self, kind: str, what: object, lane: _Lane | None = None) -> int:
        if not self.lanes:
            self.grow(1)
        lane = lane or min(self.lanes, key=lambda lane: lane.load)
        number = len(self.where)
        lane.jobs.put((number, kind, what))
        lane.load += 1
        self.where[number] = lane
        return number

    def wait(self, number: int) -> bytes:
        """The PDF of job `number`, once its worker has made it."""
        lane = self.where[number]
        while number not in lane.done:
            try:
                got, ok, data = lane.results.get(timeout=1)
            except queue.Empty:
                if not lane.process.is_alive():
                    raise RenderError(f"the PDF worker stopped (exit code {lane.process.exitcode})") from None
                continue
            _keep(lane, got, ok, data)
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
