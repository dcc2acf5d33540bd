// The reader's schedule in the browser: pure functions, no DOM, no storage, today passed in.
// The same rules as generator/pace.py, replan.py, agenda.py, words.py, reader.py and
// progress.py, step for step; tests/test_differential.py runs both over generated cases.
// A classic script (it loads from file:// too) that sets window.StudyplanRules, and a
// CommonJS module for node. Ids are data: Maps and Sets only, so `constructor` is an id.
(function (root) {
  "use strict";
  var DAY = 86400000, MIN_DAYS = 28, MAX_DAYS = 365, GAPS = [1, 3, 7, 21];
  var WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  var DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var SESSION_NAMES = { single: "Weekend" }, SESSION_TEXT = { single: "weekend session" };
  WEEKDAYS.forEach(function (d, i) { SESSION_NAMES[d] = DAY_NAMES[i]; SESSION_TEXT[d] = DAY_NAMES[i] + " session"; });
  function focusOf(plan) { return plan.weekend ? plan.weekend.focus : []; }
  function planDays(plan) { var ds = plan.weekend ? plan.weekend.days : ["sat", "sun"]; return WEEKDAYS.filter(function (d) { return ds.indexOf(d) >= 0; }); }

  function rhu(a, b) { return Math.floor((2 * a + b) / (2 * b)); }
  function split(start, days, parts) {
    var base = Math.floor(days / parts), extra = days % parts, out = [];
    for (var i = 0; i < parts; i++) { var len = base + (i < extra ? 1 : 0); out.push([start, start + len - 1]); start += len; }
    return out;
  }
  function sum(list) { var n = 0; list.forEach(function (x) { n += x; }); return n; }

  // -- the plan, indexed -------------------------------------------------------------------------
  function index(plan) {
    if (plan._ix) return plan._ix;
    var ix = { weeks: new Map(), topics: new Map(), tasks: new Map(), blocks: new Map(), focus: new Map(), problems: new Map(),
      weekOrder: [], taskOrder: [], topicOrder: [], phaseOf: new Map() };
    plan.phases.forEach(function (ph) {
      ph.weeks.forEach(function (w) { ix.phaseOf.set(w.id, ph); });
    });
    plan.phases.forEach(function (ph) {
      ph.weeks.forEach(function (w) {
        ix.weeks.set(w.id, w); ix.weekOrder.push(w);
        w.tasks.forEach(function (t) { ix.tasks.set(t.id, t); ix.taskOrder.push(t); });
        w.topics.forEach(function (t) { ix.topics.set(t.id, t); ix.topicOrder.push(t); });
      });
    });
    plan.blocks.forEach(function (b) { ix.blocks.set(b.id, b); });
    focusOf(plan).forEach(function (f) { ix.focus.set(f.id, f); });
    plan.problems.forEach(function (p) { ix.problems.set(p.id, p); });
    Object.defineProperty(plan, "_ix", { value: ix, enumerable: false });
    return ix;
  }
  function problemFor(plan, week) { return plan.problems[(week.number - 1) % plan.problems.length]; }

  // -- the pace (generator/pace.py) ----------------------------------------------------------------
  // The weeks of a phase in its `length` days from `start` (generator/pace.py `week_ranges`).
  function weekRanges(ph, start, length) {
    var own = ph.end_day - ph.start_day + 1, fixed = new Map(), free = [], used = 0, i;
    ph.weeks.forEach(function (w, k) { if (w.days) fixed.set(k, Math.max(1, rhu(w.days * length, own))); else free.push(k); });
    var total = function () { var t = 0; fixed.forEach(function (v) { t += v; }); return t; };
    while (fixed.size && length - total() < free.length) { // a day each for the others first
      var big = -1;
      fixed.forEach(function (v, k) { if (big < 0 || v > fixed.get(big) || (v === fixed.get(big) && k > big)) big = k; });
      if (fixed.get(big) === 1) break;
      fixed.set(big, fixed.get(big) - 1);
    }
    var shares = free.length ? split(0, length - total(), free.length) : [], out = [], s = 0;
    for (i = 0; i < ph.weeks.length; i++) {
      var n = fixed.has(i) ? fixed.get(i) : shares[s][1] - shares[s++][0] + 1;
      out.push([start + used, start + used + n - 1]);
      used += n;
    }
    return out;
  }
  function pace(plan, days) {
    var ix = index(plan), sizes = plan.phases.map(function (p) { return p.weeks.length; });
    var ends = plan.phases.map(function (p) { return rhu(p.end_day * days, plan.days); }), i;
    ends[ends.length - 1] = days;
    for (i = 0; i < ends.length; i++) ends[i] = Math.max(ends[i], (i ? ends[i - 1] : 0) + sizes[i]);
    ends[ends.length - 1] = days;
    for (i = ends.length - 2; i >= 0; i--) ends[i] = Math.min(ends[i], ends[i + 1] - sizes[i + 1]);
    var P = { plan: plan, days: days, phase_spans: new Map(), week_spans: new Map(), task_days: new Map(), milestone_days: new Map(),
      block_minutes: new Map(), weekend_minutes: 0 }, start = 1;
    plan.phases.forEach(function (ph, n) {
      P.phase_spans.set(ph.id, [start, ends[n]]);
      weekRanges(ph, start, ends[n] - start + 1).forEach(function (r, k) {
        var w = ph.weeks[k], len = r[1] - r[0] + 1;
        P.week_spans.set(w.id, r);
        w.tasks.forEach(function (t, j) { P.task_days.set(t.id, r[0] + Math.floor((2 * j + 1) * len / (2 * w.tasks.length))); });
      });
      start = ends[n] + 1;
    });
    plan.milestones.forEach(function (m) { P.milestone_days.set(m.id, Math.min(days, Math.max(1, rhu(m.day * days, plan.days)))); });
    plan.blocks.forEach(function (b) { P.block_minutes.set(b.id, Math.max(1, rhu(b.minutes * plan.days, days))); });
    P.weekend_minutes = plan.weekend ? Math.max(2, rhu(plan.weekend.minutes * plan.days, days)) : 0;
    void ix;
    return P;
  }

  function weekOfDay(P, day) {
    var ws = index(P.plan).weekOrder;
    for (var i = 0; i < ws.length; i++) { var r = P.week_spans.get(ws[i].id); if (r[0] <= day && day <= r[1]) return ws[i]; }
    return null;
  }
  function sessions(P, n) { var b = Math.floor(P.weekend_minutes / n), x = P.weekend_minutes % n, out = []; for (var i = 0; i < n; i++) out.push(b + (i < x ? 1 : 0)); return out; }
  function copyPace(P, days) {
    return { plan: P.plan, days: days, phase_spans: new Map(P.phase_spans), week_spans: new Map(P.week_spans), task_days: new Map(P.task_days),
      milestone_days: new Map(P.milestone_days), block_minutes: P.block_minutes, weekend_minutes: P.weekend_minutes };
  }
  function phasesFromWeeks(P) {
    P.plan.phases.forEach(function (ph) { P.phase_spans.set(ph.id, [P.week_spans.get(ph.weeks[0].id)[0], P.week_spans.get(ph.weeks[ph.weeks.length - 1].id)[1]]); });
  }

  // -- catch-ups and days off (generator/replan.py) -------------------------------------------------
  function doneBefore(done, on) { // done: Map id -> ISO time; on: YYYY-MM-DD
    var s = new Set();
    done.forEach(function (t, i) { if (new Date(t).toISOString().slice(0, 10) < on) s.add(i); });
    return s;
  }
  function overdueFirst(ids, S, t) {
    return ids.filter(function (i) { return S.task_days.get(i) < t; }).concat(ids.filter(function (i) { return S.task_days.get(i) >= t; }));
  }
  function unfinished(S, t, done) {
    return overdueFirst(index(S.plan).taskOrder.map(function (x) { return x.id; }).filter(function (i) { return !done.has(i); }), S, t);
  }
  function newLength(base, S, t, mode, done) {
    return mode === "keep-end" ? S.days : Math.max(S.days, t - 1 + Math.ceil(unfinished(S, t, done).length * base.days / index(S.plan).taskOrder.length));
  }
  function catchUp(S, t, days, done) {
    var W = index(S.plan).weekOrder, L = days - t + 1, j;
    var started = W.filter(function (w) { return S.week_spans.get(w.id)[0] < t; }), moving = W.filter(function (w) { return S.week_spans.get(w.id)[0] >= t; });
    if (t < 1 || L < Math.max(1, moving.length) || days > MAX_DAYS) throw new Error("cannot re-plan from day " + t + " over " + days + " days");
    var own = new Set();
    started.forEach(function (w) { w.tasks.forEach(function (x) { own.add(x.id); }); });
    var units = [overdueFirst(index(S.plan).taskOrder.map(function (x) { return x.id; }).filter(function (i) { return own.has(i) && !done.has(i); }), S, t)]
      .concat(moving.map(function (w) { return w.tasks.map(function (x) { return x.id; }).filter(function (i) { return !done.has(i); }); }));
    var k = sum(units.map(function (u) { return u.length; })), tot = 0, ends = [];
    units.forEach(function (u) { tot += u.length; ends.push(t - 1 + (k ? rhu(tot * L, k) : 0)); });
    ends[0] = Math.max(ends[0], t - 1 + (units[0].length ? 1 : 0));
    for (j = 1; j < ends.length; j++) ends[j] = Math.max(ends[j], ends[j - 1] + 1);
    ends[ends.length - 1] = days;
    for (j = ends.length - 2; j >= 0; j--) ends[j] = Math.min(ends[j], ends[j + 1] - 1);
    ends[0] = Math.max(ends[0], t - 1);
    var N = copyPace(S, days), start = t;
    units.forEach(function (u, n) {
      var span = ends[n] - start + 1;
      u.forEach(function (id, i) { N.task_days.set(id, span > 0 ? start + Math.floor((2 * i + 1) * span / (2 * u.length)) : t); });
      start = ends[n] + 1;
    });
    if (started.length) { var c = started[started.length - 1].id; N.week_spans.set(c, [S.week_spans.get(c)[0], ends[0]]); }
    moving.forEach(function (w, n) { N.week_spans.set(w.id, [ends[n] + 1, ends[n + 1]]); });
    S.plan.milestones.forEach(function (m) {
      var d = S.milestone_days.get(m.id);
      if (d < t) return N.milestone_days.set(m.id, d);
      var w = W.filter(function (x) { var r = S.week_spans.get(x.id); return r[0] <= d && d <= r[1]; })[0];
      var o = S.week_spans.get(w.id), nw = N.week_spans.get(w.id), nl = nw[1] - nw[0] + 1;
      var moved = nl > 0 ? nw[1] - rhu((o[1] - d) * nl, o[1] - o[0] + 1) : nw[1];
      N.milestone_days.set(m.id, Math.max(t, Math.min(nw[1], moved)));
    });
    phasesFromWeeks(N);
    return N;
  }
  function shift(S, day) {
    if (S.days + 1 > MAX_DAYS) throw new Error("the plan would pass day " + MAX_DAYS);
    var N = copyPace(S, S.days + 1), up = function (d) { return d + (d >= day ? 1 : 0); };
    S.task_days.forEach(function (d, i) { N.task_days.set(i, up(d)); });
    S.milestone_days.forEach(function (d, i) { N.milestone_days.set(i, up(d)); });
    S.week_spans.forEach(function (r, w) { N.week_spans.set(w, [up(r[0]), up(r[1])]); });
    phasesFromWeeks(N);
    return N;
  }
  function dateOf(start, day) { return new Date(Date.parse(start + "T00:00:00Z") + (day - 1) * DAY).toISOString().slice(0, 10); }
  function dayOf(start, iso) { return Math.round((Date.parse(iso + "T00:00:00Z") - Date.parse(start + "T00:00:00Z")) / DAY) + 1; }
  function addDate(iso, n) { return new Date(Date.parse(iso + "T00:00:00Z") + n * DAY).toISOString().slice(0, 10); }
  // The changes in the order they apply: by date, a catch-up before a day off on the same date.
  function changesInOrder(replans, daysOff) {
    var items = (replans || []).map(function (r, i) { return [r.on, 0, i, r]; }).concat((daysOff || []).map(function (d, i) { return [d.on, 1, i, d]; }));
    return items.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]; });
  }
  function ChangeError(field, change, reason) { this.field = field; this.change = change; this.reason = reason; }
  // {base, pace, off: Set of plan days, segments: [{start, pace}]}; throws a ChangeError.
  function apply(base, start, replans, daysOff, done) {
    var cur = base, off = new Set(), segs = [{ start: 1, pace: base, off: new Set() }];
    changesInOrder(replans, daysOff).forEach(function (c) {
      var on = c[0], kind = c[1], ch = c[3], day = dayOf(start, on), name = (kind ? "days_off[" : "replans[") + c[2] + "]";
      try {
        if (kind === 0) cur = catchUp(cur, day, ch.days, doneBefore(done, on));
        else if (day < 1 || day > cur.days) throw new Error("day " + day + " is not a day of the plan (1-" + cur.days + ")");
        else if (ch.mode === "shift") {
          cur = shift(cur, day);
          var moved = new Set(); off.forEach(function (d) { moved.add(d + (d >= day ? 1 : 0)); }); off = moved;
        } else {
          if (day >= cur.days) throw new Error("the plan ends that day: no later day is left to spread its work over");
          cur = catchUp(cur, day + 1, cur.days, doneBefore(done, addDate(on, 1)));
        }
      } catch (e) {
        if (e instanceof ChangeError) throw e;
        throw new ChangeError(name, ch, e.message);
      }
      if (kind === 1) off.add(day);
      segs = segs.filter(function (s) { return s.start < day; }).concat([{ start: day, pace: cur, off: new Set(off) }]);
    });
    return { base: base, pace: cur, days: cur.days, off: off, segments: segs, changes: segs.slice(1).map(function (s) { return s.start; }) };
  }
  function plain(base) { return { base: base, pace: base, days: base.days, off: new Set(), segments: [{ start: 1, pace: base, off: new Set() }], changes: [] }; }
  function segmentOf(sch, day) { for (var i = sch.segments.length - 1; i >= 0; i--) if (sch.segments[i].start <= day) return sch.segments[i].pace; return sch.segments[0].pace; }

  // -- the agenda (generator/agenda.py) ------------------------------------------------------------
  // layout: {first_weekday: 0 = Monday, plan_days: the plan's weekend days, studied: the reader's (in week order)}
  function kindOf(layout, off, day) {
    if (off.has(day)) return "off";
    var name = WEEKDAYS[(layout.first_weekday + day - 1) % 7];
    if (layout.plan_days.indexOf(name) < 0) return "study";
    if (layout.studied.indexOf(name) < 0) return "free";
    return layout.studied.length > 1 ? name : "single";
  }
  function sessionOf(layout, day) { // the session holding the items of the plan's weekend day `day`
    var st = layout.studied;
    if (!st.length) return null;
    if (st.length === 1) return "single";
    if (st.indexOf(day) >= 0) return day;
    for (var k = 1, i = WEEKDAYS.indexOf(day); k < 8; k++) if (st.indexOf(WEEKDAYS[(i + k) % 7]) >= 0) return WEEKDAYS[(i + k) % 7];
    return null;
  }
  function isSession(k) { return k !== "study" && k !== "free" && k !== "off" && k !== ""; }
  function agenda(sch, layout) {
    var plan = sch.pace.plan, ix = index(plan), days = sch.days, d;
    // Each segment sees the days off as they were when it began (generator/agenda.py).
    var segs = sch.segments.map(function (s, i) {
      var k = [""];
      for (d = 1; d <= days; d++) k.push(kindOf(layout, s.off, d));
      return [s.start, Math.min(i + 1 < sch.segments.length ? sch.segments[i + 1].start - 1 : days, s.pace.days), s.pace, k];
    });
    var kinds = [""]; // each day as its segment has it; a day no segment plans (after an end, before a catch-up) is free
    for (d = 1; d <= days; d++) for (var si = segs.length - 1; si >= 0; si--) if (segs[si][0] <= d) { kinds.push(d <= segs[si][1] ? segs[si][3][d] : "free"); break; }
    var reading = new Map(), first = new Map(), reviews = new Map(), due = new Map(), kept = new Map(), ratings = new Map();
    if (sch.ratings) sch.ratings.forEach(function (r, id) { if (ix.topics.has(id)) ratings.set(id, r); });
    var push = function (day, q) { if (!due.has(day)) due.set(day, []); due.get(day).push(q); };
    var nextStudy = function (x, k) { while (x <= days) { if (k[x] === "study") return x; x++; } return null; };
    segs.forEach(function (sg) {
      var start = sg[0], end = sg[1], P = sg[2], K = sg[3];
      ix.weekOrder.forEach(function (w) {
        var r = P.week_spans.get(w.id), wd = [], x;
        for (x = Math.max(r[0], start); x <= Math.min(r[1], days, P.days); x++) if (K[x] === "study") wd.push(x);
        var topics = w.topics.filter(function (t) { return !first.has(t.id); });
        if (!topics.length || !wd.length) return;
        if (topics.length >= wd.length) {
          split(0, topics.length, wd.length).forEach(function (ab, n) { if (wd[n] <= end) reading.set(wd[n], topics.slice(ab[0], ab[1] + 1).map(function (t) { return t.id; })); });
        } else {
          split(0, wd.length, topics.length).forEach(function (ab, n) { for (var i = ab[0]; i <= ab[1]; i++) if (wd[i] <= end) reading.set(wd[i], [topics[n].id]); });
        }
      });
      for (var y = start; y <= end; y++) (reading.get(y) || []).forEach(function (t) { if (!first.has(t)) first.set(t, y); });
      ix.topicOrder.forEach(function (t) {
        var f = first.get(t.id), count = 0, seen = new Set(), rated = ratings.get(t.id);
        if (f === undefined) return;
        for (var gi = 0; gi < GAPS.length; gi++) { // on the days as they are now: a review never falls in a gap
          var when = nextStudy(f + GAPS[gi], kinds);
          if (when === null || seen.has(when)) continue;
          seen.add(when);
          if (rated && when > rated[rated.length - 1][0]) break; // FSRS from its last rating on
          if (start <= when && when <= end) push(when, { topic: t.id, index: count % t.questions.length, due: when, first: f, gap: GAPS[gi], card: null });
          count++;
        }
        if (rated) kept.set(t.id, count);
      });
    });
    Array.from(ratings.keys()).sort().forEach(function (id) {
      fsrsDue(id, ratings.get(id), days, kept.get(id) || 0, ix.topics.get(id).questions.length, function (x) { return nextStudy(x, kinds); })
        .forEach(function (q) { push(q.due, q); });
    });
    var order = new Map();
    ix.topicOrder.forEach(function (t, i) { order.set(t.id, i); });
    var placed = place(due, kinds, days, plan.reviews_per_block || 4, reading, order);
    placed.forEach(function (qs, day) { reviews.set(day, qs.map(function (q) { return [q.topic, q.index, whyOf(q, day)]; })); });
    var tasks = ix.taskOrder;
    function stepOf(task, due, day, P, K) {
      if (!task.steps.length || day > due) return null;
      var w = weekOfDay(P, due), prev = 0;
      P.task_days.forEach(function (x) { if (x < due && x > prev) prev = x; });
      var since = Math.max(w ? P.week_spans.get(w.id)[0] : 1, prev ? prev + 1 : 1), work = []; // no week: a done task kept past a shortened end
      for (var x = since; x <= Math.min(due, days); x++) if (K[x] === "study") work.push(x);
      if (!work.length) work = [due];
      var pos = work.indexOf(day) >= 0 ? work.indexOf(day) : work.length - 1;
      return Math.min(task.steps.length - 1, Math.floor(pos * task.steps.length / work.length));
    }
    function work(day, P, w, K) {
      var td = P.task_days, due = tasks.filter(function (t) { return td.get(t.id) === day; });
      if (due.length) return due.map(function (t) { return { id: t.id, due: day, step: stepOf(t, day, day, P, K) }; });
      var r = P.week_spans.get(w.id), best = null;
      tasks.forEach(function (t) { var x = td.get(t.id); if (day < x && x <= r[1] && (!best || x < td.get(best.id))) best = t; });
      if (best) return [{ id: best.id, due: td.get(best.id), step: stepOf(best, td.get(best.id), day, P, K) }];
      tasks.forEach(function (t) { var x = td.get(t.id); if (r[0] <= x && x < day && (!best || x > td.get(best.id))) best = t; });
      if (best) return [{ id: best.id, due: td.get(best.id), step: null }];
      tasks.forEach(function (t) { var x = td.get(t.id); if (x > day && (!best || x < td.get(best.id))) best = t; });
      if (best) return [{ id: best.id, due: td.get(best.id), step: stepOf(best, td.get(best.id), day, P, K) }];
      tasks.forEach(function (t) { if (!best || td.get(t.id) > td.get(best.id)) best = t; });
      return [{ id: best.id, due: td.get(best.id), step: null }];
    }
    function projectDays(P, start, kinds) {
      var item = focusOf(plan).filter(function (f) { return f.project; })[0], out = new Map();
      if (!item) return out;
      var own = sessionOf(layout, item.day);
      ix.weekOrder.forEach(function (w) {
        if (!w.project) return;
        var after = P.week_spans.get(w.id)[0], x, hit = null;
        w.tasks.forEach(function (t) { after = Math.max(after, P.task_days.get(t.id)); });
        var last = Math.min(days, P.days); // this segment's own days: a later change plans the rest
        for (x = after; x <= last && hit === null; x++) if (kinds[x] === own) hit = x;
        for (x = after; x <= last && hit === null; x++) if (isSession(kinds[x])) hit = x;
        for (x = after; x <= last && hit === null; x++) if (kinds[x] === "study") hit = x; // no session left: the last block
        if (hit !== null && hit >= start) { if (!out.has(hit)) out.set(hit, []); out.get(hit).push(w.id); }
      });
      return out;
    }
    function base(day, P, slot, kind, minutes) {
      var w = weekOfDay(P, day);
      return { day: day, slot: slot, kind: kind, week: w.id, span: P.week_spans.get(w.id).slice(), of: P.days, minutes: minutes,
        topics: [], tasks: [], questions: [], reviews: [], why: [], problem: null, projects: [], focus: [], finish: [], fallback: false };
    }
    var out = [];
    segs.forEach(function (sg) {
      var P = sg[2], K = sg[3], projects = projectDays(P, sg[0], K);
      for (var day = sg[0]; day <= sg[1]; day++) {
        var k = K[day], w = weekOfDay(P, day), e;
        if (k === "study") {
          plan.blocks.forEach(function (b) {
            e = base(day, P, b.id, b.kind, P.block_minutes.get(b.id));
            var topics = reading.get(day) || [];
            if (b.kind === "theory") {
              e.topics = topics.map(function (t) { return [t, first.get(t) < day]; });
              e.fallback = !topics.length;
            } else if (b.kind === "hands-on") {
              var dueNow = false;
              P.task_days.forEach(function (x) { if (x === day) dueNow = true; });
              if (!w.tasks.length && !dueNow) { // a reading week: try out its topics
                e.topics = (topics.length ? topics : w.topics.map(function (t) { return t.id; })).map(function (t) { return [t, false]; });
                e.fallback = true;
              } else e.tasks = work(day, P, w, K);
            } else {
              var qs = [], rv = (reviews.get(day) || []).filter(function (x) { return topics.indexOf(x[0]) < 0; });
              topics.forEach(function (t) { ix.topics.get(t).questions.forEach(function (q, i) { qs.push([t, i]); }); });
              var problem = ix.phaseOf.get(w.id).practice_problem ? problemFor(plan, w).id : null;
              if (!qs.length && !rv.length && problem === null) {
                e.questions = w.topics.map(function (t) { return [t.id, 0]; });
                e.fallback = !e.questions.length;
              } else {
                e.topics = topics.map(function (t) { return [t, first.get(t) < day]; });
                e.questions = qs; e.problem = problem;
                e.reviews = rv.map(function (x) { return [x[0], x[1]]; });
                e.why = rv.map(function (x) { return x[2]; }); // why each review is here (reviewWhy words it)
              }
            }
            out.push(e);
          });
          if (projects.has(day)) out[out.length - 1].projects = projects.get(day);
        } else if (isSession(k)) {
          e = base(day, P, "weekend", k, k === "single" ? P.weekend_minutes : sessions(P, layout.studied.length)[layout.studied.indexOf(k)]);
          var pj = projects.get(day) || [];
          e.tasks = tasks.filter(function (t) { return P.task_days.get(t.id) === day; }).map(function (t) { return { id: t.id, due: day, step: null }; });
          focusOf(plan).forEach(function (f) {
            if (f.project && !pj.length) return;
            if (sessionOf(layout, f.day) !== k && !f.project) return; // a carried project milestone comes along
            e.focus.push(f.id);
          });
          e.problem = focusOf(plan).some(function (f) { return f.problem && e.focus.indexOf(f.id) >= 0; }) ? problemFor(plan, w).id : null;
          e.projects = pj;
          if (k === sessionOf(layout, layout.plan_days[layout.plan_days.length - 1])) { // the week's review
            w.topics.forEach(function (t) { t.questions.forEach(function (q, i) { e.questions.push([t.id, i]); }); });
            e.finish = w.tasks.map(function (t) { return t.id; });
          }
          e.fallback = !(e.tasks.length || e.focus.length || e.questions.length || e.finish.length);
          out.push(e);
        }
      }
    });
    out.placed = placed;
    return out;
  }

  // -- adaptive reviews (generator/reviews.py holds the same rules) ---------------------------------
  // FSRS by ts-fsrs (assets/vendor/ts-fsrs, loaded before this file in the browser): default weights,
  // retention 0.9, no fuzz, no (re)learning steps; whole days only.
  var NEAR_END = 14, UNRATED_RECALL = 0.9, RATINGS = ["Again", "Hard", "Good", "Easy"];
  function fsrsLib() {
    var F = root.FSRS || (typeof require === "function" ? require("./vendor/ts-fsrs/ts-fsrs.min.js") : null);
    if (!fsrsLib.f) fsrsLib.f = F.fsrs(F.generatorParameters({ request_retention: 0.9, maximum_interval: 36500, enable_fuzz: false,
      enable_short_term: true, learning_steps: [], relearning_steps: [] }));
    return { F: F, f: fsrsLib.f };
  }
  // A topic's memory: {stability, difficulty, last: plan day of its last rating}, by ts-fsrs's own
  // next_state (what its scheduler applies to a review, without the scheduler's per-call objects).
  function interval(stability) { return Math.max(1, Math.floor(stability + 0.5)); }
  function lastDay(card) { return card.last; }
  function review(card, day, rating) {
    var m = fsrsLib().f.next_state(card ? { stability: card.stability, difficulty: card.difficulty } : null, card ? day - card.last : 0, rating);
    return { stability: m.stability, difficulty: m.difficulty, last: day };
  }
  function replay(ratings) {
    var card = null;
    ratings.forEach(function (r) { card = review(card, r[0], r[1]); });
    return card;
  }
  function recall(card, day) { return card ? fsrsLib().f.forgetting_curve(Math.max(0, day - card.last), card.stability) : UNRATED_RECALL; }
  // The local date (YYYY-MM-DD) of each ISO time in `zone`. The zone's offset is looked up at the
  // start of each week of UTC time (no zone changes it twice in a week); in a week where it
  // changes, the minute it changes is found by halving, so each time gets its exact offset.
  function localDates(times, zone) {
    var fmt = new Intl.DateTimeFormat("en-CA", { timeZone: zone || "UTC", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    var WEEK = 7 * DAY, MIN = 60000, at = new Map(), weeks = new Map();
    function offset(ms) {
      if (at.has(ms)) return at.get(ms);
      var p = {}; fmt.formatToParts(new Date(ms)).forEach(function (x) { p[x.type] = x.value; });
      var o = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute) - ms;
      at.set(ms, o);
      return o;
    }
    function week(w) { // [offset before, first minute of the new offset (or null), offset after]
      if (weeks.has(w)) return weeks.get(w);
      var lo = w * WEEK, hi = lo + WEEK, a = offset(lo), b = offset(hi), x = null;
      if (a !== b) { while (hi - lo > MIN) { var mid = lo + Math.floor((hi - lo) / 2 / MIN) * MIN; if (offset(mid) === a) lo = mid; else hi = mid; } x = hi; }
      weeks.set(w, [a, x, b]);
      return weeks.get(w);
    }
    return times.map(function (t) {
      var ms = Date.parse(t), k = week(Math.floor(ms / WEEK)), o = k[1] === null || ms < k[1] ? k[0] : k[2];
      return new Date(ms + o).toISOString().slice(0, 10);
    });
  }
  // Topic -> [[plan day, rating]] in day order, one a day: the latest that day (on a tie the larger),
  // a rating on its local date in `zone` (UTC without one).
  function ratedDays(reviews, start, zone) {
    var ids = Array.from(reviews.keys()).sort(), all = [], out = new Map();
    ids.forEach(function (id) { reviews.get(id).forEach(function (r) { all.push(r.time); }); });
    var dates = localDates(all, zone), n = 0;
    ids.forEach(function (id) {
      var days = new Map();
      reviews.get(id).forEach(function (r) {
        var d = dayOf(start, dates[n++]), c = days.get(d), x = Date.parse(r.time);
        if (!c || x > c.x || (x === c.x && r.rating > c.rating)) days.set(d, { x: x, rating: r.rating });
      });
      if (days.size) out.set(id, Array.from(days.keys()).sort(function (a, b) { return a - b; }).map(function (d) { return [d, days.get(d).rating]; }));
    });
    return out;
  }
  function fsrsDue(topic, ratings, days, index, questions, nextStudy) {
    var card = replay(ratings), rated = ratings[ratings.length - 1][0], rating = ratings[ratings.length - 1][1], projected = false, out = [];
    for (;;) {
      var d = lastDay(card) + interval(card.stability);
      if (d > days) return out;
      var when = nextStudy(Math.max(1, d));
      if (when === null) return out;
      out.push({ topic: topic, index: index % questions, due: when, rated: rated, rating: rating, projected: projected, card: card });
      index++;
      card = review(card, d, 3);
      rated = d; rating = 3; projected = true;
    }
  }
  // Why review `q` is on `day`, as values (generator/reviews.py `why` words the same).
  function whyOf(q, day) {
    return { due: q.due, first: q.first === undefined ? null : q.first, gap: q.gap === undefined ? null : q.gap,
      rated: q.card ? q.rated : null, rating: q.card ? q.rating : null, projected: !!q.projected,
      stability: q.card ? q.card.stability : null, recall: q.card ? recall(q.card, day) : null };
  }
  var MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function shortDate(start, day) { // "Mon 4 Jan 2027", as reviews.py `_date`
    var d = new Date(Date.parse(start + "T00:00:00Z") + (day - 1) * DAY);
    return ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()] + " " + d.getUTCDate() + " " + MONTH_ABBR[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }
  // "first read Mon 4 Jan 2027: fixed review after 3 days", "rated Hard on Wed 6 Jan 2027: FSRS, stability 2.3 days, recall 87%".
  function reviewWhy(w, day, start) {
    var text;
    if (w.stability === null) text = "first read " + shortDate(start, w.first) + ": fixed review after " + count(w.gap, "day");
    else {
      text = (w.projected ? "projected as if rated Good on " : "rated " + RATINGS[w.rating - 1] + " on ") + shortDate(start, w.rated) +
        ": FSRS, stability " + w.stability.toFixed(1) + " days, recall " + Math.round(w.recall * 100) + "%";
    }
    if (w.due !== day) text += "; due " + shortDate(start, w.due) + ", moved on: that day's practice was full";
    return text;
  }
  function place(due, kinds, days, cap, reading, order) {
    var placed = new Map(), waiting = [];
    for (var day = 1; day <= days; day++) {
      if (due.has(day)) waiting = waiting.concat(due.get(day));
      if (kinds[day] !== "study" || !waiting.length) continue;
      var read = reading.get(day) || [], near = day > days - NEAR_END;
      waiting = waiting.filter(function (q) { return read.indexOf(q.topic) < 0; });
      waiting.forEach(function (q) { q.key = near ? recall(q.card, day) : 0; });
      waiting.sort(function (a, b) { return a.key - b.key || a.due - b.due || order.get(a.topic) - order.get(b.topic) || a.index - b.index; });
      var taken = [], seen = new Set(), rest = [];
      waiting.forEach(function (q) { if (taken.length < cap && !seen.has(q.topic)) { taken.push(q); seen.add(q.topic); } else rest.push(q); });
      waiting = rest;
      if (taken.length) placed.set(day, taken);
    }
    return placed;
  }

  // -- words (generator/words.py) ------------------------------------------------------------------
  function spanText(r) { return r[0] === r[1] ? "day " + r[0] : "days " + r[0] + "-" + r[1]; }
  function label(plan, e) {
    var ix = index(plan), w = ix.weeks.get(e.week), T = function (t) { return ix.topics.get(t).title; };
    if (e.kind === "theory") return e.fallback ? w.activities + " (" + w.title + ")" : e.topics.map(function (t) { return T(t[0]); }).join(", ") + " (" + w.title + ")";
    if (e.kind === "hands-on" && !e.tasks.length) return (e.topics.length ? e.topics.map(function (t) { return T(t[0]); }).join(", ") : w.activities) + " (" + w.title + ")";
    if (e.kind === "hands-on") return ix.tasks.get(e.tasks[0].id).text + (e.tasks.length > 1 ? " (+" + (e.tasks.length - 1) + " more)" : "");
    if (e.kind === "practice") {
      var what = e.topics.length ? e.topics.map(function (t) { return T(t[0]); }).join(", ") + " questions" : w.title;
      if (e.reviews.length) what += " + review of " + e.reviews.map(function (r) { return T(r[0]); }).join(", ");
      return what;
    }
    if (e.projects.length) return ix.weeks.get(e.projects[0]).project;
    if (e.problem) { var p = ix.problems.get(e.problem); return p.level + ": " + p.title; }
    return "review " + w.title;
  }
  function summary(plan, e) {
    var b = index(plan).blocks.get(e.slot);
    return "Day " + e.day + " · " + (b ? b.label : SESSION_NAMES[e.kind]) + ": " + label(plan, e);
  }
  function items(plan, e) {
    if (e.slot === "weekend" || !e.projects.length) return itemsOf(plan, e);
    var item = focusOf(plan).filter(function (f) { return f.project; })[0], ix = index(plan);
    return itemsOf(plan, e).concat(item ? [item.text + ": " + e.projects.map(function (w) { return ix.weeks.get(w).project; }).join("; ")] : []);
  }
  function itemsOf(plan, e) {
    var ix = index(plan), w = ix.weeks.get(e.week), out = [], p;
    var Q = function (x) { return ix.topics.get(x[0]).questions[x[1]]; };
    if (e.kind === "theory") {
      if (e.fallback) return ["Read about: " + w.activities];
      e.topics.forEach(function (t) { var tp = ix.topics.get(t[0]); out.push((t[1] ? "Continue" : "Read") + ": " + tp.title + ". Goal: " + tp.goal); });
      e.topics.forEach(function (t) { ix.topics.get(t[0]).links.forEach(function (l) { out.push("Docs: " + l); }); });
      return out;
    }
    if (e.kind === "hands-on" && !e.tasks.length) {
      e.topics.forEach(function (t) { var tp = ix.topics.get(t[0]); out.push("Try out: " + tp.title + ". Goal: " + tp.goal); });
      return out.length ? out : ["Practise: " + w.activities];
    }
    if (e.kind === "hands-on") {
      e.tasks.forEach(function (x) {
        var t = ix.tasks.get(x.id);
        out.push(t.text + " (" + (x.due === e.day ? "due today" : x.due > e.day ? "due day " + x.due : "finish and check it") + ")");
        if (x.step !== null) out.push("Today's step: " + t.steps[x.step]);
      });
      return out;
    }
    if (e.kind === "practice") {
      if (e.problem) { p = ix.problems.get(e.problem); out.push("Practice problem: " + p.level + ": " + p.title); }
      e.questions.forEach(function (q) { out.push("Answer: " + Q(q)); });
      e.reviews.forEach(function (r) { out.push("Review " + ix.topics.get(r[0]).title + ": " + Q(r)); });
      return out.length ? out : ["Practise: " + w.activities];
    }
    e.tasks.forEach(function (x) { out.push("Due today: " + ix.tasks.get(x.id).text); });
    e.focus.forEach(function (f) {
      var item = ix.focus.get(f), line = item.text;
      if (item.project) line += ": " + e.projects.map(function (pw) { return ix.weeks.get(pw).project; }).join("; ");
      if (item.problem && e.problem) { p = ix.problems.get(e.problem); line += ": " + p.level + ": " + p.title; }
      out.push(line);
    });
    e.questions.forEach(function (q) { out.push("Review " + ix.topics.get(q[0]).title + ": " + Q(q)); });
    e.finish.forEach(function (t) { out.push("Finish if open: " + ix.tasks.get(t).text); });
    return out.length ? out : ["Review: " + w.title];
  }
  function weekLine(plan, e, siteUrl) {
    var w = index(plan).weeks.get(e.week), text = "Week " + w.number + ": " + w.title + " (" + spanText(e.span) + " of " + e.of + ")";
    return siteUrl ? text + "\nWeek page: " + siteUrl.replace(/\/+$/, "") + "/weeks/" + w.id + "/" : text;
  }
  function description(plan, e, siteUrl) {
    var b = index(plan).blocks.get(e.slot);
    var head = b ? b.activity : plan.weekend.title + ", " + SESSION_TEXT[e.kind] + ":";
    return head + "\n" + items(plan, e).map(function (x) { return "- " + x; }).join("\n") + "\n" + weekLine(plan, e, siteUrl);
  }
  function milestoneWords(m, day, days) { return ["Milestone: " + m.title, "Verification: " + m.verification + "\nTarget: day " + day + " of the " + days + "-day plan."]; }

  // -- the reader's dated schedule (generator/reader.py) -------------------------------------------
  // reader: {start: "YYYY-MM-DD" | null, pace: days, times: ["HH:MM"...], weekend_time, weekend_days,
  //          replans, days_off, done: Map id -> time}
  function schedule(plan, reader) {
    var base = pace(plan, reader.pace), sch;
    if (!reader.start || (!(reader.replans || []).length && !(reader.days_off || []).length)) sch = plain(base);
    else sch = apply(base, reader.start, reader.replans, reader.days_off, reader.done || new Map());
    if (reader.start && reader.reviews && reader.reviews.size) sch.ratings = ratedDays(reader.reviews, reader.start, reader.timezone);
    return sch;
  }
  function layoutOf(plan, reader) {
    var wd = reader.start ? (new Date(reader.start + "T00:00:00Z").getUTCDay() + 6) % 7 : 0, pd = planDays(plan);
    var chosen = reader.weekend_days && reader.weekend_days.length ? reader.weekend_days : pd;
    return { first_weekday: wd, plan_days: pd, studied: plan.weekend ? pd.filter(function (d) { return chosen.indexOf(d) >= 0; }) : [] };
  }
  // Every entry with its date and local start time (null dates without a start).
  function dated(plan, reader, sch) {
    sch = sch || schedule(plan, reader);
    var times = new Map();
    plan.blocks.forEach(function (b, i) { times.set(b.id, (reader.times || [])[i] || b.start); });
    return agenda(sch, layoutOf(plan, reader)).map(function (e) {
      e.date = reader.start ? dateOf(reader.start, e.day) : null;
      e.start = times.has(e.slot) ? times.get(e.slot) : reader.weekend_time || (plan.weekend ? plan.weekend.start : "09:00");
      return e;
    });
  }
  function milestones(plan, sch, start) {
    return plan.milestones.map(function (m) {
      var d = sch.pace.milestone_days.get(m.id);
      return { id: m.id, milestone: m, day: d, of: segmentOf(sch, d).days, date: start ? dateOf(start, d) : null };
    });
  }
  // When a milestone was reached, or null (generator/progress.py `reached`): the latest of its events
  // wins, a tick on a tie: `milestones`/`unreached`, and `done`/`undone` under its id from older files.
  function reachedAt(p, id) {
    var on = null, off = null;
    [p.milestones, p.done].forEach(function (m) { var t = m && m.get(id); if (t && (!on || Date.parse(t) > Date.parse(on))) on = t; });
    [p.unreached, p.undone].forEach(function (m) { var t = m && m.get(id); if (t && (!off || Date.parse(t) > Date.parse(off))) off = t; });
    return on && !(off && Date.parse(off) > Date.parse(on)) ? on : null;
  }
  // Every milestone's status in the reader's schedule from `start` on `today` (generator/report.py
  // `milestone_statuses`): reached, ready (its week's tasks all ticked), due or late by `days`, open without a start.
  function milestoneStatus(plan, sch, start, today, p) {
    return milestones(plan, sch, start).map(function (m) {
      var w = weekOfDay(sch.pace, m.day), at = reachedAt(p, m.id), days = m.date ? dayOf(today, m.date) - 1 : null;
      var ready = w && w.tasks.length && w.tasks.every(function (t) { return p.done.has(t.id); });
      m.status = at ? "reached" : ready ? "ready" : days === null ? "open" : days >= 0 ? "due" : "late";
      m.days = days; m.reached_at = at;
      return m;
    });
  }
  function statusText(m) { // generator/report.py `status_text`
    var n = m.days;
    return { reached: "reached", ready: "ready to verify", open: "not reached yet" }[m.status] ||
      (m.status === "late" ? count(-n, "day") + " late" : n === 0 ? "due today" : n === 1 ? "due tomorrow" : "due in " + n + " days");
  }

  // -- the progress file (generator/progress.py holds the same rules) -------------------------------
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/, MAX_NOTE = 9999;
  var ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{3})?(?:Z|[+-](\d{2}):(\d{2}))$/;
  var FILE_KEYS = ["format", "version", "plan", "done", "undone", "milestones", "unreached", "exported_at", "start_date", "pace", "timezone",
    "notes", "confidence", "reviews", "replans", "days_off"];
  var AREAS = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[A-Za-z0-9_+\-]+(\/[A-Za-z0-9_+\-]+)*$/;
  // A zone name as a reader may pick it (generator/settings.py `zones`): an Area/Location the
  // runtime knows, or UTC, in its own spelling.
  function isZone(z) {
    if (typeof z !== "string" || z.length > 64 || !(z === "UTC" || AREAS.test(z))) return false;
    try { new Intl.DateTimeFormat("en-US", { timeZone: z }); } catch (e) { return false; }
    var list = ["UTC"], lower = z.toLowerCase();
    try { list = list.concat(Intl.supportedValuesOf("timeZone")); } catch (e) { /* an old runtime: the name as accepted */ }
    var listed = list.filter(function (x) { return x.toLowerCase() === lower; });
    return !listed.length || listed.indexOf(z) >= 0; // "europe/london" is not a spelling the CLI accepts
  }

  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function isId(k) { return typeof k === "string" && k.length <= 64 && SLUG.test(k); }
  function parseDate(s) {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
    var d = new Date(s + "T00:00:00Z");
    return isNaN(d) || d.toISOString().slice(0, 10) !== s ? null : d;
  }
  function isStart(s) { var d = parseDate(s); return !!d && +s.slice(0, 4) >= 1970 && +s.slice(0, 4) <= 9000; }
  function isTime(s) {
    var m = typeof s === "string" && ISO.exec(s);
    return !!m && !!parseDate(m[1]) && +m[2] < 24 && +m[3] < 60 && +m[4] < 60 && (m[5] === undefined || (+m[5] < 24 && +m[6] < 60));
  }
  function isPace(v) { return Number.isInteger(v) && v >= 28 && v <= 365; }
  function Problem(path, msg) { this.path = path; this.msg = msg; }
  // A value or key as a message quotes it (generator/errors.py `quote` does the same): JSON,
  // control characters escaped so a message stays one line, at most about 80 characters;
  // a longer one is cut and says its length: "xxxxxxxx…" (20,000,000 characters).
  var CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/g, QUOTE = 80;
  function oneLine(s) {
    return String(s).replace(CONTROL, function (c) { return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4); });
  }
  function shown(v) {
    if (v === undefined) return "nothing";
    if (typeof v === "string") {
      var pieces = Array.prototype.map.call(v.slice(0, QUOTE), function (c) { return oneLine(JSON.stringify(c).slice(1, -1)); });
      if (v.length <= QUOTE && pieces.join("").length <= QUOTE) return '"' + pieces.join("") + '"';
      var kept = "";
      for (var i = 0; i < pieces.length && kept.length + pieces[i].length <= QUOTE - 25; i++) kept += pieces[i];
      return '"' + kept + '\u2026" (' + v.length.toLocaleString("en") + " characters)";
    }
    var s = oneLine(JSON.stringify(v));
    if (s.length <= QUOTE) return s;
    var what = Array.isArray(v) ? "a list of " + v.length.toLocaleString("en") + " items" :
      isObj(v) ? "an object of " + Object.keys(v).length.toLocaleString("en") + " keys" : s.length.toLocaleString("en") + " characters";
    return s.slice(0, QUOTE - 30) + "\u2026 (" + what + ")";
  }
  function clip(text) { var t = oneLine(text); return t.length > 2 * QUOTE ? t.slice(0, 2 * QUOTE) + "\u2026" : t; }
  function need(ok, path, expected, v) { if (!ok) throw new Problem(path, "expected " + expected + " but got " + shown(v)); }
  function keyPath(name, k) { return name + (isId(k) ? "." + k : "[" + shown(k) + "]"); }
  function idMap(obj, name, each) {
    var m = new Map();
    if (obj === undefined) return m;
    need(isObj(obj), name, "an object of task id -> value", obj);
    Object.keys(obj).forEach(function (k) {
      need(isId(k), keyPath(name, k), "a task id (lowercase letters, digits and single hyphens, up to 64 characters)", k);
      m.set(k, each(obj[k], name + "." + k));
    });
    return m;
  }
  function entry(keys, v, path) {
    need(isObj(v), path, "an object with " + keys.join(" and "), v);
    Object.keys(v).forEach(function (k) { if (keys.indexOf(k) < 0) throw new Problem(keyPath(path, k), "unknown key; expected " + keys.join(", ")); });
  }
  function time(v, path) {
    need(isTime(v), path, "an ISO time like 2027-01-04T10:00:00Z", v);
    if (+v.slice(0, 4) < 1970 || +v.slice(0, 4) > 9000) throw new Problem(path, "expected a time in the years 1970-9000 but got " + shown(v));
    return v;
  }
  // A file's bytes -> its text; a file that is not UTF-8 is refused, as the CLI refuses it.
  function decodeFile(bytes) {
    var b = new Uint8Array(bytes);
    if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) throw new Problem("file", "expected UTF-8 text but got UTF-16 (save the file as UTF-8)");
    try { return new TextDecoder("utf-8", { fatal: true }).decode(b).replace(/^\uFEFF/, ""); } catch (e) {
      throw new Problem("file", "expected UTF-8 text but got bytes that are not UTF-8 (save the file as UTF-8)");
    }
  }
  function note(v, path) {
    entry(["text", "time"], v, path);
    need(typeof v.text === "string", path + ".text", "text", v.text);
    if (v.text.length > MAX_NOTE) throw new Problem(path + ".text", "expected at most 9,999 characters but got " + v.text.length);
    return { text: v.text, time: time(v.time, path + ".time") };
  }
  function rating(v, path) {
    entry(["value", "time"], v, path);
    need(Number.isInteger(v.value) && v.value >= 1 && v.value <= 5, path + ".value", "a whole number from 1 to 5", v.value);
    return { value: v.value, time: time(v.time, path + ".time") };
  }
  // A topic's ratings: [{time, rating 1-4}], at most 1,000; kept in time order, one per instant.
  function ratingList(v, path) {
    need(Array.isArray(v), path, "a list of {time, rating}", v);
    if (v.length > 1000) throw new Problem(path, "expected at most 1,000 ratings but got " + v.length.toLocaleString("en"));
    return mergeRatings(v.map(function (r, i) {
      var at = path + "[" + i + "]";
      entry(["time", "rating"], r, at);
      time(r.time, at + ".time");
      need(Number.isInteger(r.rating) && r.rating >= 1 && r.rating <= 4, at + ".rating", "a whole number from 1 (Again) to 4 (Easy)", r.rating);
      return { time: r.time, rating: r.rating };
    }), []);
  }
  function mergeRatings(a, b) {
    var best = new Map();
    a.concat(b).forEach(function (r) { var x = Date.parse(r.time), c = best.get(x); if (!c || r.rating > c.rating) best.set(x, r); });
    return Array.from(best.keys()).sort(function (x, y) { return x - y; }).map(function (x) { return best.get(x); });
  }
  function replan(v, path) {
    entry(["on", "mode", "days"], v, path);
    need(isStart(v.on), path + ".on", "a date YYYY-MM-DD", v.on);
    need(v.mode === "keep-end" || v.mode === "move-end" || v.mode === "to-date", path + ".mode", '"keep-end", "move-end" or "to-date"', v.mode);
    need(isPace(v.days), path + ".days", "a number of days from 28 to 365", v.days);
    return { on: v.on, mode: v.mode, days: v.days };
  }
  function dayOff(v, path) {
    entry(["on", "mode"], v, path);
    need(isStart(v.on), path + ".on", "a date YYYY-MM-DD", v.on);
    need(v.mode === "shift" || v.mode === "keep-end", path + ".mode", '"shift" or "keep-end"', v.mode);
    return { on: v.on, mode: v.mode };
  }
  // A file's text -> {p: progress, exported_at, start_date, pace}, or throws a Problem.
  function parseFile(text, PLAN) {
    var f;
    try { f = JSON.parse(text); } catch (e) { throw new Problem("file", "not valid JSON (" + clip(e.message) + ")"); }
    need(isObj(f), "file", "a JSON object (a studyplan progress file)", f);
    if (f.format !== "studyplan-progress") throw new Problem("format", 'expected "studyplan-progress" but got ' + shown(f.format) + " (this is not a studyplan progress file)");
    if (Number.isInteger(f.version) && f.version > 1) throw new Problem("version", "the file is version " + f.version + ", made by a newer version of this site; this page reads version 1");
    need(f.version === 1, "version", "1", f.version);
    if (f.plan !== PLAN) throw new Problem("plan", "expected " + shown(PLAN) + " but got " + shown(f.plan) + " (a file of another plan)");
    Object.keys(f).forEach(function (k) { if (FILE_KEYS.indexOf(k) < 0) throw new Problem(keyPath("", k).replace(/^\./, ""), "unknown key; expected one of: " + FILE_KEYS.join(", ")); });
    need(f.done !== undefined, "done", "an object of task id -> ISO time", f.done);
    var p = emptyProgress();
    p.done = idMap(f.done, "done", time);
    p.undone = idMap(f.undone, "undone", time);
    p.milestones = idMap(f.milestones, "milestones", time);
    p.unreached = idMap(f.unreached, "unreached", time);
    p.notes = idMap(f.notes, "notes", note);
    p.confidence = idMap(f.confidence, "confidence", rating);
    p.reviews = idMap(f.reviews, "reviews", ratingList);
    p.reviews.forEach(function (v, k) { if (!v.length) p.reviews.delete(k); });
    if (f.exported_at != null) time(f.exported_at, "exported_at");
    if (f.start_date != null) need(isStart(f.start_date), "start_date", "a date YYYY-MM-DD (years 1970 to 9000) or null", f.start_date);
    if (f.pace != null) need(isPace(f.pace), "pace", "a number of days from 28 to 365 or null", f.pace);
    if (f.timezone != null) need(isZone(f.timezone), "timezone", "an IANA time zone like 'Europe/London' or null", f.timezone);
    if (f.replans !== undefined) {
      need(Array.isArray(f.replans), "replans", "a list of {on, mode, days}", f.replans);
      if (f.replans.length > 1000) throw new Problem("replans", "expected at most 1,000 replans but got " + f.replans.length);
      p.replans = ordered(f.replans.map(function (r, i) { return replan(r, "replans[" + i + "]"); }));
    }
    if (f.days_off !== undefined) {
      need(Array.isArray(f.days_off), "days_off", "a list of {on, mode}", f.days_off);
      if (f.days_off.length > 1000) throw new Problem("days_off", "expected at most 1,000 days off but got " + f.days_off.length);
      p.days_off = ordered(f.days_off.map(function (r, i) { return dayOff(r, "days_off[" + i + "]"); }));
    }
    return { p: p, exported_at: f.exported_at || null, start_date: f.start_date || null, pace: f.pace || null, timezone: f.timezone || null };
  }

  function emptyProgress() { return { done: new Map(), undone: new Map(), milestones: new Map(), unreached: new Map(), notes: new Map(), confidence: new Map(), reviews: new Map() }; }
  // Changes once each, in order of date, mode, days (as generator/progress.py keeps them).
  function ordered(list) {
    var key = function (r) { return r.on + "|" + r.mode + "|" + (r.days === undefined ? "" : String(1000 + r.days)); };
    return unique(list, function (x, r) { return key(x) === key(r); }).sort(function (a, b) { return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0; });
  }
  function unique(list, same) { return list.filter(function (r, i, all) { return all.findIndex(function (x) { return same(x, r); }) === i; }); }
  // For each id the latest event (tick or untick) across both sides wins, a tick on a tie; notes
  // and confidence by id, the latest time, on a tie the larger text or value; changes together.
  function mergeProgress(a, b) {
    var out = emptyProgress();
    [["done", "undone"], ["milestones", "unreached"]].forEach(function (k) { // tasks, milestones reached: one rule
      var ev = new Map();
      [a, b].forEach(function (side) {
        (side[k[0]] || new Map()).forEach(function (t, i) { var c = ev.get(i), x = Date.parse(t); if (!c || x > c.x || (x === c.x && !c.on)) ev.set(i, { x: x, on: true, t: t }); });
        (side[k[1]] || new Map()).forEach(function (t, i) { var c = ev.get(i), x = Date.parse(t); if (!c || x > c.x) ev.set(i, { x: x, on: false, t: t }); });
      });
      ev.forEach(function (e, i) { out[k[e.on ? 0 : 1]].set(i, e.t); });
    });
    [["notes", "text"], ["confidence", "value"]].forEach(function (kv) {
      var k = kv[0], f = kv[1];
      out[k] = new Map(a[k]);
      b[k].forEach(function (v, i) {
        var c = out[k].get(i), x = Date.parse(v.time), y = c ? Date.parse(c.time) : 0;
        if (!c || x > y || (x === y && v[f] > c[f])) out[k].set(i, v);
      });
    });
    [a, b].forEach(function (side) {
      (side.reviews || new Map()).forEach(function (v, i) { out.reviews.set(i, mergeRatings(out.reviews.get(i) || [], v)); });
    });
    out.reviews = new Map(Array.from(out.reviews.keys()).sort().map(function (k) { return [k, out.reviews.get(k)]; }));
    out.timezone = b.timezone != null ? b.timezone : a.timezone;
    if (a.days_off || b.days_off) out.days_off = ordered((a.days_off || []).concat(b.days_off || []));
    if (a.replans || b.replans) out.replans = ordered((a.replans || []).concat(b.replans || []));
    return out;
  }

  // -- words of the Progress page ---------------------------------------------------------------
  function count(n, word, many) { return n + " " + (n === 1 ? word : many || word + "s"); }
  // Tasks per day as a reader counts them (replan.rate): "about 2 tasks a day", "about 1 task every 3 days".
  function rate(tasks, days) {
    if (days < 1 || !tasks) return "no tasks";
    if (tasks >= days) return "about " + count(Math.floor(tasks / days + 0.5), "task") + " a day";
    var every = Math.floor(days / tasks + 0.5);
    return "about 1 task every " + (every === 1 ? "day" : every + " days");
  }
  // What a reset takes away ("" when nothing): the ticks as boxes, or everything the reader made.
  function resetWords(all, ticks, notes, ratings, catchUps) {
    var l = all ? [ticks && count(ticks, "tick"), notes && count(notes, "note"), ratings && count(ratings, "rating"), catchUps && count(catchUps, "catch-up")]
      : [ticks && count(ticks, "box", "boxes")];
    return l.filter(Boolean).join(", ");
  }

  var api = {
    rate: rate, resetWords: resetWords, reachedAt: reachedAt, milestoneStatus: milestoneStatus, statusText: statusText, reviewWhy: reviewWhy,
    MIN_DAYS: MIN_DAYS, MAX_DAYS: MAX_DAYS, GAPS: GAPS, index: index, pace: pace, weekOfDay: weekOfDay,
    catchUp: catchUp, shift: shift, apply: apply, plain: plain, unfinished: unfinished, newLength: newLength, doneBefore: doneBefore,
    ChangeError: ChangeError, segmentOf: segmentOf, agenda: agenda, kindOf: kindOf, layoutOf: layoutOf, schedule: schedule,
    dated: dated, milestones: milestones, label: label, summary: summary, items: items, description: description,
    weekLine: weekLine, milestoneWords: milestoneWords, dateOf: dateOf, dayOf: dayOf, addDate: addDate, spanText: spanText,
    ratedDays: ratedDays, localDates: localDates, mergeRatings: mergeRatings, replay: replay, recall: recall, interval: interval, lastDay: lastDay, RATINGS: RATINGS, NEAR_END: NEAR_END,
    Problem: Problem, parseFile: parseFile, decodeFile: decodeFile, shown: shown, clip: clip, mergeProgress: mergeProgress, emptyProgress: emptyProgress, isZone: isZone
  };
  if (typeof module === "object" && module.exports) module.exports = api; else root.StudyplanRules = api;
})(this);
