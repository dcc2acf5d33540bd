"""Every file of the site made from the plan, as plain data: the generated
pages (Markdown plus the HTML blocks kept out of it), the .ics files, the
checklist PDFs and the plan data script. A pure function of the site data
and the caches under `<cache_dir>/`; the plugin places the result (and keeps
it in its memo, so a warm build imports none of this).
"""

from __future__ import annotations

import json
import logging
from importlib.metadata import version
from pathlib import Path

from . import checklists, pages
from .cache import cached
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
        files = {**calendar_files_of(site, cache_dir), PLAN_DATA_JS: plan_data_script(site)}
        made, stale = pdfs.result()
    finally:
        pdfs.close()
    return {"pages": {path: (page.markdown, page.html) for path, page in generated.items()},
            "files": {**files, **made}, "stale": bool(stale)}


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
    Made at once: which weeks are missing, whose rendering starts in worker
    processes; `result()` waits for them. While `mkdocs serve` runs, a PDF with
    a changed week keeps the previous one (the next `studyplan build` renders
    it), so the edit-reload loop stays fast."""

    def __init__(self, site: SiteData, cache_dir: Path, serving: bool = False) -> None:
        self.cache = cache_dir / "checklists"
        self.plan_id = site.plan.id
        self.by = checklists.engine()
        self.wanted: dict[str, list[str]] = {}  # PDF path -> the HTML of each of its pages
        self.stale: dict[str, str] = {}  # PDF path -> "days/paper" of those kept from before an edit (serving)
        missing: dict[str, None] = {}
        for days, p in site.paces.items():
            for paper in checklists.PAPERS:
                name = f"checklists/{days}/checklists-{paper}.pdf"
                sheets = site.sheets[days]
                htmls = [checklists.pdf_html(p, [s], paper) for s in sheets] or [checklists.pdf_html(p, [], paper)]
                todo = [h for h in htmls if not checklists.is_cached(h, self.cache, self.by)]
                if todo and serving and self._latest(name).exists():
                    self.stale[name] = f"{days}/{paper}"
                    continue
                self.wanted[name] = htmls
                missing.update(dict.fromkeys(todo))
        self.missing = list(missing)
        self.rendering = checklists.Rendering(self.missing)  # a cold cache: every week at once, a worker per core

    def _latest(self, name: str) -> Path:
        days, paper = name.split("/")[1], name.rsplit("-", 1)[1].removesuffix(".pdf")
        self.cache.mkdir(parents=True, exist_ok=True)
        return self.cache / f"latest-{self.plan_id}-{days}-{paper}.pdf"

    def result(self) -> tuple[dict[str, bytes], tuple[str, ...]]:
        rendered = dict(zip(self.missing, self.rendering.result()))
        result = {}
        for name, htmls in self.wanted.items():
            parts = [checklists.cached_pdf(h, self.cache, rendered.get(h), self.by) for h in htmls]
            key = f"joined by pypdf {version('pypdf')}\n" + "\n".join(checklists.pdf_cache_key(h, self.by) for h in htmls)
            result[name] = cached(self.cache, key, lambda parts=parts: checklists.join_pdfs(parts), ".pdf")
            self._latest(name).write_bytes(result[name])
        for name in self.stale:
            result[name] = self._latest(name).read_bytes()
        if self.stale:
            log.info("checklist PDFs (%s) are from before this change; `studyplan build` renders them anew", ", ".join(self.stale.values()))
        return dict(sorted(result.items())), tuple(self.stale.values())

    def close(self) -> None:
        self.rendering.close()


def calendar_files_of(site: SiteData, cache_dir: Path) -> dict[str, bytes]:
    """calendar/<days>/{daily,weekend,milestones}.ics for every pace from the
    settings' start date, cached by the plan, pace and settings they are made from."""
    from .export import plan_data

    result = {}
    for days, p in site.paces.items():
        key = json.dumps([version("icalendar"), plan_data(p, agenda=False), repr(site.settings)], sort_keys=True, default=str)
        bundle = cached(cache_dir / "calendars", key, lambda p=p: json.dumps(
            {k: v.decode() for k, v in calendar_files(p, site.settings).items()}).encode())
        for name, text in json.loads(bundle).items():
            result[f"calendar/{days}/{name}"] = text.encode()
    return result
