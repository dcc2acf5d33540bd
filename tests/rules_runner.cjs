// The browser's rules (docs/assets/rules.js) answering JSON lines on stdin, one answer line
// each: tests/test_differential.py sends the same cases to Python and compares the answers.
"use strict";
const R = require("../docs/assets/rules.js");
const readline = require("readline");

function progress(p) { // a parsed progress file, as plain data with times in the export's form
  const iso = (t) => new Date(t).toISOString();
  const obj = (m, f) => Object.fromEntries(Array.from(m.entries()).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, f(v)]));
  return {
    done: obj(p.done, iso), undone: obj(p.undone, iso), milestones: obj(p.milestones, iso), unreached: obj(p.unreached, iso),
    notes: obj(p.notes, (n) => [n.text, iso(n.time)]), confidence: obj(p.confidence, (c) => [c.value, iso(c.time)]),
    reviews: obj(p.reviews || new Map(), (rs) => rs.map((r) => [iso(r.time), r.rating])),
    replans: (p.replans || []).slice().sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).map((r) => [r.on, r.mode, r.days]),
    days_off: (p.days_off || []).slice().sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).map((d) => [d.on, d.mode]),
  };
}

function answer(q) {
  if (q.op === "dated") {
    const reader = Object.assign({}, q.reader, { done: new Map(Object.entries(q.reader.done || {})),
      reviews: new Map(Object.entries(q.reader.reviews || {})) });
    let sch;
    try { sch = R.schedule(q.plan, reader); } catch (e) {
      if (e instanceof R.ChangeError) return { error: e.field };
      throw e;
    }
    const entries = R.dated(q.plan, reader, sch).map((e) => [e.day, e.date, e.slot, e.kind, e.start, e.minutes,
      R.summary(q.plan, e), R.description(q.plan, e, null)]);
    const seen = new Set(), why = []; // each placed review once: [day, topic, question, why]
    R.dated(q.plan, reader, sch).forEach((e) => e.reviews.forEach((r, i) => {
      const k = e.day + " " + r[0] + " " + r[1];
      if (!seen.has(k)) { seen.add(k); why.push([e.day, r[0], r[1], R.reviewWhy(e.why[i], e.day, reader.start)]); }
    }));
    const milestones = R.milestones(q.plan, sch, reader.start).map((m) => [m.id, m.day, m.date].concat(R.milestoneWords(m.milestone, m.day, m.of)));
    const marks = (k) => new Map(Object.entries(q.reader[k] || {}));
    const p = { done: reader.done, undone: marks("undone"), milestones: marks("milestones"), unreached: marks("unreached") };
    const statuses = q.today ? R.milestoneStatus(q.plan, sch, reader.start, q.today, p).map((m) => [m.id, m.status, m.days, m.reached_at && new Date(m.reached_at).toISOString(), R.statusText(m)]) : null;
    return { days: sch.days, off: Array.from(sch.off).sort((a, b) => a - b), changes: sch.changes,
      task_days: Object.fromEntries(sch.pace.task_days), entries, milestones, statuses, why };
  }
  if (q.op === "fsrs") { // rating logs [[day, rating]...] -> after each rating: [due day, stability, recall 5 days later]
    return { ok: q.logs.map((log) => log.map((_, i) => {
      const card = R.replay(log.slice(0, i + 1)), last = R.lastDay(card);
      return [last + R.interval(card.stability), card.stability, R.recall(card, last + 5)];
    })) };
  }
  if (q.op === "parse") {
    try {
      const f = R.parseFile(q.bytes !== undefined ? R.decodeFile(Buffer.from(q.bytes, "base64")) : q.text, q.plan);
      return { ok: Object.assign(progress(f.p), { start_date: f.start_date, pace: f.pace, timezone: f.timezone }) };
    } catch (e) {
      if (e instanceof R.Problem) return { error: e.path };
      throw e;
    }
  }
  if (q.op === "merge") return { ok: progress(R.mergeProgress(R.parseFile(q.a, q.plan).p, R.parseFile(q.b, q.plan).p)) };
  throw new Error("unknown op " + q.op);
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  let out;
  try { out = answer(JSON.parse(line)); } catch (e) { out = { crash: String(e && e.stack || e) }; }
  process.stdout.write(JSON.stringify(out) + "\n");
});
