"""The reader's schedule in Chromium: how long rules.js takes to make every dated
entry (and its words) of a schedule of about a year (a 355-day pace, 360 days
after its days off) with 10 catch-ups and 10 days off (goal: under 16 ms), and
of a 365-day schedule with 1,000 review ratings (FSRS by ts-fsrs for every rated
topic, the cap per practice block; goal: under 16 ms). Run by bench.py on the site it built; `python bench/schedule.py SITE_DIR` alone."""

from __future__ import annotations

import functools
import json
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# 40 runs of the schedule and every entry's words, sorted times: the median and the best, and the last result.
TIMED = """(R, plan, reader) => {
  const times = [];
  let sch, list;
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    sch = R.schedule(plan, reader);
    list = R.dated(plan, reader, sch);
    list.forEach((e) => { R.summary(plan, e); R.items(plan, e); });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[20], best: times[0], sch, entries: list.length };
}"""

MEASURE = """() => {
  const timed = """ + TIMED + """;
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
  try { R.schedule(plan, reader); } catch (e) { return { error: e.field + ": " + e.reason }; }
  const t = timed(R, plan, reader);
  return { median: t.median, best: t.best, entries: t.entries, days: t.sch.days, changes: t.sch.changes.length };
}"""


RATED = """() => {
  const timed = """ + TIMED + """;
  const R = window.StudyplanRules, plan = window.STUDYPLAN_DATA.rules, start = "2027-01-06";
  const topics = R.index(plan).topicOrder, reviews = new Map();
  // 1,000 ratings: topic i rated every few days from day 2 + i on, ratings cycling Again..Easy.
  for (let n = 0; n < 1000; n++) {
    const t = topics[n % topics.length], k = Math.floor(n / topics.length);
    const day = Math.min(364, 2 + (n % topics.length) * 3 + k * 11);
    if (!reviews.has(t.id)) reviews.set(t.id, []);
    const at = Date.parse(start) + (day - 1) * 86400000 + 19 * 3600000 + n * 1000;
    reviews.get(t.id).push({ time: new Date(at).toISOString(), rating: 1 + (n * 7) % 4 });
  }
  const reader = { start, pace: 365, replans: [], days_off: [], done: new Map(), weekend_days: ["sat", "sun"], reviews, timezone: "Europe/London" };
  const t = timed(R, plan, reader);
  let ratings = 0, rated = 0;
  reviews.forEach((l) => { ratings += l.length; });
  t.sch.ratings.forEach((r) => { rated += r.length; });
  return { median: t.median, best: t.best, entries: t.entries, days: t.sch.days, ratings, rated_days: rated, topics: reviews.size };
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
            page.add_script_tag(url="assets/vendor/ts-fsrs/ts-fsrs.min.js")
            page.add_script_tag(url="assets/rules.js")
            page.add_script_tag(url="assets/plan-data.js")
            page.wait_for_function("() => window.StudyplanRules && window.STUDYPLAN_DATA")
            result = page.evaluate(MEASURE)
            result["rated"] = page.evaluate(RATED)
            browser.close()
    finally:
        server.shutdown()
    return result


if __name__ == "__main__":
    r = measure(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    print(json.dumps(r))
