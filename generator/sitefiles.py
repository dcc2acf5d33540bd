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

from . import checklists, pages
from .cache import cached, path_for
from .calendars import calendar_files
from .sitedata import SiteData

log = logging.getLogger("mkdocs.plugins.studyplan")
PLAN_DATA_JS = "assets/plan-data.js"  # macros.browser_data and the plan for the rules (assets/rules.js), loaded once


def site_files(site: SiteData, cache_dir: Path, serving: bool = False, pdfs: PdfRun | None = None) -> dict:
    """{"pages": docs path -> (Markdown, {placeholder: HTML}), "files": path -> text
    or bytes, "stale": whether some PDFs are from before a plan edit (`mkdocs
    serve` only)}: plain data, as the plugin's memo keeps it. The weeks' PDFs
    that need rendering are rendered (`pdfs`, or started here) while the rest is made."""
    pdfs = pdfs or PdfRun(site, cache_dir, serving)
    try:
        generated = {**pages.generated_pages(site), **pages.checklist_pages(site)}
        files = {**calendar_files_of(site, cache_dir), **anki_deck(site), PLAN_DATA_JS: plan_data_script(site)}
        made, stale = pdfs.result()
    finally:
        pdfs.close()
    return {"pages": {path: (page.markdown, page.html) for path, page in generated.items()},
            "files": {**files, **made}, "stale": bool(stale)}


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
    Made at once: which PDFs are not cached, each made (its missing weeks
    rendered, then joined) in worker processes started now, so the build goes
    on meanwhile; `result()` waits for them. A few pages take one worker (each
    pays WeasyPrint's import and font set-up, most of a second of a core), about
    ten pages one more, up to one per core. While `mkdocs serve` runs, a PDF with
    a changed week keeps the previous one (the next `studyplan build` renders
    it), so the edit-reload loop stays fast."""

    def __init__(self, site: SiteData, cache_dir: Path, serving: bool = False) -> None:
        self.cache = cache_dir / "checklists"
        self.plan_id = site.plan.id
        by = checklists.engine()
        self.done: dict[str, Path] = {}  # PDF path -> its cached file
        self.stale: dict[str, str] = {}  # PDF path -> "days/paper" of those kept from before an edit (serving)
        jobs: dict[str, list[str]] = {}
        pages = 0
        for days, p in site.paces.items():
            for paper in checklists.PAPERS:
                name = f"checklists/{days}/checklists-{paper}.pdf"
                htmls = [checklists.pdf_html(p, [s], paper) for s in site.sheets[days]] or [checklists.pdf_html(p, [], paper)]
                joined = path_for(self.cache, checklists.joined_key(htmls, by), ".pdf")
                if joined.exists():
                    self.done[name] = joined
                    continue
                todo = sum(not checklists.is_cached(h, self.cache, by) for h in htmls)
                if todo and serving and self._latest(name).exists():
                    self.stale[name] = f"{days}/{paper}"
                    continue
                jobs[name] = htmls
                pages += todo
        self.workers = checklists.pool(pages // 10 + 1) if jobs else None
        self.futures = {name: self.workers.submit(checklists.joined_pdf, htmls, self.cache, by)  # type: ignore[union-attr]
                        for name, htmls in jobs.items()}

    def _latest(self, name: str) -> Path:
        days, paper = name.split("/")[1], name.rsplit("-", 1)[1].removesuffix(".pdf")
        return self.cache / f"latest-{self.plan_id}-{days}-{paper}.pdf"

    def result(self) -> tuple[dict[str, bytes], tuple[str, ...]]:
        try:
            result = {name: future.result() for name, future in self.futures.items()}
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
        if self.workers is not None:
            self.workers.shutdown(wait=True, cancel_futures=True)
            self.workers = None


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
    (which writes their words and properties)."""
    from .export import plan_data
    from .memo import code_fingerprint

    result, code = {}, code_fingerprint()
    for days, p in site.paces.items():
        key = json.dumps([version("icalendar"), plan_data(p, agenda=False), repr(site.settings), code], sort_keys=True,
                         default=str)
        bundle = cached(cache_dir / "calendars", key, lambda p=p: json.dumps(
            {k: v.decode() for k, v in calendar_files(p, site.settings, feed=True).items()}).encode())
        for name, text in json.loads(bundle).items():
            result[f"calendar/{days}/{name}"] = text.encode()
    return result
