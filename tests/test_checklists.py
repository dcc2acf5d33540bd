"""Printable checklists: one page per week in the PDFs and in browser print,
on A4 and Letter, with visible boxes; printing only what is left."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pypdf
import pytest
from conftest import PLAN as PLAN_FILE
from conftest import ROOT, small_plan, studyplan
from PIL import Image

from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)
SIZES = {"a4": (595, 842), "letter": (612, 792)}


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("days", [90, 120])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_site_pdfs_have_one_page_per_week(site_dir: Path, days: int, paper: str) -> None:
    reader = pypdf.PdfReader(site_dir / "checklists" / str(days) / f"checklists-{paper}.pdf")
    assert len(reader.pages) == len(PLAN.weeks)
    for page, week in zip(reader.pages, PLAN.weeks):
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == SIZES[paper]
        text = _norm(page.extract_text())
        assert f"Week {week.number}: {week.title}" in text
        for task in week.tasks:
            assert _norm(task.text) in text, task.text
        assert f"{days}-day pace" in text


@pytest.mark.parametrize("days", [90, 120])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pdf_boxes_are_visible(site_dir: Path, tmp_path: Path, days: int, paper: str) -> None:
    pdf = site_dir / "checklists" / str(days) / f"checklists-{paper}.pdf"
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    # The first box sits left of the first task line: scan the left margin band
    # below the "Checklist" heading for a dark square outline.
    width, height = image.size
    band = image.crop((int(width * 0.05), int(height * 0.12), int(width * 0.1), int(height * 0.3)))
    dark = sum(1 for p in band.getdata() if p < 80)
    assert dark > 150, f"only {dark} dark pixels where the boxes should be"


def test_browser_print_one_page_per_week(page, site_url: str, tmp_path: Path) -> None:
    for days in (90, 120):
        page.goto(f"{site_url}checklists/{days}/all/")
        for fmt in ("A4", "Letter"):
            out = tmp_path / f"{days}-{fmt}.pdf"
            page.pdf(path=str(out), format=fmt)
            reader = pypdf.PdfReader(out)
            assert len(reader.pages) == 12, (days, fmt)
            assert "Week 3: Kubernetes Advanced" in _norm(reader.pages[2].extract_text())


def test_single_week_page_prints_on_one_page(page, site_url: str, tmp_path: Path) -> None:
    page.goto(f"{site_url}checklists/90/kubernetes-advanced/")
    for fmt in ("A4", "Letter"):
        out = tmp_path / f"w3-{fmt}.pdf"
        page.pdf(path=str(out), format=fmt)
        text = _norm(pypdf.PdfReader(out).pages[0].extract_text())
        assert len(pypdf.PdfReader(out).pages) == 1
        assert "Search" not in text.split("Week 3")[0]  # no site chrome above the sheet


def test_checklist_pages_share_task_ids(site_dir: Path) -> None:
    from sitetext import read_page
    _, week_boxes = read_page(site_dir / "weeks" / "docker-deep-dive" / "index.html")
    _, sheet_boxes = read_page(site_dir / "checklists" / "90" / "docker-deep-dive" / "index.html")
    assert [b["data-task-id"] for b in sheet_boxes] == [b["data-task-id"] for b in week_boxes]


def _progress(tmp_path: Path, done: list[str]) -> Path:
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id,
                                "done": {i: "2027-01-05T10:00:00Z" for i in done}}))
    return path


def test_progress_ticks_and_remaining(tmp_path: Path) -> None:
    week1 = [t.id for t in PLAN.weeks[0].tasks]
    progress = _progress(tmp_path, [*week1, "k8s-probes"])
    ticked = tmp_path / "ticked.pdf"
    result = studyplan("checklists", "--days", "90", "--paper", "a4", "--progress", str(progress),
                       "--weeks", "1,2", "--out", str(ticked))
    assert result.returncode == 0, result.stderr
    pages = pypdf.PdfReader(ticked).pages
    assert len(pages) == 2
    assert _norm(pages[0].extract_text()).count("\u2713") == 4
    left = tmp_path / "left.pdf"
    result = studyplan("checklists", "--days", "120", "--paper", "letter", "--progress", str(progress),
                       "--remaining", "--weeks", "1,2", "--out", str(left))
    assert result.returncode == 0, result.stderr
    pages = pypdf.PdfReader(left).pages
    assert len(pages) == 1  # week 1 is all done: skipped
    text = _norm(pages[0].extract_text())
    assert "Week 2: Kubernetes Fundamentals" in text
    assert "Implement liveness/readiness probes" not in text
    assert "Deploy ML model with Deployment + Service" in text


def test_twenty_long_tasks_fit_one_page(tmp_path: Path) -> None:
    def twenty_long_tasks(data: dict) -> None:
        data["phases"][0]["weeks"][0]["tasks"] = [
            {"id": f"long-{i}", "text": f"Task {i}: " + "a long description of something to practise in depth " * 3}
            for i in range(20)]

    plan = small_plan(tmp_path, twenty_long_tasks)
    for paper in ("a4", "letter"):
        out = tmp_path / f"long-{paper}.pdf"
        result = studyplan("checklists", "--plan", str(plan), "--days", "28", "--paper", paper, "--weeks", "1",
                           "--out", str(out))
        assert result.returncode == 0, result.stderr
        reader = pypdf.PdfReader(out)
        assert len(reader.pages) == 1
        text = _norm(reader.pages[0].extract_text())
        assert "Task 19:" in text  # the last task is on the page
        assert "long-" not in text  # task ids are left out of the PDFs


@pytest.mark.parametrize(("args", "message"), [
    (["--paper", "a5"], "studyplan checklists: --paper: expected a4 or letter but got 'a5'\n"),
    (["--weeks", "3,13"], "studyplan checklists: --weeks: expected week numbers from 1 to 12, separated by "
                          "commas, but got '3,13'\n"),
    (["--remaining"], "studyplan checklists: --remaining: expected --progress FILE with --remaining\n"),
    (["--paper", "a5", "--weeks", "0"], "studyplan checklists: --paper: expected a4 or letter but got 'a5'\n"
                                        "studyplan checklists: --weeks: expected week numbers from 1 to 12, separated by "
                                        "commas, but got '0'\n"),
])
def test_bad_options(args: list[str], message: str, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    result = studyplan("checklists", *args, "--out", str(out))
    assert (result.returncode, result.stderr) == (2, message)
    assert not out.exists()


def test_unreadable_progress(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "studyplan-progress",\n "version": 1,\n "plan": "other-plan",\n "done": []}')
    out = tmp_path / "out.pdf"
    result = studyplan("checklists", "--progress", str(bad), "--out", str(out))
    assert result.returncode == 2
    assert result.stderr == (
        f"{bad}:3: plan: expected progress of plan 'mlops-interview-90-day' but got 'other-plan' (a file of another plan)\n"
        f"{bad}:4: done: expected an object of id -> ISO time but got []\n")
    assert not out.exists()


def test_pdf_cache_makes_rebuilds_cheap(tmp_path: Path) -> None:
    from generator.checklists import cached_pdf
    html = "<p>cache me</p>"
    first = cached_pdf(html, tmp_path)
    assert len(list(tmp_path.glob("*.pdf"))) == 1
    (next(tmp_path.glob("*.pdf"))).write_bytes(b"cached")
    assert cached_pdf(html, tmp_path) == b"cached"
    assert first.startswith(b"%PDF")


def test_serve_keeps_previous_pdfs_until_the_next_build(tmp_path: Path) -> None:
    """mkdocs serve: a plan edit keeps the previous PDFs (no rendering in the
    reload loop), and neither they nor the pages made with them are kept in
    the memo for the next build, which renders the edit."""
    import io
    import shutil

    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN_FILE, plan)

    def run(command: str) -> dict[str, bytes]:
        config = load_config(str(ROOT / "mkdocs.yml"))
        config["site_dir"] = str(tmp_path / "site")  # on_post_build writes the PDFs there
        plugin = config.plugins["studyplan"]
        plugin.plan_path = plan
        plugin.config["cache_dir"] = str(tmp_path / "cache")
        plugin.on_startup(command=command, dirty=False)
        config = plugin.on_config(config)  # what mkdocs serve does on a change, too
        files = config.plugins.run_event("files", Files([]), config=config)
        plugin.on_post_build(config=config)
        return {f.src_uri: f.content_bytes for f in files if f.src_uri.endswith(".pdf")}

    first = run("serve")
    plan.write_text(plan.read_text().replace("security scans with Trivy", "security scans with Grype"))
    assert run("serve") == first  # no rendering in the serve loop
    assert run("serve") == first  # a stale result is not kept: still the previous PDFs, still no rendering
    rebuilt = run("build")
    assert "Grype" in pypdf.PdfReader(io.BytesIO(rebuilt["checklists/90/checklists-a4.pdf"])).pages[0].extract_text()


def test_a_plan_edit_renders_only_its_week_and_gives_the_bytes_of_a_cold_build(tmp_path: Path) -> None:
    """The site's PDFs join one cached PDF per week: after a one-line edit only the
    edited week is rendered again (once per pace and paper), and the PDFs are the
    very bytes a cold build of the edited plan makes, one page per week, the edit on its page."""
    import io

    from generator.generate import load_site
    from generator.sitefiles import checklist_pdfs

    def pdfs(plan: Path, cache: Path) -> dict[str, bytes]:
        site, _, _ = load_site(ROOT / "mkdocs.yml", plan, cache)
        made, stale = checklist_pdfs(site, cache)
        assert not stale
        return made

    plan = tmp_path / "plan.yaml"
    text = PLAN_FILE.read_text(encoding="utf-8")
    plan.write_text(text, encoding="utf-8")
    warm = tmp_path / "warm"
    before = pdfs(plan, warm)
    weeks_before = set((warm / "checklists").glob("*.pdf"))
    edited = "Run container security scans with Trivy and Grype"
    assert text.count("Run container security scans with Trivy\n") == 1
    plan.write_text(text.replace("Run container security scans with Trivy\n", edited + "\n"), encoding="utf-8")
    after = pdfs(plan, warm)
    new = set((warm / "checklists").glob("*.pdf")) - weeks_before
    # one week's page and the joined PDF, for each of 2 paces x 2 papers
    assert len(new) == 8, sorted(p.name for p in new)
    assert after == pdfs(plan, tmp_path / "cold")  # the same bytes as a build from nothing
    week = next(w for w in PLAN.weeks if any(t.text == "Run container security scans with Trivy" for t in w.tasks))
    for name, data in after.items():
        assert data != before[name]
        pages = pypdf.PdfReader(io.BytesIO(data)).pages
        assert len(pages) == len(PLAN.weeks)
        assert [edited in _norm(p.extract_text()) for p in pages] == [w is week for w in PLAN.weeks]


def test_pdf_workers_render_pages_stop_at_once_and_report_a_dead_worker() -> None:
    """The rendering workers (generator.renderers): pages come back as one-page
    PDFs in any order asked; `close` stops a worker that is still setting up;
    a worker that died is an error, not a wait forever."""
    import io

    from generator.renderers import RenderError, Renderers, cores

    workers = Renderers.start(1)
    first, second = workers.render("<h1>Week one</h1>"), workers.render("<h1>Week two</h1>")
    assert "Week two" in pypdf.PdfReader(io.BytesIO(workers.wait(second))).pages[0].extract_text()
    assert "Week one" in pypdf.PdfReader(io.BytesIO(workers.wait(first))).pages[0].extract_text()
    cover = workers.wait(workers.render("<h1>Cover</h1>"))
    joined = workers.join([cover, first, second])  # bytes, and pages this worker made
    assert joined is not None
    texts = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(workers.wait(joined))).pages]
    assert [t.strip() for t in texts] == ["Cover", "Week one", "Week two"]
    process = workers.lanes[0].process
    process.terminate()
    process.join()
    with pytest.raises(RenderError, match="stopped"):
        workers.wait(workers.render("<p>never</p>"))
    workers.close()

    if cores() >= 2:
        apart = Renderers.start(1)
        first_pages = [apart.render(f"<p>{n}</p>") for n in range(3)]
        apart.grow(2)  # added once pages are queued: it counts its set-up, so it gets the later pages
        later_pages = [apart.render(f"<p>{n}</p>") for n in range(3, 10)]
        assert {apart.where[n] for n in first_pages + later_pages[:3]} == {apart.lanes[0]}
        second = [n for n in later_pages if apart.where[n] is apart.lanes[1]]
        assert second
        assert apart.join([first_pages[0], second[0]]) is None  # pages on two workers: the build joins them itself
        apart.close()

    setting_up = Renderers.start(2)
    processes = [lane.process for lane in setting_up.lanes]
    setting_up.close()
    assert processes and not any(p.is_alive() for p in processes)
    assert setting_up.lanes == []
    setting_up.close()  # twice is fine


def test_workers_start_before_the_build_only_for_a_plan_text_new_to_the_cache(tmp_path: Path) -> None:
    """`studyplan build` starts a PDF worker before MkDocs loads when the plan's
    text is new to the cache (one per core when nothing is cached yet), none for
    a plan built before, and none (no error either) for a config it cannot read."""
    import shutil

    from generator.generate import warm_renderers
    from generator.renderers import MAX_LANES, cores

    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN_FILE, plan)
    cache = tmp_path / "cache"
    cold = warm_renderers(ROOT / "mkdocs.yml", plan, cache)
    assert cold is not None and len(cold.lanes) == min(cores(), MAX_LANES)
    cold.close()
    built = studyplan("build", "--plan", str(plan), "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    assert any((cache / "checklists").glob("*.pdf"))
    assert warm_renderers(ROOT / "mkdocs.yml", plan, cache) is None  # built before: nothing to render
    plan.write_text(plan.read_text(encoding="utf-8").replace("with Trivy\n", "with Trivy and Grype\n"), encoding="utf-8")
    edit = warm_renderers(ROOT / "mkdocs.yml", plan, cache)
    assert edit is not None and len(edit.lanes) == 1
    edit.close()
    broken = tmp_path / "mkdocs.yml"
    broken.write_text("plugins: [studyplan\n", encoding="utf-8")
    assert warm_renderers(broken, plan, cache) is None


def test_fonts_installed_after_a_build_render_the_pdfs_anew(tmp_path: Path, monkeypatch) -> None:
    """The installed fonts are part of a PDF's cache key, and a build whose PDFs
    have characters no font has is not kept for the next build: after the
    warning, installing the fonts and building again gives PDFs made with them."""
    from generator import fonts
    from generator.generate import finished, load_site, made_files, outputs_memo
    from generator.sitefiles import PdfRun

    plan = small_plan(tmp_path, lambda d: None)
    cache = tmp_path / "cache"
    site, _, _ = load_site(ROOT / "mkdocs.yml", plan, cache)
    PdfRun(site, cache).result()
    again = PdfRun(site, cache)
    assert not again.rendering  # same fonts: every page from the cache
    again.close()
    monkeypatch.setattr(fonts, "fingerprint", lambda: "fonts-noto-cjk installed")
    after = PdfRun(site, cache)
    assert after.rendering and not after.done  # new fonts: every page and PDF made anew
    after.close()

    monkeypatch.setattr(fonts, "missing_glyphs", lambda text: ["\u0870"])  # as if no font had a character
    memo = outputs_memo(site, cache)
    _, later = made_files(site, memo, cache)
    assert later is not None
    assert finished(memo, later)["stale"]
    assert not memo.has("files")  # built again next time, warning again until the font is there


def test_a_character_no_font_has_warns_every_build_without_failing_it_until_a_font_has_it(tmp_path: Path, monkeypatch,
                                                                                          caplog) -> None:
    """A plan character no installed font has: `studyplan build` (strict) still
    builds and warns, and warns again on the next build (its PDFs are not kept as
    done); once a font has it, the build renders the PDFs anew and is quiet."""
    import logging

    from conftest import first_task

    from generator import fonts
    from generator.build import build_site

    plan = small_plan(tmp_path, first_task("Plant the caf\u00e9\u2019s herbs"))
    cache, site = tmp_path / "cache", tmp_path / "site"
    monkeypatch.setattr(fonts, "_charsets", lambda: ("20-7e",))  # fonts with ASCII only
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="studyplan.fonts"):
            build_site(ROOT / "mkdocs.yml", site, plan, cache_dir=cache)
        assert any("no installed font has" in r.getMessage() and "\u00e9 (U+00E9)" in r.getMessage() for r in caplog.records)
        assert any((site / "checklists").rglob("*.pdf"))
    monkeypatch.setattr(fonts, "_charsets", lambda: ("20-7e a0-ff 2000-206f",))  # the font is installed now
    monkeypatch.setattr(fonts, "fingerprint", lambda: "with the new font")
    rendered = []
    real = __import__("generator.renderers", fromlist=["Renderers"]).Renderers.render
    monkeypatch.setattr("generator.renderers.Renderers.render", lambda self, html: rendered.append(html) or real(self, html))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="studyplan.fonts"):
        build_site(ROOT / "mkdocs.yml", site, plan, cache_dir=cache)
    assert not [r for r in caplog.records if r.name == "studyplan.fonts"]
    assert rendered  # made anew with the font
