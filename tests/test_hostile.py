"""A plan with script payloads, quotes, ampersands, emoji and right-to-left
text in every text field builds, and shows them as text everywhere: pages,
calendars and PDFs. Builds are atomic: an interrupted build changes nothing."""

from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

import icalendar
import pypdf
import pytest
from conftest import ROOT, _QuietHandler, first_task, small_plan, studyplan

HOSTILE = ROOT / "tests" / "plans" / "hostile.yaml"
PAYLOAD = ("<script>alert('x')</script> \"quotes\" & 'apostrophes' 🚀 مرحبا بالعالم {{ 7*7 }} *md* "
           "[link](javascript:alert(1)) <img src=x onerror=alert(2)>")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "site"
    result = studyplan("build", "--plan", str(HOSTILE), "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_no_markup_from_the_plan_reaches_a_page(hostile_site: Path) -> None:
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text()
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html, page
        assert 'href="javascript:' not in html, page


def test_payload_shows_as_text_with_no_dialog(browser, hostile_site: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(hostile_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        base = f"http://127.0.0.1:{server.server_port}/"
        for path in ["", "weeks/containers/", "phases/basics/", "milestones/", "schedule/", "system-design/",
                     "checklists/28/containers/", "calendar/", "progress/"]:
            page.goto(base + path)
            if path not in ("calendar/", "progress/"):  # these two show no plan text before input
                assert PAYLOAD in " ".join(page.locator("article").inner_text().split()), path
            assert page.locator("img[src='x']").count() == 0
        page.goto(base + "weeks/containers/")
        assert PAYLOAD in page.title()
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    assert dialogs == []


def test_calendars_escape_and_round_trip(hostile_site: Path) -> None:
    data = (hostile_site / "calendar" / "28" / "daily.ics").read_bytes()
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    cal = icalendar.Calendar.from_ical(data)
    event = next(iter(cal.walk("VEVENT")))
    assert PAYLOAD in str(event["SUMMARY"])
    assert PAYLOAD in str(event["DESCRIPTION"])
    both = data + (hostile_site / "calendar" / "28" / "weekend.ics").read_bytes()
    assert b"Scan the image\\; fix what it finds\\, then rescan <script>" in both.replace(b"\r\n ", b"")


def test_pdfs_show_the_text(hostile_site: Path) -> None:
    reader = pypdf.PdfReader(hostile_site / "checklists" / "28" / "checklists-a4.pdf")
    assert len(reader.pages) == 3
    pdf = hostile_site / "checklists" / "28" / "checklists-a4.pdf"
    result = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = " ".join(result.stdout.split())
    assert "<script>alert('x')</script>" in text
    assert "\"quotes\" & 'apostrophes'" in text


def test_interrupted_build_leaves_the_site_alone(tmp_path: Path) -> None:
    """SIGINT when the new site is complete but not yet swapped in (the build
    waits there for the signal: tests/interrupt/pause_build.py)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the old site")
    marker = tmp_path / "paused"
    process = subprocess.Popen([sys.executable, str(ROOT / "tests" / "interrupt" / "pause_build.py"), "build",
                                "--site-dir", str(site), "--cache-dir", str(tmp_path / "cache")],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                                    "STUDYPLAN_TEST_PAUSE_MARKER": str(marker)})
    deadline = time.monotonic() + 600  # a generous bound for a very slow machine; not a timing assertion
    while not marker.exists():
        try:
            process.wait(timeout=0.2)  # returns at once if the build ended without reaching the pause
        except subprocess.TimeoutExpired:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("the build never reached the end of mkdocs' post-build events")
            continue
        pytest.fail(f"the build ended before the pause (exit {process.returncode}): {process.stderr.read()}")
    building = Path(marker.read_text())
    assert building.parent == tmp_path and (building / "index.html").exists()  # the new site, complete, not swapped in
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert err.splitlines()[-1] == "studyplan: interrupted; nothing was replaced"
    assert "Traceback" not in err
    assert (site / "index.html").read_text() == "the old site"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in ("cache", "paused")) == ["site"]


# Sheets on paper: one page a week however long the texts, the real page count, notes, every script.

def _pdf_text(pdf: Path, page: int = 1) -> str:
    result = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_fullest_week_stays_on_one_page(paper: str, tmp_path: Path) -> None:
    """As many tasks as a week may have (40), each as long as a task may be
    (300 characters), each with a note as long as a note may be (9,999
    characters): one page, texts cut with an ellipsis, the real page count."""
    def edit(data: dict) -> None:
        week = data["phases"][0]["weeks"][0]
        week["tasks"] = [{"id": f"task-{i}", "text": (f"Task {i} " + "long " * 80)[:300]} for i in range(40)]
        week["activities"] = ("activity " * 40)[:300]

    progress = tmp_path / "progress.json"
    progress.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": "small-plan", "done": {},
                                    "notes": {f"task-{i}": {"text": "note " * 1999, "time": "2027-01-05T10:00:00.000Z"}
                                              for i in range(40)}}))
    pdf = tmp_path / "out.pdf"
    result = studyplan("checklists", "--plan", str(small_plan(tmp_path, edit)), "--days", "28", "--paper", paper,
                       "--progress", str(progress), "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    assert len(pypdf.PdfReader(pdf).pages) == 3  # three weeks
    assert result.stdout == f"wrote {pdf} (3 pages, {paper}, 28 days)\n"
    text = _pdf_text(pdf)
    assert "Task 39 long" in text and "…" in text


def test_notes_print_under_their_tasks(tmp_path: Path) -> None:
    progress = tmp_path / "progress.json"
    progress.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": "small-plan", "done": {},
                                    "notes": {"build-image": {"text": "Use the slim base. " + "again " * 1500,
                                                              "time": "2027-01-05T10:00:00.000Z"}}}))
    pdf = tmp_path / "out.pdf"
    result = studyplan("checklists", "--plan", str(ROOT / "tests" / "plans" / "small.yaml"), "--days", "28", "--paper", "a4",
                       "--progress", str(progress), "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    assert len(pypdf.PdfReader(pdf).pages) == 3
    text = _pdf_text(pdf)
    assert "Build an image" in text and "Use the slim base. again again" in text and "…" in text
    assert text.count("again") < 60


SCRIPTS = "Ελληνικά Русский 中文汉字 日本語 한국어 العربية עברית 🚀🎉"


def test_every_script_has_a_font_on_paper(tmp_path: Path) -> None:
    """The Noto fonts `make test` installs cover the scripts a plan may hold;
    the PDF embeds them (no empty boxes) and the command warns of nothing."""
    from generator.fonts import missing_glyphs

    assert missing_glyphs(SCRIPTS) == []
    pdf = tmp_path / "out.pdf"
    result = studyplan("checklists", "--plan", str(small_plan(tmp_path, first_task(SCRIPTS))), "--days", "28", "--paper", "a4",
                       "--weeks", "1", "--out", str(pdf))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    fonts = {str(f["/BaseFont"]).split("+")[-1] for f in pypdf.PdfReader(pdf).pages[0]["/Resources"]["/Font"].values()}
    assert {"Noto-Sans-CJK-SC", "Noto-Color-Emoji"} <= fonts, fonts  # DejaVu Sans has Greek, Cyrillic, Arabic, Hebrew
    assert "Ελληνικά Русский 中文汉字" in _pdf_text(pdf)


def test_a_character_no_font_has_is_a_warning(tmp_path: Path) -> None:
    pdf = tmp_path / "out.pdf"
    plan = small_plan(tmp_path, first_task("CJK extension G: \U00030000"))
    result = studyplan("checklists", "--plan", str(plan), "--days", "28", "--paper", "a4", "--weeks", "1", "--out", str(pdf))
    assert result.returncode == 0
    assert result.stderr == ("no installed font has 1 character of the PDF checklists (\U00030000 (U+30000)); they print as empty "
                             "boxes. Install fonts that have them, e.g. on Debian: sudo apt-get install fonts-noto-core "
                             "fonts-noto-cjk fonts-noto-color-emoji\n")


# Outputs that cannot be written: exit 2, one line naming the path and why, nothing written, nothing printed.

SMALL_ARGS = ["--plan", "tests/plans/small.yaml", "--days", "28"]
PROGRESS = "tests/progress/cases/good/every_key.json"


@pytest.mark.parametrize(("args", "message"), [
    (["checklists", *SMALL_ARGS, "--out", "/etc/passwd/x.pdf"],
     "studyplan checklists: --out: expected a place to write /etc/passwd/x.pdf but /etc/passwd is a file, not a directory"),
    (["checklists", *SMALL_ARGS, "--out", "/etc/passwd/deeper/x.pdf"],
     "studyplan checklists: --out: expected a place to write /etc/passwd/deeper/x.pdf but /etc/passwd is a file, not a directory"),
    (["checklists", *SMALL_ARGS, "--out", "{tmp}"], "studyplan checklists: --out: expected a place to write {tmp} but it is a directory"),
    (["calendar", *SMALL_ARGS, "--start", "2027-01-04", "--tz", "UTC", "--out", "/etc/passwd"],
     "studyplan calendar: --out: expected a directory to write /etc/passwd but it is a file"),
    (["calendar", *SMALL_ARGS, "--start", "2027-01-04", "--tz", "UTC", "--out", "/etc/passwd/cal"],
     "studyplan calendar: --out: expected a directory to write /etc/passwd/cal but /etc/passwd is a file, not a directory"),
    (["progress", "--plan", "tests/plans/small.yaml", PROGRESS, "--today", "2027-02-01", "--svg", "/etc/passwd/x.svg"],
     "studyplan progress: --svg: expected a place to write /etc/passwd/x.svg but /etc/passwd is a file, not a directory"),
    (["progress", "--plan", "tests/plans/small.yaml", PROGRESS, "--today", "2027-02-01", "--svg", "{tmp}"],
     "studyplan progress: --svg: expected a place to write {tmp} but it is a directory"),
    (["build", "--plan", "tests/plans/small.yaml", "--site-dir", "/etc/passwd"],
     "studyplan build: --site-dir: expected a directory to write /etc/passwd but it is a file"),
    (["offline", "--plan", "tests/plans/small.yaml", "--out", "/etc/passwd/dist"],
     "studyplan offline: --out: expected a directory to write /etc/passwd/dist but /etc/passwd is a file, not a directory"),
], ids=["out-under-a-file", "out-deep-under-a-file", "out-is-a-dir", "calendar-out-is-a-file", "calendar-under-a-file",
        "svg-under-a-file", "svg-is-a-dir", "site-dir-is-a-file", "offline-under-a-file"])
def test_unwritable_output(args: list[str], message: str, tmp_path: Path) -> None:
    before = sorted(tmp_path.iterdir())
    result = studyplan(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == message.replace("{tmp}", str(tmp_path)) + "\n"
    assert sorted(tmp_path.iterdir()) == before


def test_a_failed_write_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    """/proc takes no new files, even from root: the write itself fails."""
    result = studyplan("checklists", *SMALL_ARGS, "--weeks", "1", "--out", "/proc/studyplan-test.pdf")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("studyplan checklists: --out: expected a place to write /proc/studyplan-test.pdf but ")
    assert len(result.stderr.splitlines()) == 1
    assert not Path("/proc/studyplan-test.pdf").exists()


def test_no_permission(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write anywhere; the /proc case above covers a refused write")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = studyplan("checklists", *SMALL_ARGS, "--out", str(locked / "x.pdf"))
    assert result.stderr == (f"studyplan checklists: --out: expected a place to write {locked / 'x.pdf'} but there is no "
                             f"permission to write in {locked}\n")
    assert result.returncode == 2
