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
from .cache import cached
from .calendars import calendar_files
from .sitedata import SiteData

log = logging.getLogger("mkdocs.plugins.studyplan")
PLAN_DATA_JS = "assets/plan-data.js"  # macros.browser_data and the plan for the rules (assets/rules.js), loaded once


def site_files(site: SiteData, cache_dir: Path, serving: bool = False) -> dict:
    """{"pages": docs path -> (Markdown, {placeholder: HTML}), "files": path -> text
    or bytes, "stale": whether some PDFs are from before a plan edit (`mkdocs
    serve` only)}: plain data, as the plugin's memo keeps it."""
    generated = {**pages.generated_pages(site), **pages.checklist_pages(site)}
    pdfs, stale = checklist_pdfs(site, cache_dir, serving)
    return {"pages": {path: (page.markdown, page.html) for path, page in generated.items()},
            "files": {**calendar_files_of(site, cache_dir), **pdfs, **anki_deck(site),
                      PLAN_DATA_JS: plan_data_script(site)},
            "stale": bool(stale)}


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
    """checklists/<days>/checklists-{a4,letter}.pdf, cached outside the site,
    and which of them are stale. While `mkdocs serve` runs, a changed plan
    keeps the previous PDFs (the next `studyplan build` renders them), so the
    edit-reload loop stays fast."""
    cache = cache_dir / "checklists"
    result, stale, missing = {}, [], {}
    for days, p in site.paces.items():
        for paper in checklists.PAPERS:
            html = checklists.pdf_html(p, site.sheets[days], paper)
            latest = cache / f"latest-{site.plan.id}-{days}-{paper}.pdf"
            name = f"checklists/{days}/checklists-{paper}.pdf"
            if checklists.is_cached(html, cache):
                result[name] = checklists.cached_pdf(html, cache)
                latest.write_bytes(result[name])
            elif serving and latest.exists():
                result[name] = latest.read_bytes()
                stale.append(f"{days}/{paper}")
            else:
                missing[name] = (html, latest)
    # A cold cache renders every PDF at once, one process per core.
    for name, data in zip(missing, checklists.render_many([html for html, _ in missing.values()])):
        html, latest = missing[name]
        result[name] = checklists.cached_pdf(html, cache, data)
        latest.write_bytes(data)
    if stale:
        log.info("checklist PDFs (%s) are from before this change; `studyplan build` renders them anew", ", ".join(stale))
    return dict(sorted(result.items())), tuple(stale)


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
