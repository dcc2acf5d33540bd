// Study plan progress: ticks, notes and confidence saved in this browser, keyed by stable ids.
// Ids are data: they live in Maps and Sets, never as keys of plain objects, so a task
// called `constructor` is just a task. Text from the plan or a file is only ever a text node.
(function () {
  "use strict";
  var planMeta = document.querySelector('meta[name="studyplan-plan"]');
  var PLAN = planMeta ? planMeta.content : "";
  if (!PLAN) return;
  var PRE = "studyplan:" + PLAN + ":";
  var KEY = PRE + "progress", SETTINGS = PRE + "settings", META = PRE + "meta", UNDO = PRE + "undo";
  var DAY = 86400000, MAX_FILE = 5e6, MAX_NOTE = 9999, REMIND_DAYS = 7;
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{3})?(?:Z|[+-](\d{2}):(\d{2}))$/;
  var FILE_KEYS = ["format", "version", "plan", "done", "undone", "exported_at", "start_date", "pace", "timezone",
    "notes", "confidence", "replans"];

  // -- the one rule for a progress file (generator/progress.py holds the same) ------------------
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
  function shown(v) {
    var s = v === undefined ? "nothing" : JSON.stringify(v);
    return s.length > 60 ? s.slice(0, 57) + "..." : s;
  }
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
  function time(v, path) { need(isTime(v), path, "an ISO time like 2027-01-04T10:00:00Z", v); return v; }
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
  function replan(v, path) {
    entry(["on", "mode", "days"], v, path);
    need(isStart(v.on), path + ".on", "a date YYYY-MM-DD", v.on);
    need(v.mode === "keep-end" || v.mode === "move-end", path + ".mode", '"keep-end" or "move-end"', v.mode);
    need(isPace(v.days), path + ".days", "a number of days from 28 to 365", v.days);
    return { on: v.on, mode: v.mode, days: v.days };
  }
  // A file's text -> {p: progress, exported_at, start_date, pace}, or throws a Problem.
  function parseFile(text) {
    var f;
    try { f = JSON.parse(text); } catch (e) { throw new Problem("file", "not valid JSON (" + e.message + ")"); }
    need(isObj(f), "file", "a JSON object (a studyplan progress file)", f);
    if (f.format !== "studyplan-progress") throw new Problem("format", 'expected "studyplan-progress" but got ' + shown(f.format) + " (this is not a studyplan progress file)");
    if (Number.isInteger(f.version) && f.version > 1) throw new Problem("version", "the file is version " + f.version + ", made by a newer version of this site; this page reads version 1");
    need(f.version === 1, "version", "1", f.version);
    if (f.plan !== PLAN) throw new Problem("plan", "expected " + shown(PLAN) + " but got " + shown(f.plan) + " (a file of another plan)");
    Object.keys(f).forEach(function (k) { if (FILE_KEYS.indexOf(k) < 0) throw new Problem(keyPath("", k).replace(/^\./, ""), "unknown key; expected one of: " + FILE_KEYS.join(", ")); });
    need(f.done !== undefined, "done", "an object of task id -> ISO time", f.done);
    var p = empty();
    p.done = idMap(f.done, "done", time);
    p.undone = idMap(f.undone, "undone", time);
    p.notes = idMap(f.notes, "notes", note);
    p.confidence = idMap(f.confidence, "confidence", rating);
    if (f.exported_at != null) time(f.exported_at, "exported_at");
    if (f.start_date != null) need(isStart(f.start_date), "start_date", "a date YYYY-MM-DD (years 1970 to 9000) or null", f.start_date);
    if (f.pace != null) need(isPace(f.pace), "pace", "a number of days from 28 to 365 or null", f.pace);
    if (f.timezone != null) need(typeof f.timezone === "string", "timezone", "a time zone name or null", f.timezone);
    if ("timezone" in f) p.timezone = f.timezone;
    if (f.replans !== undefined) {
      need(Array.isArray(f.replans), "replans", "a list of {on, mode, days}", f.replans);
      p.replans = f.replans.map(function (r, i) { return replan(r, "replans[" + i + "]"); });
    }
    return { p: p, exported_at: f.exported_at || null, start_date: f.start_date || null, pace: f.pace || null };
  }

  // -- storage ---------------------------------------------------------------------------------
  function empty() { return { done: new Map(), undone: new Map(), notes: new Map(), confidence: new Map() }; }
  function readJson(key) {
    try { var v = JSON.parse(localStorage.getItem(key)); return isObj(v) ? v : null; } catch (e) { return null; }
  }
  function toMap(obj, fix) {
    var m = new Map();
    if (isObj(obj)) Object.keys(obj).forEach(function (k) { var v = isId(k) ? fix(obj[k]) : null; if (v) m.set(k, v); });
    return m;
  }
  // Tolerant reading of what an older version may have stored (times like "March 7, 2027").
  function fixTime(v) {
    if (isTime(v)) return v;
    var t = typeof v === "string" ? Date.parse(v) : NaN;
    return isNaN(t) ? null : new Date(t).toISOString();
  }
  function state() {
    var s = readJson(KEY), p = empty();
    if (!s) return p;
    p.done = toMap(s.done, fixTime);
    p.undone = toMap(s.undone, fixTime);
    p.notes = toMap(s.notes, function (v) { try { return note(v, ""); } catch (e) { return null; } });
    p.confidence = toMap(s.confidence, function (v) { try { return rating(v, ""); } catch (e) { return null; } });
    if (s.timezone === null || typeof s.timezone === "string") p.timezone = s.timezone;
    if (Array.isArray(s.replans)) p.replans = s.replans;
    return p;
  }
  function toObj(m) {
    var o = Object.create(null);
    Array.from(m.keys()).sort().forEach(function (k) { o[k] = m.get(k); });
    return o;
  }
  function plain(p) {
    var o = { done: toObj(p.done), undone: toObj(p.undone), notes: toObj(p.notes), confidence: toObj(p.confidence) };
    if (p.timezone !== undefined) o.timezone = p.timezone;
    if (p.replans !== undefined) o.replans = p.replans;
    return o;
  }
  function meta() { return readJson(META) || {}; }
  function settings() { return readJson(SETTINGS) || {}; }
  function now() { return new Date().toISOString(); }
  // All or nothing: [[key, string or null to remove]]; returns the error, or null.
  function write(pairs) {
    var old = pairs.map(function (kv) { return localStorage.getItem(kv[0]); });
    function put(k, v) { if (v === null) localStorage.removeItem(k); else localStorage.setItem(k, v); }
    try { pairs.forEach(function (kv) { put(kv[0], kv[1]); }); return null; } catch (e) {
      pairs.forEach(function (kv, i) { try { put(kv[0], old[i]); } catch (e2) { /* nothing more to do */ } });
      return e;
    }
  }
  function metaWith(k, v) { var m = meta(); m[k] = v; return [META, JSON.stringify(m)]; }
  function snapshot(kind, what) {
    return JSON.stringify({ kind: kind, at: now(), what: what, progress: localStorage.getItem(KEY), settings: localStorage.getItem(SETTINGS) });
  }
  // Saving progress is a change: it ends what "Undo" could restore, unless it sets a new snapshot.
  function save(p, undo, extra) {
    return write([[KEY, JSON.stringify(plain(p))], metaWith("changed_at", now()), [UNDO, undo || null]].concat(extra || []));
  }
  function storageError(e) {
    return "the browser refused to store it (" + (e && e.name === "QuotaExceededError" ? "storage is full" : String(e && e.name || e)) + ")";
  }
  function askPersist() {
    if (meta().persist) return;
    var s = navigator.storage;
    if (!s || !s.persist) { write([metaWith("persist", "unsupported")]); return; }
    s.persist().then(function (yes) { write([metaWith("persist", yes ? "granted" : "denied")]); persistLine(); }, function () {});
  }
  function setTick(id, on) {
    var p = state();
    if (on) { p.done.set(id, now()); p.undone.delete(id); } else if (p.done.has(id)) { p.done.delete(id); p.undone.set(id, now()); }
    var err = save(p);
    askPersist();
    return err;
  }

  // -- small DOM helpers -------------------------------------------------------------------------
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    (attrs || []).forEach(function (kv) { e.setAttribute(kv[0], kv[1]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function button(text, onClick, cls) {
    var b = el("button", [["type", "button"], ["class", "md-button" + (cls ? " " + cls : "")]], text);
    b.addEventListener("click", onClick);
    return b;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function when(iso) { return new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC"; }

  // Messages appear at the control that caused them: one status/alert pair, moved to the end of
  // that control's group, scrolled into view and focused (unless the user is typing).
  var msgs = null;
  function say(group, kind, text, action, keepFocus) {
    if (!msgs) {
      msgs = el("div", [["class", "sp-msgs"]]);
      msgs.appendChild(el("p", [["role", "status"], ["class", "sp-status"], ["tabindex", "-1"]]));
      msgs.appendChild(el("p", [["role", "alert"], ["class", "sp-alert"], ["tabindex", "-1"]]));
    }
    if (msgs.parentNode !== group) group.appendChild(msgs);
    var target = kind === "alert" ? msgs.lastChild : msgs.firstChild;
    msgs.firstChild.textContent = ""; msgs.lastChild.textContent = "";
    target.textContent = text;
    if (action) { target.appendChild(document.createTextNode(" ")); target.appendChild(action); }
    if (keepFocus) return;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center", behavior: "instant" });
  }
  function unsay() { if (msgs) { msgs.firstChild.textContent = ""; msgs.lastChild.textContent = ""; } }

  // -- boxes -----------------------------------------------------------------------------------
  function boxes() { return document.querySelectorAll("input[data-task-id]"); }
  function paint() {
    var p = state();
    boxes().forEach(function (b) { b.checked = p.done.has(b.dataset.taskId); });
    weekBars();
    if (data) report(p);
    reminders();
    undoLines();
    notesRefresh(p);
  }
  document.addEventListener("change", function (ev) {
    var t = ev.target;
    if (!t || !t.matches || !t.matches("input[data-task-id]")) return;
    var id = t.dataset.taskId, holder = t.closest("#sp-today"), err = setTick(id, t.checked);
    paint();
    if (holder) { // Today was redrawn: keep the focus on the same box
      var again = Array.prototype.find.call(holder.querySelectorAll("input[data-task-id]"), function (b) { return b.dataset.taskId === id; });
      if (again) again.focus();
    }
    if (err) say(t.closest("li") || document.body, "alert", "Not saved: " + storageError(err) + ".");
  });
  window.addEventListener("storage", function (ev) { if (ev.key && ev.key.indexOf(PRE) === 0) paint(); });

  function bar(label, done, total) {
    var pct = total ? Math.round(100 * done / total) : 0;
    var wrap = el("div", [["class", "sp-bar"]]);
    wrap.appendChild(el("span", [["class", "sp-bar__label"]], label + ": " + done + " of " + total + " (" + pct + "%)"));
    wrap.appendChild(el("progress", [["max", String(total || 1)], ["value", String(done)], ["aria-label", label]]));
    return wrap;
  }
  function weekBars() {
    document.querySelectorAll(".sp-week-progress").forEach(function (holder) {
      var list = document.querySelectorAll(".sp-tasks input[data-task-id]");
      var done = 0; list.forEach(function (b) { if (b.checked) done++; });
      holder.replaceChildren(bar("This week", done, list.length));
      holder.hidden = false;
    });
  }

  // -- notes and confidence ---------------------------------------------------------------------
  var noteOpen = new Map(); // task id -> open (true) or closed (false) by the reader, this page view
  function setNote(id, text) {
    var p = state();
    if (!text && !p.notes.has(id)) return null;
    p.notes.set(id, { text: text, time: now() }); // an emptied note is kept, so clearing it travels too
    return save(p);
  }
  function setRating(id, value) {
    var p = state();
    if (value) p.confidence.set(id, { value: Number(value), time: now() }); else p.confidence.delete(id);
    return save(p);
  }
  function noteControls(li, id, prefix, labelId) {
    if (li.querySelector(".sp-note-btn")) return;
    var base = prefix + id + "-note", p = state(), btn = el("button", [["type", "button"], ["class", "sp-note-btn"],
      ["aria-expanded", "false"], ["aria-controls", base], ["aria-describedby", labelId]]);
    var panel = el("div", [["class", "sp-note"], ["id", base]]);
    li.appendChild(document.createTextNode(" ")); li.appendChild(btn); li.appendChild(panel);
    function show(open) {
      var q = state(), has = !!(q.notes.get(id) || {}).text;
      if (open && !panel.firstChild) build();
      panel.hidden = !open;
      btn.setAttribute("aria-expanded", String(open));
      btn.textContent = open ? "Hide note" : has ? "Show note" : "Add note";
    }
    function build() {
      var q = state(), ta = el("textarea", [["id", base + "-text"], ["rows", "3"], ["aria-describedby", labelId]]);
      var sel = el("select", [["id", base + "-conf"], ["aria-describedby", labelId]]);
      sel.appendChild(el("option", [["value", ""]], "Not rated"));
      ["1 (shaky)", "2", "3", "4", "5 (solid)"].forEach(function (t, i) { sel.appendChild(el("option", [["value", String(i + 1)]], t)); });
      ta.value = (q.notes.get(id) || {}).text || "";
      sel.value = q.confidence.has(id) ? String(q.confidence.get(id).value) : "";
      var row = el("p", [["class", "sp-note__row"]]);
      row.appendChild(el("label", [["for", base + "-text"]], "Note"));
      row.appendChild(ta);
      var row2 = el("p", [["class", "sp-note__row"]]);
      row2.appendChild(el("label", [["for", base + "-conf"]], "Confidence"));
      row2.appendChild(sel);
      panel.appendChild(row); panel.appendChild(row2);
      ta.addEventListener("input", function () {
        if (ta.value.length > MAX_NOTE) return say(panel, "alert", "Note not saved: it has " + ta.value.length.toLocaleString("en") +
          " characters; a note can have up to 9,999.", null, true);
        var err = setNote(id, ta.value);
        if (err) say(panel, "alert", "Note not saved: " + storageError(err) + ".", null, true); else if (msgs && msgs.parentNode === panel) unsay();
      });
      sel.addEventListener("change", function () {
        var err = setRating(id, sel.value);
        say(panel, err ? "alert" : "status", err ? "Confidence not saved: " + storageError(err) + "." : sel.value ? "Confidence " + sel.value + " saved." : "Confidence cleared.", null, true);
      });
    }
    btn.addEventListener("click", function () {
      var open = panel.hidden;
      noteOpen.set(id, open); show(open);
      if (open) panel.querySelector("textarea").focus();
    });
    var has = !!(p.notes.get(id) || {}).text || p.confidence.has(id);
    show(noteOpen.has(id) ? noteOpen.get(id) : has);
  }
  function notesRefresh(p) { // another tab changed them: show the stored text unless the reader is typing there
    document.querySelectorAll(".sp-note textarea").forEach(function (ta) {
      var id = ta.closest("li").querySelector("input[data-task-id]").dataset.taskId;
      if (ta !== document.activeElement) ta.value = (p.notes.get(id) || {}).text || "";
    });
  }
  function weekNotes() {
    if (!document.querySelector(".sp-week-progress")) return;
    document.querySelectorAll(".sp-tasks li.sp-item").forEach(function (li) {
      var b = li.querySelector("input[data-task-id]");
      if (b) noteControls(li, b.dataset.taskId, "sp-w-", b.getAttribute("aria-labelledby"));
    });
  }

  // -- plan data (Progress page and home) --------------------------------------------------------
  var data = null;
  function mapOf(o) { var m = new Map(); Object.keys(o).forEach(function (k) { m.set(k, o[k]); }); return m; }
  function readData() {
    var node = document.getElementById("sp-data");
    if (!node) { data = null; return; }
    var d = JSON.parse(node.textContent);
    data = { tasks: d.tasks, milestones: d.milestones, phases: d.phases, blocks: d.blocks, weekend: d.weekend,
      default_pace: String(d.default_pace), weeks: mapOf(d.weeks), known: new Set(Object.keys(d.known)), paces: new Map(),
      weekOrder: [].concat.apply([], d.phases.map(function (p) { return p.weeks; })) };
    Object.keys(d.paces).forEach(function (k) {
      var P = d.paces[k];
      data.paces.set(k, { days: P.days, task_days: mapOf(P.task_days), milestone_days: mapOf(P.milestone_days),
        week_ranges: mapOf(P.week_ranges), block_minutes: P.block_minutes, weekend_minutes: P.weekend_minutes });
    });
  }
  function pace() {
    var p = String(settings().pace || data.default_pace);
    return data.paces.has(p) ? p : data.default_pace;
  }
  function today() { var n = new Date(); return new Date(Date.UTC(n.getFullYear(), n.getMonth(), n.getDate())); }
  function fmt(d) { return d.toISOString().slice(0, 10); }
  function addDays(d, n) { return new Date(d.getTime() + n * DAY); }
  function weekAt(P, day) {
    return data.weekOrder.find(function (w) { var r = P.week_ranges.get(w); return r[0] <= day && day <= r[1]; });
  }

  // The same report as `studyplan progress` (generator/report.py).
  function compute(p) {
    var P = data.paces.get(pace()), done = p.done, start = parseDate(settings().start_date);
    var has = function (i) { return done.has(i); };
    var r = { pace: P, start: start, total: data.tasks.length, done: 0, phases: [], weeks: [], milestones: [] };
    data.tasks.forEach(function (t) { if (done.has(t.id)) r.done++; });
    data.phases.forEach(function (ph) {
      var ids = []; ph.weeks.forEach(function (w) { ids = ids.concat(data.weeks.get(w).tasks); });
      r.phases.push({ title: "Phase " + ph.number + ": " + ph.title, done: ids.filter(has).length, total: ids.length });
    });
    data.weekOrder.forEach(function (w) {
      var wk = data.weeks.get(w);
      r.weeks.push({ title: "Week " + wk.number + ": " + wk.title, done: wk.tasks.filter(has).length, total: wk.tasks.length });
    });
    r.unknown = Array.from(done.keys()).filter(function (i) { return !data.known.has(i); }).length;
    if (!start) return r;
    var t = today();
    r.today = t;
    r.day = Math.round((t - start) / DAY) + 1;
    var dayCap = Math.min(Math.max(r.day, 0), P.days);
    r.expected = data.tasks.filter(function (x) { return P.task_days.get(x.id) <= dayCap; }).length;
    r.overdue = data.tasks.filter(function (x) { return P.task_days.get(x.id) < r.day && !done.has(x.id); });
    r.todays = data.tasks.filter(function (x) { return P.task_days.get(x.id) === r.day; });
    data.milestones.forEach(function (m) {
      var md = P.milestone_days.get(m.id), date = addDays(start, md - 1);
      r.milestones.push({ m: m, day: md, date: date, status: done.has(m.id) ? "done" : (date < t ? "overdue" : "due") });
    });
    var elapsed = Math.max(1, Math.min(r.day, P.days));
    if (r.done >= r.total) r.finish = "all tasks done";
    else if (r.day < 1 || r.done === 0) r.finish = null;
    else r.finish = fmt(addDays(t, Math.ceil((r.total - r.done) / (r.done / elapsed))));
    return r;
  }

  function taskItem(t, prefix, p) {
    var li = el("li", [["class", "task-list-item"]]);
    var label = el("label", [["class", "task-list-control"]]);
    var input = el("input", [["type", "checkbox"], ["data-task-id", t.id], ["aria-labelledby", prefix + t.id]]);
    input.checked = p.done.has(t.id);
    label.appendChild(input); label.appendChild(el("span", [["class", "task-list-indicator"]]));
    label.appendChild(document.createTextNode(" "));
    label.appendChild(el("span", [["id", prefix + t.id]], t.text));
    li.appendChild(label);
    li.appendChild(el("span", [["class", "sp-meta"]], " (week " + data.weeks.get(t.week).number + ", day " + data.paces.get(pace()).task_days.get(t.id) + ")"));
    noteControls(li, t.id, prefix, prefix + t.id);
    return li;
  }
  function list(items, prefix, empty, p) {
    if (!items.length) return el("p", [], empty);
    var ul = el("ul", [["class", "task-list sp-tasks"]]);
    items.forEach(function (t) { ul.appendChild(taskItem(t, prefix, p)); });
    return ul;
  }
  function todayView(r, holder, p) {
    holder.replaceChildren();
    if (!r.start) { holder.hidden = true; return; }
    holder.hidden = false;
    var P = r.pace;
    holder.appendChild(el("h2", [], "Today"));
    if (r.day < 1) { holder.appendChild(el("p", [], "Your plan starts on " + fmt(r.start) + " (in " + (1 - r.day) + " days).")); return; }
    if (r.day > P.days) { holder.appendChild(el("p", [], "Your " + P.days + "-day plan ended on " + fmt(addDays(r.start, P.days - 1)) + ".")); }
    else {
      var weekend = r.today.getUTCDay() === 0 || r.today.getUTCDay() === 6, w = weekAt(P, r.day);
      holder.appendChild(el("p", [["class", "sp-day"]], "Day " + r.day + " of " + P.days + " (" + fmt(r.today) + "): " +
        (w ? "Week " + data.weeks.get(w).number + ": " + data.weeks.get(w).title : "")));
      var ul = el("ul");
      if (weekend) ul.appendChild(el("li", [], "Weekend intensive: " + data.weekend.join("; ") + " (" + Math.round(P.weekend_minutes / 2) + " min today)"));
      else data.blocks.forEach(function (b, i) { ul.appendChild(el("li", [], b + " (" + P.block_minutes[i] + " min)")); });
      holder.appendChild(ul);
    }
    holder.appendChild(el("h3", [], "Scheduled today"));
    holder.appendChild(list(r.todays, "sp-today-", "No new task today: keep working on this week's checklist.", p));
    holder.appendChild(el("h3", [], "Overdue"));
    holder.appendChild(list(r.overdue, "sp-overdue-", "Nothing overdue.", p));
  }

  // Burn-up: expected tasks by day against ticks over time (generator/pictures.py draws the same).
  var SVGNS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    attrs.forEach(function (kv) { e.setAttribute(kv[0], kv[1]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Frame and text size as in generator/pictures.py (BU_*): the whole plan, day 0 to its last day.
  function burnup(r, p) {
    var P = r.pace, W = 400, H = 250, L = 40, R = 14, T = 18, B = 46, total = Math.max(1, r.total);
    var axisY = H - B, end;
    var sx = function (d) { return (L + d / P.days * (W - L - R)).toFixed(2); };
    var sy = function (n) { return (axisY - n / total * (axisY - T)).toFixed(2); };
    var exp = [], act = [], ticks = [];
    data.tasks.forEach(function (t) { if (p.done.has(t.id)) ticks.push(Math.max(1, Math.floor((Date.parse(p.done.get(t.id).slice(0, 10)) - r.start) / DAY) + 1)); });
    var last = Math.min(P.days, Math.max(0, r.day));
    for (var d = 0; d <= P.days; d++) {
      exp.push(sx(d) + " " + sy(data.tasks.filter(function (t) { return P.task_days.get(t.id) <= d; }).length));
      if (d <= last) act.push(sx(d) + " " + sy(ticks.filter(function (x) { return x <= d; }).length));
    }
    end = sx(P.days);
    var root = svg("svg", [["class", "sp-burnup"], ["viewBox", "0 0 " + W + " " + H], ["role", "img"], ["aria-labelledby", "sp-bu-title sp-bu-desc"], ["font-size", "13"]]);
    root.appendChild(svg("title", [["id", "sp-bu-title"]], "Tasks done against the plan"));
    root.appendChild(svg("desc", [["id", "sp-bu-desc"]], "Expected: " + r.total + " tasks over " + P.days + " days. Done: " + r.done + " by day " + r.day + "."));
    root.appendChild(svg("path", [["class", "sp-bu-axis"], ["d", "M" + L + " " + T + " V" + axisY + " H" + end]]));
    root.appendChild(svg("path", [["class", "sp-bu-expected"], ["d", "M" + exp.join(" L")]]));
    if (act.length > 1) root.appendChild(svg("path", [["class", "sp-bu-actual"], ["d", "M" + act.join(" L")]]));
    data.milestones.forEach(function (m) {
      var md = P.milestone_days.get(m.id), g = svg("g", [["class", "sp-bu-milestone"], ["data-day", md]]);
      g.appendChild(svg("title", [], m.title + ": day " + md));
      g.appendChild(svg("path", [["d", "M" + sx(md) + " " + axisY + " l4 7 h-8 z"]]));
      root.appendChild(g);
    });
    if (r.day >= 1 && r.day <= P.days) {
      var g = svg("g", [["class", "sp-bu-today"], ["data-day", r.day]]);
      g.appendChild(svg("title", [], "Today: day " + r.day));
      g.appendChild(svg("path", [["d", "M" + sx(r.day) + " " + T + " V" + axisY]]));
      g.appendChild(svg("text", [["x", Math.min(Math.max(+sx(r.day), L + 20), W - R - 20).toFixed(2)], ["y", T - 5], ["text-anchor", "middle"]], "today"));
      root.appendChild(g);
    }
    [[L - 4, (+sy(total) + 4).toFixed(2), String(r.total), "end"], [L - 4, axisY + 4, "0", "end"], [L, axisY + 22, "start", "start"],
      [end, axisY + 22, "day " + P.days, "end"], [L, H - 6, "dashed: expected by the plan; solid: done", "start"]].forEach(function (t) {
      root.appendChild(svg("text", [["class", "sp-bu-label"], ["x", t[0]], ["y", t[1]], ["text-anchor", t[3]]], t[2]));
    });
    // It may scroll sideways on a narrow screen: reachable by keyboard then.
    var fig = el("div", [["class", "sp-figure"], ["tabindex", "0"], ["role", "group"], ["aria-label", "Burn-up chart"]]); fig.appendChild(root);
    return fig;
  }

  function report(p) {
    var r = compute(p);
    var todayBox = document.getElementById("sp-today");
    if (todayBox) todayView(r, todayBox, p);
    var out = document.getElementById("sp-report");
    if (!out) return;
    out.replaceChildren();
    if (r.start) {
      var diff = r.done - r.expected;
      out.appendChild(el("p", [["class", "sp-day"]], r.day < 1 ? "The plan starts on " + fmt(r.start) + "." :
        "Day " + Math.min(r.day, r.pace.days) + " of " + r.pace.days + " (" + r.pace.days + "-day pace, started " + fmt(r.start) + ")."));
      out.appendChild(el("p", [], "Expected by today: " + r.expected + " tasks. Done: " + r.done + ". " +
        (diff === 0 ? "On track." : plural(Math.abs(diff), "task") + (diff > 0 ? " ahead of the plan." : " behind the plan."))));
      out.appendChild(el("p", [], "Projected finish: " + (r.finish || "not enough ticks yet to project") +
        "; the plan ends " + fmt(addDays(r.start, r.pace.days - 1)) + "."));
      out.appendChild(burnup(r, p));
    } else {
      out.appendChild(el("p", [], "Set your start date above to see the day of the plan, what is due and whether you are on track."));
    }
    out.appendChild(el("h2", [], "Progress"));
    out.appendChild(bar("Overall", r.done, r.total));
    r.phases.forEach(function (x) { out.appendChild(bar(x.title, x.done, x.total)); });
    var det = el("details"); det.appendChild(el("summary", [], "Per week"));
    r.weeks.forEach(function (w) { det.appendChild(bar(w.title, w.done, w.total)); });
    out.appendChild(det);
    if (r.milestones.length) {
      out.appendChild(el("h2", [], "Milestones"));
      var table = el("table"), head = el("tr"), thead = el("thead"), tbody = el("tbody");
      ["Milestone", "Day", "Date", "Status"].forEach(function (h) { head.appendChild(el("th", [["scope", "col"]], h)); });
      thead.appendChild(head); table.appendChild(thead);
      r.milestones.forEach(function (x) {
        var tr = el("tr");
        [x.m.title, String(x.day), fmt(x.date), x.status].forEach(function (c) { tr.appendChild(el("td", [], c)); });
        tbody.appendChild(tr);
      });
      table.appendChild(tbody); out.appendChild(table);
    }
    if (r.unknown) out.appendChild(el("p", [["class", "sp-meta"]], r.unknown + " ticked id(s) are not in this plan; they are kept."));
  }

  // -- keep a copy: persistent storage, export reminder --------------------------------------------
  function persistLine() {
    var line = document.getElementById("sp-persist");
    if (!line) return;
    var asked = meta().persist, s = navigator.storage;
    function put(yes) {
      line.textContent = yes ? "Storage: persistent. This browser keeps your progress until you clear its site data; export a copy to move it." :
        asked === "unsupported" ? "Storage: this browser cannot keep your progress persistently; export a copy now and then." :
        asked ? "Storage: not persistent (the browser declined). It may clear your progress after weeks without a visit; export a copy now and then." :
        "Storage: on your first tick this page asks the browser to keep your progress persistently.";
    }
    if (s && s.persisted) s.persisted().then(put, function () { put(false); }); else put(false);
  }
  function reminderText() {
    var m = meta(), p = state(), last = isTime(m.exported_at) ? Date.parse(m.exported_at) : null;
    var changed = isTime(m.changed_at) ? Date.parse(m.changed_at) : (p.done.size || p.notes.size ? 0 : null);
    if (changed === null || (last !== null && (changed <= last || Date.now() - last <= REMIND_DAYS * DAY))) return "";
    return last === null ? "Keep a copy: your progress is only in this browser and has never been exported." :
      "Keep a copy: your progress changed since your last export, " + plural(Math.floor((Date.now() - last) / DAY), "day") + " ago.";
  }
  function reminders() {
    var text = reminderText();
    document.querySelectorAll(".sp-remind").forEach(function (line) {
      line.replaceChildren(document.createTextNode(text));
      if (text && line.dataset.button) line.appendChild(button("Export progress", function () { exportProgress(line.parentNode); }, "sp-small"));
      line.hidden = !text;
    });
  }
  function download(name, type, text) {
    var a = el("a", [["download", name], ["href", URL.createObjectURL(new Blob([text], { type: type }))]]);
    document.body.appendChild(a); a.click(); a.remove();
  }
  function exportJson(p, at) {
    var st = settings(), o = { format: "studyplan-progress", version: 1, plan: PLAN, exported_at: at,
      start_date: st.start_date || null, pace: Number(pace()) };
    var body = plain(p);
    Object.keys(body).forEach(function (k) { o[k] = body[k]; });
    return JSON.stringify(o, null, 2) + "\n";
  }
  function exportProgress(group) {
    var p = state(), at = now();
    download("progress.json", "application/json", exportJson(p, at));
    var err = write([metaWith("exported_at", at)]);
    reminders();
    say(group, "status", "Exported progress.json: " + plural(p.done.size, "tick") + ", " + plural(Array.from(p.notes.values()).filter(function (n) { return n.text; }).length, "note") +
      ". Keep it somewhere safe; Import progress reads it back." + (err ? " (The export time could not be recorded: " + storageError(err) + ".)" : ""));
  }
  function csv(v, formula) {
    v = String(v);
    if (formula && /^[=+\-@\t\r]/.test(v)) v = "'" + v; // a note is never run as a spreadsheet formula
    return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function exportCsv() {
    var p = state(), P = data.paces.get(pace()), rows = [["id", "week", "day", "text", "done at", "confidence", "note"]];
    function row(id, week, day, text) {
      var c = p.confidence.get(id), n = p.notes.get(id);
      rows.push([id, week, day, text, p.done.get(id) || "", c ? c.value : "", n ? n.text : ""]);
    }
    data.tasks.forEach(function (t) { row(t.id, data.weeks.get(t.week).number, P.task_days.get(t.id), t.text); });
    data.milestones.forEach(function (m) {
      var day = P.milestone_days.get(m.id), w = weekAt(P, day);
      row(m.id, w ? data.weeks.get(w).number : "", day, "Milestone: " + m.title);
    });
    return rows.map(function (r) { return r.map(function (v, i) { return csv(v, i === 6); }).join(","); }).join("\r\n") + "\r\n";
  }

  // -- import: merge or replace ----------------------------------------------------------------
  function merge(a, b) {
    var ev = new Map(), out = empty();
    [a, b].forEach(function (side) {
      side.done.forEach(function (t, i) { var c = ev.get(i), x = Date.parse(t); if (!c || x > c.x) ev.set(i, { x: x, on: true, t: t }); });
      side.undone.forEach(function (t, i) { var c = ev.get(i), x = Date.parse(t); if (!c || x > c.x || (x === c.x && c.on)) ev.set(i, { x: x, on: false, t: t }); });
    });
    ev.forEach(function (e, i) { (e.on ? out.done : out.undone).set(i, e.t); });
    ["notes", "confidence"].forEach(function (k) {
      out[k] = new Map(a[k]);
      b[k].forEach(function (v, i) { var c = out[k].get(i); if (!c || Date.parse(v.time) > Date.parse(c.time)) out[k].set(i, v); });
    });
    out.timezone = a.timezone != null ? a.timezone : b.timezone;
    out.replans = a.replans !== undefined ? a.replans : b.replans;
    return out;
  }
  function count(m, other) { var n = 0; m.forEach(function (v, i) { if (!other.has(i) || other.get(i) !== v) n++; }); return n; }
  var pending = null;
  function fileGroup() { return document.getElementById("sp-file"); }
  function choice(r) {
    pending = r;
    var box = document.getElementById("sp-choice"), p = r.p, title = box.querySelector("#sp-choice-title");
    var unknown = r.unknown = Array.from(p.done.keys()).filter(function (i) { return !data.known.has(i); }).length;
    title.textContent = "This file holds " + plural(p.done.size, "tick") + ", " + plural(p.undone.size, "untick") + ", " +
      plural(p.notes.size, "note") + " and " + plural(p.confidence.size, "confidence rating") +
      (unknown ? " (" + unknown + " ticked id(s) not in this plan, kept)" : "") +
      "; " + (r.exported_at ? "exported " + when(r.exported_at) : "no export time") + ".";
    box.hidden = false;
    unsay();
    title.focus({ preventScroll: true });
    box.scrollIntoView({ block: "center", behavior: "instant" });
  }
  function closeChoice() { document.getElementById("sp-choice").hidden = true; }
  function importSettings(r, st, always) {
    if (r.start_date && (always || !st.start_date)) st.start_date = r.start_date;
    if (r.pace && (always || !st.pace)) st.pace = r.pace;
    return [SETTINGS, JSON.stringify(st)];
  }
  function doMerge() {
    var r = pending, before = state(), after = merge(before, r.p), f = r.p;
    var added = Array.from(after.done.keys()).filter(function (i) { return !before.done.has(i); }).length, unticked = Array.from(before.done.keys()).filter(function (i) { return !after.done.has(i); }).length;
    var older = Array.from(f.done.keys()).filter(function (i) { return !after.done.has(i) && before.undone.has(i) && after.undone.get(i) === before.undone.get(i); }).length;
    var notes = count(after.notes, before.notes), rated = count(after.confidence, before.confidence);
    var err = save(after, null, [importSettings(r, settings(), false)]);
    if (err) return say(fileGroup(), "alert", "Not imported: " + storageError(err) + ". Nothing changed.");
    closeChoice(); paint(); showSettings();
    var text = "Merged: " + plural(added, "tick") + " added, " + plural(unticked, "untick") + " applied, " +
      plural(notes, "note") + " and " + plural(rated, "confidence rating") + " updated" +
      (r.unknown ? ", " + r.unknown + " id(s) not in this plan kept." : ".");
    if (older) {
      say(fileGroup(), "status", text + " Your reset (or untick) in this browser is newer than " + plural(older, "tick") +
        " in the file, so Merge left those boxes unticked. To get the file's ticks back, replace your progress with the file (you can undo that):",
        button("Replace", doReplace, "md-button--primary"));
    } else { pending = null; say(fileGroup(), "status", text); }
  }
  function doReplace() {
    var r = pending, p = r.p;
    var err = save(p, snapshot("replace", "your progress replaced by a file"), [importSettings(r, settings(), true)]);
    if (err) return say(fileGroup(), "alert", "Not imported: " + storageError(err) + ". Nothing changed.");
    pending = null;
    closeChoice(); paint(); showSettings();
    say(fileGroup(), "status", "Replaced: your progress is now the file's: " + plural(p.done.size, "tick") + ", " + plural(p.notes.size, "note") +
      ", " + plural(p.confidence.size, "confidence rating") + ". What was here is kept until your next change: Undo replace brings it back.");
  }
  function importFile(f) {
    closeChoice();
    if (f.size > MAX_FILE) return say(fileGroup(), "alert", "Not imported: the file is " + (f.size / 1e6).toFixed(1) + " MB; a progress file can be up to 5 MB. Nothing changed.");
    f.text().then(function (text) {
      try { choice(parseFile(text)); } catch (e) {
        if (!(e instanceof Problem)) throw e;
        say(fileGroup(), "alert", "Not imported: " + e.path + ": " + e.msg + ". Nothing changed.");
      }
    });
  }

  // -- reset and undo ----------------------------------------------------------------------------
  function resetIds(scope, p) {
    if (scope === "all") return Array.from(p.done.keys());
    var wk = data.weeks.get(scope), P = data.paces.get(pace()), range = P.week_ranges.get(scope);
    if (!wk) return [];
    return wk.tasks.concat(data.milestones.filter(function (m) {
      var d = P.milestone_days.get(m.id); return range[0] <= d && d <= range[1];
    }).map(function (m) { return m.id; }));
  }
  function undoLines() {
    var s = readJson(UNDO);
    document.querySelectorAll(".sp-undo").forEach(function (line) {
      var on = !!s && s.kind === line.dataset.kind;
      line.hidden = !on;
      if (on) line.firstChild.textContent = (s.kind === "reset" ? "Reset " : "Replaced ") + (isTime(s.at) ? when(s.at) : "") + ": " + String(s.what) + ". ";
    });
  }
  function undo(group) {
    var s = readJson(UNDO);
    if (!s) return say(group, "alert", "Nothing to undo: a change was made since.");
    var str = function (v) { return typeof v === "string" ? v : null; };
    var pairs = [[KEY, str(s.progress)], [UNDO, null], metaWith("changed_at", now())];
    if (s.kind === "replace") pairs.push([SETTINGS, str(s.settings)]); // a reset never changed the settings
    var err = write(pairs);
    if (err) return say(group, "alert", "Not undone: " + storageError(err) + ".");
    paint(); showSettings();
    say(group, "status", (s.kind === "reset" ? "Reset undone: " : "Replace undone: ") + plural(state().done.size, "tick") + " restored, as before.");
  }
  function showSettings() {
    var st = settings(), s = document.getElementById("sp-start"), p = document.getElementById("sp-pace");
    if (s) s.value = st.start_date || "";
    if (p) p.value = pace();
  }
  function controls() {
    var root = document.getElementById("sp-progress");
    if (!root) return;
    root.hidden = false;
    showSettings();
    persistLine();
    var form = document.getElementById("sp-settings"), files = fileGroup(), resets = document.getElementById("sp-reset");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var v = document.getElementById("sp-start").value;
      if (v && !isStart(v)) return say(form, "alert", "Start date: expected a date like 2027-01-04.");
      var err = write([[SETTINGS, JSON.stringify({ start_date: v || null, pace: Number(document.getElementById("sp-pace").value) })]]);
      if (err) return say(form, "alert", "Not saved: " + storageError(err) + ".");
      paint();
      say(form, "status", v ? "Saved: start " + v + ", " + pace() + "-day pace." : "Saved: no start date.");
    });
    function on(sel, fn) { root.querySelector(sel).addEventListener("click", fn); }
    on("[data-action=export]", function () { exportProgress(files); });
    on("[data-action=csv]", function () { download("progress.csv", "text/csv", exportCsv()); say(files, "status", "Exported progress.csv."); });
    var file = document.getElementById("sp-import-file");
    on("[data-action=import]", function () { file.click(); });
    file.addEventListener("change", function () { var f = file.files[0]; file.value = ""; if (f) importFile(f); });
    on("[data-action=merge]", doMerge);
    on("[data-action=replace]", doReplace);
    on("[data-action=cancel-import]", function () { pending = null; closeChoice(); say(files, "status", "Import cancelled. Nothing changed."); });
    root.querySelectorAll("[data-action=undo]").forEach(function (b) { b.addEventListener("click", function () { undo(b.closest(".sp-group")); }); });
    var confirmBox = document.getElementById("sp-confirm");
    on("[data-action=reset]", function () {
      var scope = document.getElementById("sp-reset-scope").value, p = state();
      var n = resetIds(scope, p).filter(function (i) { return p.done.has(i); }).length;
      confirmBox.querySelector("p").textContent = n ? "Untick " + n + " box(es) of " + (scope === "all" ? "the whole plan" : data.weeks.get(scope).title) +
        "? Undo reset brings them back until your next change." : "Nothing to reset there.";
      confirmBox.querySelector("[data-action=confirm]").hidden = !n;
      confirmBox.hidden = false;
      unsay();
      confirmBox.querySelector(n ? "[data-action=confirm]" : "[data-action=cancel]").focus();
    });
    on("[data-action=confirm]", function () {
      var scope = document.getElementById("sp-reset-scope").value, p = state(), n = 0, t = now();
      resetIds(scope, p).forEach(function (i) { if (p.done.has(i)) { p.done.delete(i); p.undone.set(i, t); n++; } });
      var err = save(p, snapshot("reset", n + " box(es) unticked"));
      confirmBox.hidden = true;
      if (err) return say(resets, "alert", "Not reset: " + storageError(err) + ". Nothing changed.");
      paint();
      say(resets, "status", "Reset: " + n + " box(es) unticked. Undo reset brings them back until your next change.");
    });
    on("[data-action=cancel]", function () { confirmBox.hidden = true; say(resets, "status", "Reset cancelled."); });
  }

  // Home: the export reminder sits just above Today (the Progress page has its own, at the file controls).
  function homeReminder() {
    var t = document.getElementById("sp-today");
    if (!t || t.closest("#sp-progress") || document.querySelector(".sp-remind")) return;
    var g = el("div", [["class", "sp-group sp-remind-home"]]), line = el("p", [["class", "sp-remind"], ["data-button", "1"]]);
    g.appendChild(line); t.parentNode.insertBefore(g, t);
  }
  function init() { readData(); homeReminder(); weekNotes(); paint(); controls(); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
