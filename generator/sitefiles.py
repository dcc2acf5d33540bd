"""Every file of the site made from the plan, as plain data: the generated
pages (Markdown plus the HTML blocks kept out of it), the .ics files, the
checklist PDFs, the Anki deck and the plan data script. A pure function of the site data
and the caches under `<cache_dir>/`; the plugin places the result (and keeps
it in its memo, so a warm build imports none of this).
"""

from __future__ import annotations

import json
import logging
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from . import checklists, pages
from .cache import cached, path_for
from .calendars import calendar_files
from .sitedata import SiteData

if TYPE_CHECKING:
    from .renderers import Renderers

log = logging.getLogger("mkdocs.plugins.studyplan")
PLAN_DATA_JS = "assets/plan-data.js"  # macros.browser_data and the plan for the rules (assets/rules.js), loaded once


def first_files(site: SiteData, cache_dir: Path, serving: bool = False, pdfs: PdfRun | None = None) -> Later:
    """Every file but the checklist PDFs, which go on rendering (`pdfs`, or
    started here) until `finish()`: the plugin writes the site's pages meanwhile.
    `finish()` gives {"pages": docs path -> (Markdown, {placeholder: HTML}),
    "files": path -> text or bytes, "stale": whether some PDFs are not for the
    next build: from before a plan edit (`mkdocs serve` only), or with
    characters no installed font has (made again until the fonts are
    installed)}: plain data, as the plugin's memo keeps it."""
    pdfs = pdfs or PdfRun(site, cache_dir, serving)
    try:
        generated = {**pages.generated_pages(site), **pages.checklist_pages(site)}
        files = {**calendar_files_of(site, cache_dir), **anki_deck(site), PLAN_DATA_JS: plan_data_script(site)}
    except BaseException:
        pdfs.close()
        raise
    return Later({"pages": {path: (page.markdown, page.html) for path, page in generated.items()}, "files": files,
                  "stale": False}, pdfs)


class Later:
    """The site's files with the PDFs still to come: `made` (as `finish()`
    gives, without them), `names` (the PDFs' paths) and `finish()`."""

    def __init__(self, made: dict, pdfs: PdfRun) -> None:
        self.made, self.pdfs = made, pdfs
        self.names = pdfs.names

    def finish(self) -> dict:
        """Every file, the PDFs included (see `first_files`): they are joined as their pages arrive."""
        made, stale = self.pdfs.result()
        return {**self.made, "files": {**self.made["files"], **made}, "stale": bool(stale or self.pdfs.missing)}

    def close(self) -> None:
        self.pdfs.close()


def anki_deck(site: SiteData) -> dict[str, bytes]:
    """downloads/<plan id>-questions.apkg at the default pace (none when the plan has no questions)."""
    from . import anki

    data = anki.deck(site.default) if site.plan.topics else None
    return {anki.file_name(site.plan.id): data} if data else {}


def plan_data_script(site: SiteData) -> str:
    """`macros.browser_data` as a script setting one global, loaded by studyplan.js where a page lacks #sp-data."""
    from .export import rules_data
    from .macros import browser_data

    data = {**browser_data(site), "rules": rules_data(site.plan)}
    return f"window.STUDYPLAN_DATA={json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n"


def checklist_pdfs(site: SiteData, cache_dir: Path, serving: bool = False) -> tuple[dict[str, bytes], tuple[str, ...]]:
    """checklists/<days>/checklists-{a4,letter}.pdf and which of them are stale (see PdfRun)."""
    return PdfRun(site, cache_dir, serving).result()


