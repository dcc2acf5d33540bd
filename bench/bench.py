"""make bench: build times and output sizes, printed (never a timed test).

(a) our full build with warm caches (a': without the theme's compiled
templates), (b) plain Material building the same pages
with the same text as plain Markdown, alternating a/b; (c) a cold build with
all PDFs; (d) a generated 364-day, 52-week plan. Prints medians, a/b, the
size of each .ics and of our own JS/CSS (gzipped); (e) the time rules.js takes
in Chromium for a year-long reader's schedule with 10 catch-ups and 10 days off, and for a
365-day schedule with 1,000 review ratings;
(z) the warm build with Zensical (when installed: `make site BUILDER=zensical`);
(f) the whole site, PDFs included, rebuilt after a one-line plan edit (one
task's text), against (a).
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))
from peer import build_peer, make_peer  # noqa: E402
from planfactory import fixed_plan  # noqa: E402

# As on a reader's machine: Python keeps its bytecode (some sandboxes set
# PYTHONDONTWRITEBYTECODE, which would recompile our editable package on every
# run while the installed libraries keep theirs).
ENV = {**{k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PYTHONDONTWRITEBYTECODE")},
       "NO_MKDOCS_2_WARNING": "1"}


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, env=env or ENV, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def ours(site: Path, plan: Path | None = None, cache: Path | None = None, builder: str = "mkdocs") -> float:
    extra = (["--plan", str(plan)] if plan else []) + (["--cache-dir", str(cache)] if cache else [])
    return timed([sys.executable, "-m", "generator", "build", "--builder", builder, "--site-dir", str(site), *extra])


def edit_rebuild(tmp_path: Path, reps: int) -> list[float]:
    """Seconds to rebuild after one plan line changes (a task's text), from caches warm for the plan before it."""
    times = []
    source = (ROOT / "plan_data" / "plan.yaml").read_text(encoding="utf-8")
    line = next(x for x in source.splitlines() if x.strip().startswith("text: ") and "Trivy" in x)
    for i in range(reps):
        plan, site, cache = tmp_path / f"edit-{i}.yaml", tmp_path / f"edit-site-{i}", tmp_path / "cache-edit"
        plan.write_text(source, encoding="utf-8")
        ours(site, plan, cache)
        plan.write_text(source.replace(line, line.rstrip() + f" (edit {i})", 1), encoding="utf-8")
        times.append(ours(site, plan, cache))
    return times


def zensical_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("zensical") is not None


def pdf_seconds(cache: Path) -> float:
    """Time to make every PDF of the site from scratch, as a cold build does: every
    week rendered (in parallel workers), then joined; `cache` is a fresh cache dir."""
    code = ("import time,sys;from pathlib import Path;from generator.generate import load_site;"
            "from generator.sitefiles import PdfRun;"
            f"site,_,_=load_site(Path('mkdocs.yml'),None,Path({str(cache)!r}));t=time.perf_counter();"
            f"PdfRun(site,Path({str(cache)!r})).result();print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=ENV, capture_output=True, text=True)
    return float(out.stdout)


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="studyplan-bench-") as tmp:
        tmp_path = Path(tmp)
        site = tmp_path / "site"
        warm_cache = tmp_path / "cache-warm"
        ours(site, cache=warm_cache)  # warm the PDF cache
        pages = make_peer(site, tmp_path / "peer")
        build_peer(tmp_path / "peer", tmp_path / "peer-site")
        a, a2, b, c, pdf = [], [], [], [], []
        for i in range(args.reps):
            a.append(ours(site, cache=warm_cache))
            shutil.rmtree(warm_cache / "jinja", ignore_errors=True)  # the theme compiles its templates, as (b) does
            a2.append(ours(site, cache=warm_cache))
            b.append(timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "peer" / "mkdocs.yml"),
                            "-d", str(tmp_path / "peer-site")]))
            cold = tmp_path / f"cache-cold-{i}"
            c.append(ours(site, cache=cold))
            pdf.append(pdf_seconds(tmp_path / f"cache-pdf-{i}"))
        z = []
        if zensical_installed():
            z_cache = tmp_path / "cache-zensical"
            ours(tmp_path / "site-z", cache=z_cache, builder="zensical")
            z = [ours(tmp_path / "site-z", cache=z_cache, builder="zensical") for _ in range(args.reps)]
        f = edit_rebuild(tmp_path, max(1, args.reps // 2))
        # (d) a 364-day, 52-week plan (its longer plan: 365 days): pages and time, against (a) per page.
        big_plan = tmp_path / "plan-364.yaml"
        big_plan.write_text(yaml.safe_dump(fixed_plan([7, 7, 7, 7, 8, 8, 8], 364)))
        big_site = tmp_path / "site-365"
        big_cache = tmp_path / "cache-365"
        ours(big_site, big_plan, big_cache)
        d = [ours(big_site, big_plan, big_cache) for _ in range(max(1, args.reps // 2))]
        big_pages = len(list(big_site.rglob("*.html")))
        our_pages = len(list(site.rglob("*.html")))
        ics = {str(p.relative_to(site)): p.stat().st_size for p in sorted((site / "calendar").rglob("*.ics"))}
        own = {name: len(gzip.compress((site / "assets" / name).read_bytes(), 9))
               for name in ("studyplan.js", "studyplan.css")}  # what every page loads
        later = {name: len(gzip.compress((site / "assets" / name).read_bytes(), 9))
                 for name in ("rules.js", "plan-data.js", "calendar.js", "device.js", "vendor/lean-qr/lean-qr.js")}
        from schedule import measure  # (e) the reader's schedule in Chromium

        sched = measure(site)

    med = statistics.median
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    print(f"runs: {args.reps} alternating; medians in seconds")
    print(f"(a) our build, warm caches ({our_pages} HTML pages):     {med(a):.2f} s")
    print(f"(b) plain Material, same {pages} pages of text:          {med(b):.2f} s")
    print(f"    a/b = {med(a) / med(b):.2f} (goal <= 1.3: {'met' if med(a) / med(b) <= 1.3 else 'MISSED'})")
    print(f"(a') (a) with the theme's templates compiled anew:  {med(a2):.2f} s = {med(a2) / med(b):.2f} x (b)")
    if z:
        print(f"(z) Zensical, warm caches, the same pages:          {med(z):.2f} s = {med(z) / med(b):.2f} x (b) "
              f"(goal <= 1.3: {'met' if med(z) / med(b) <= 1.3 else 'MISSED'})")
    else:
        print("(z) Zensical: not installed (make site BUILDER=zensical installs it)")
    print(f"(f) one-line plan edit, whole site rebuilt with its PDFs: {med(f):.2f} s = {med(f) / med(a):.2f} x (a) "
          f"(goal < 2: {'met' if med(f) / med(a) < 2 else 'MISSED'})")
    print(f"(c) cold build including all PDFs:                {med(c):.2f} s; the 4 PDFs alone: {med(pdf):.2f} s (goal <= 5 s)")
    print(f"(d) 364-day, 52-week plan ({big_pages} HTML pages):       {med(d):.2f} s = {med(d) / big_pages * 1000:.1f} ms/page "
          f"(ours: {med(a) / our_pages * 1000:.1f} ms/page)")
    print("calendar files:")
    for name, size in ics.items():
        print(f"    {name:28} {kb(size)}")
    print(f"    goal: calendar/120/daily.ics <= 200 KB: {'met' if ics.get('calendar/120/daily.ics', 1e9) <= 200 * 1024 else 'MISSED'}")
    print("our own JS/CSS, gzipped:")
    for name, size in own.items():
        print(f"    {name:28} {kb(size)}")
    print(f"    total {kb(sum(own.values()))} before a reader starts (goal < 20 KB: {'met' if sum(own.values()) < 20 * 1024 else 'MISSED'})")
    for name, size in later.items():
        where = {"calendar.js": "the Calendar page only", "device.js": "the Progress page only",
                 "vendor/lean-qr/lean-qr.js": "once a QR code is drawn"}.get(name, "loaded once a reader has a start date")
        print(f"    {name:28} {kb(size)} ({where})")
    if "error" in sched:
        print(f"(e) reader's schedule in Chromium: could not be made: {sched['error']}")
    else:
        print(f"(e) reader's schedule in Chromium ({sched['days']} days, {sched['changes']} changes, {sched['entries']} entries "
              f"with their words): median {sched['median']:.1f} ms, best {sched['best']:.1f} ms "
              f"(goal < 16 ms: {'met' if sched['median'] < 16 else 'MISSED'})")
        rated = sched["rated"]
        print(f"(r) 365-day schedule with {rated['ratings']:,} review ratings ({rated['topics']} topics, FSRS) in Chromium "
              f"({rated['entries']} entries with their words): median {rated['median']:.1f} ms, best {rated['best']:.1f} ms "
              f"(goal < 16 ms: {'met' if rated['median'] < 16 else 'MISSED'})")
    shutil.rmtree(tmp_path, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
