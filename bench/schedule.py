"""The reader's schedule in Chromium: how long rules.js takes to make every dated
entry (and its words) of a schedule of about a year (a 355-day pace, 360 days
after its days off) with 10 catch-ups and 10 days off (goal: under 16 ms).
Run by bench.py on the site it built; `python bench/schedule.py SITE_DIR` alone."""

from __future__ import annotations

import functools
import json
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MEASURE = """() => {
  const R = window.StudyplanRules, plan = window.STUDYPLAN_DATA.rules, start = "2027-01-06";
  const day = (n) => R.addDate(start, n), replans = [], daysOff = [];
  // A 355-day pace: five of the days off move the end a day (to 360), the other five keep it.
  let shifts = 0;
  for (let i = 0; i < 10; i++) {
    replans.push({ on: day(15 + 32 * i), mode: i % 2 ? "keep-end" : "move-end", days: 355 + shifts });
    daysOff.push({ on: day(20 + 32 * i), mode: i % 2 ? "shift" : "keep-end" });
    if (i % 2) shifts++;
  }
  const done = new Map(), tasks = R.index(plan).taskOrder;
  tasks.slice(0, Math.floor(tasks.length / 3)).forEach((t, i) => done.set(t.id, new Date(Date.parse(start) + i * 86400000 * 3).toISOString()));
  const reader = { start, pace: 355, replans, days_off: daysOff, done, weekend_days: ["sat", "sun"] };
  const times = [];
  let entries = 0, days = 0;
  let sch;
  try { sch = R.schedule(plan, reader); } catch (e) { return { error: e.field + ": " + e.reason }; }
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    sch = R.schedule(plan, reader);
    const list = R.dated(plan, reader, sch);
    list.forEach((e) => { R.summary(plan, e); R.items(plan, e); });
    times.push(performance.now() - t0);
    entries = list.length; days = sch.days;
  }
  times.sort((a, b) => a - b);
  return { median: times[20], best: times[0], entries, days, changes: sch.changes.length };
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def measure(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/")
            page.add_script_tag(url="assets/rules.js")
            page.add_script_tag(url="assets/plan-data.js")
            page.wait_for_function("() => window.StudyplanRules && window.STUDYPLAN_DATA")
            result = page.evaluate(MEASURE)
            browser.close()
    finally:
        server.shutdown()
    return result


if __name__ == "__main__":
    r = measure(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    print(json.dumps(r))