class PdfRun:
    """The checklist PDFs of every pace and paper, one page per week. Each week
    is its own one-page PDF, cached by its HTML outside the site
    (`<cache_dir>/checklists/`), and a pace's PDF joins its weeks (cached by the
    weeks it joins), so a plan edit renders only the weeks whose sheet changed.
    Made at once: the pages that are not cached go to rendering workers
    (`renderers`, maybe started before the plan was read; else started here,
    about one per ten pages, at most one per core) while the build goes on;
    `result()` takes each PDF's pages as they come and joins them. While
    `mkdocs serve` runs, a PDF with a changed week keeps the previous one (the
    next `studyplan build` renders it), so the edit-reload loop stays fast."""

    def __init__(self, site: SiteData, cache_dir: Path, serving: bool = False, renderers: Renderers | None = None) -> None:
        self.cache = cache_dir / "checklists"
        self.plan_id = site.plan.id
        self.by = by = checklists.engine()
        self.done: dict[str, Path] = {}  # PDF path -> its cached file
        self.stale: dict[str, str] = {}  # PDF path -> "days/paper" of those kept from before an edit (serving)
        self.jobs: dict[str, list[str]] = {}  # PDF path -> the HTML of its pages, to join
        self.missing: list[str] = []  # characters of the pages that no installed font has
        self.pages: dict[str, None] = {}  # every page's HTML (a pace's PDF kept from before an edit: its pages now)
        missing: dict[str, None] = {}  # the pages to render, in order
        for days, p in site.paces.items():
            for paper in checklists.PAPERS:
                name = f"checklists/{days}/checklists-{paper}.pdf"
                htmls = [checklists.pdf_html(p, [s], paper) for s in site.sheets[days]] or [checklists.pdf_html(p, [], paper)]
                self.pages.update(dict.fromkeys(htmls))
                joined = path_for(self.cache, checklists.joined_key(htmls, by), ".pdf")
                if joined.exists():
                    self.done[name] = joined
                    continue
                todo = [h for h in htmls if not checklists.is_cached(h, self.cache, by)]
                if todo and serving and self._latest(name).exists():
                    self.stale[name] = f"{days}/{paper}"
                    continue
                self.jobs[name] = htmls
                missing.update(dict.fromkeys(todo))
        self.names = tuple(sorted({*self.done, *self.stale, *self.jobs}))
        self.renderers = renderers
        if missing:
            from .renderers import PAGES_PER_LANE, Renderers

            self.renderers = renderers or Renderers()
            self.renderers.grow(len(missing) // PAGES_PER_LANE + 1)
        elif renderers is not None:
            renderers.close()  # started in case the plan's pages changed: they did not
            self.renderers = None
        self.rendering = {html: self.renderers.render(html) for html in missing} if self.renderers else {}

    def _latest(self, name: str) -> Path:
        days, paper = name.split("/")[1], name.rsplit("-", 1)[1].removesuffix(".pdf")
        return self.cache / f"latest-{self.plan_id}-{days}-{paper}.pdf"

    def _page(self, html: str) -> bytes:
        if html in self.rendering:
            assert self.renderers is not None
            return checklists.cached_pdf(html, self.cache, self.renderers.wait(self.rendering.pop(html)), self.by)
        return checklists.cached_pdf(html, self.cache, by=self.by)

    def _hand_over(self, names: list[str]) -> dict[str, int]:
        """Have the worker rendering their pages join these PDFs (after those
        pages) while this process joins the others: PDF path -> job number."""
        handed: dict[str, int] = {}
        for name in names if self.renderers is not None else ():
            parts: list[bytes | int] = [self.rendering[h] if h in self.rendering else checklists.cached_pdf(h, self.cache, by=self.by)
                                        for h in self.jobs[name]]
            number = self.renderers.join(parts)  # type: ignore[union-attr]
            if number is not None:
                handed[name] = number
        return handed

    def _joined(self, name: str, handed: dict[str, int]) -> bytes:
        if name in handed:
            assert self.renderers is not None
            return self.renderers.wait(handed[name])
        from .renderers import join_pdfs

        return join_pdfs([self._page(h) for h in self.jobs[name]])

    def result(self) -> tuple[dict[str, bytes], tuple[str, ...]]:
        try:
            if self.jobs or self.done:  # every page, rendered now or before: the warning lasts until the fonts are there
                from .fonts import warn_missing_glyphs

                self.missing = warn_missing_glyphs("\n".join(self.pages))  # here, while the workers render
            names = list(self.jobs)
            handed = self._hand_over(names[(len(names) + 1) // 2:]) if len(names) > 1 else {}
            result = {name: cached(self.cache, checklists.joined_key(self.jobs[name], self.by),
                                   lambda name=name: self._joined(name, handed), ".pdf") for name in names}
            for html in list(self.rendering):  # pages only a worker's joins used: cached for the next edit
                self._page(html)
        finally:
            self.close()
        result.update({name: path.read_bytes() for name, path in self.done.items()})
        self.cache.mkdir(parents=True, exist_ok=True)
        for name, data in result.items():
            _write_if_changed(self._latest(name), data)
        result.update({name: self._latest(name).read_bytes() for name in self.stale})
        if self.stale:
            log.info("checklist PDFs (%s) are from before this change; `studyplan build` renders them anew", ", ".join(self.stale.values()))
        return dict(sorted(result.items())), tuple(self.stale.values())

    def close(self) -> None:
        if self.renderers is not None:
            self.renderers.close()
            self.renderers = None


def _write_if_changed(path: Path, data: bytes) -> None:
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass
    path.write_bytes(data)


def calendar_files_of(site: SiteData, cache_dir: Path) -> dict[str, bytes]:
    """calendar/<days>/{daily,weekend,milestones}.ics for every pace from the
    settings' start date, cached by the plan, pace and settings they are made from and the generator's code
    (which writes their words and properties). Made anew, a file reuses the bytes
    of each event unchanged since the last build (`<cache_dir>/calendar-events/`)."""
    from .export import plan_data
    from .memo import Memo, code_fingerprint

    result, code = {}, code_fingerprint()
    events: list[Memo] = []  # the last build's events, read when a file is first made
    known: dict[str, bytes] = {}
    used: dict[str, bytes] = {}
    made_all = True

    def made(p):  # a pace's files made anew, reusing the events of the last build
        if not events:
            events.append(Memo(cache_dir / "calendar-events", version("icalendar"), code))
            known.update(events[0].get("events", dict))
        return json.dumps({k: v.decode() for k, v in calendar_files(p, site.settings, feed=True, known=known, used=used).items()}).encode()

    for days, p in site.paces.items():
        key = json.dumps([version("icalendar"), plan_data(p, agenda=False), repr(site.settings), code], sort_keys=True,
                         default=str)
        hit = path_for(cache_dir / "calendars", key).exists()
        made_all = made_all and not hit
        bundle = cached(cache_dir / "calendars", key, lambda p=p: made(p))
        for name, text in json.loads(bundle).items():
            result[f"calendar/{days}/{name}"] = text.encode()
    if events and used != known:  # this build's events (and, when a pace's files came from the cache, the last build's too)
        events[0].put("events", used if made_all else {**known, **used})
        events[0].save()
    return result
