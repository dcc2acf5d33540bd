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
    try { f = JSON.parse(text); } catch (e) { throw new Problem("file", "not valid JSON (" + clip(e.message) + ")"); }
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
    if (f.replans !== undefined) {
      need(Array.isArray(f.replans), "replans", "a list of {on, mode, days}", f.replans);
      p.replans = f.replans.map(function (r, i) { return replan(r, "replans[" + i + "]"); });
    }
    return { p: p, exported_at: f.exported_at || null, start_date: f.start_date || null, pace: f.pace || null, timezone: f.timezone || null };
  }

  // -- storage ---------------------------------------------------------------------------------
  function empty() { return { done: new Map(), undone: new Map(), notes: new Map(), confidence: new Map() }; }
  // Storage can fail on every access: turned off for the site (SecurityError as soon as the
  // page touches localStorage), a private window that stores nothing, full (QuotaExceededError).
  // Reads then give nothing (`down` keeps why, for the messages); writes return the error.
  var down = null;
  function raw(key) {
    try { var v = localStorage.getItem(key); down = null; return v; } catch (e) { down = e; return null; }
  }
  function readJson(key) {
    try { var v = JSON.parse(raw(key)); return isObj(v) ? v : null; } catch (e) { return null; }
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
  // What was there is read first: if even that fails nothing is written.
  function write(pairs) {
    var old, done = 0;
    function put(k, v) { if (v === null) localStorage.removeItem(k); else localStorage.setItem(k, v); }
    try { old = pairs.map(function (kv) { return localStorage.getItem(kv[0]); }); } catch (e) { down = e; return e; }
    try { pairs.forEach(function (kv) { put(kv[0], kv[1]); done++; }); down = null; return null; } catch (e) {
      pairs.slice(0, done + 1).forEach(function (kv, i) { try { put(kv[0], old[i]); } catch (e2) { /* nothing more to do */ } });
      return e;
    }
  }
  function metaWith(k, v) { var m = meta(); m[k] = v; return [META, JSON.stringify(m)]; }
  function snapshot(kind, what) {
    return JSON.stringify({ kind: kind, at: now(), what: what, progress: raw(KEY), settings: raw(SETTINGS) });
  }
  // Saving progress is a change: it ends what "Undo" could restore, unless it sets a new snapshot.
  function save(p, undo, extra) {
    return write([[KEY, JSON.stringify(plain(p))], metaWith("changed_at", now()), [UNDO, undo || null]].concat(extra || []));
  }
  function storageError(e) {
    var name = e && e.name;
    if (name === "QuotaExceededError") return "the browser refused to store it (storage is full)";
    if (name === "SecurityError" || name === "TypeError" || name === "ReferenceError") return "the browser does not let this site store anything (its site data is blocked, or this is a private window): your progress cannot be kept here; export it to keep it";
    return "the browser refused to store it (" + clip(String(name || e)) + ")";
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
  // An element: `attrs` is its class or an object of attributes; the arguments after it (or
  // lists of them) are its children, and a string among them is a text node (never markup).
  function fill(e, attrs, kids) {
    if (typeof attrs === "string") attrs = { "class": attrs };
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    e.append.apply(e, [].concat.apply([], [].slice.call(kids, 2)));
    return e;
  }
  function el(tag, attrs) { return fill(document.createElement(tag), attrs, arguments); }
  function svg(tag, attrs) { return fill(document.createElementNS("http://www.w3.org/2000/svg", tag), attrs, arguments); }
  function button(text, onClick, cls) {
    var b = el("button", { type: "button", "class": "md-button" + (cls ? " " + cls : "") }, text);
    b.addEventListener("click", onClick);
    return b;
  }
  function clone(id) { return document.getElementById(id).content.firstElementChild.cloneNode(true); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function when(iso) { return new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC"; }

  // Messages appear at the control that caused them: one status/alert pair, moved to the end of
  // that control's group, scrolled into view and focused (while the user types: only scrolled, as little as needed).
  var msgs = null;
  function say(group, kind, text, action, keepFocus) {
    if (!msgs) {
      msgs = el("div", "sp-msgs", el("p", { role: "status", "class": "sp-status", tabindex: "-1" }),
        el("p", { role: "alert", "class": "sp-alert", tabindex: "-1" }));
    }
    if (msgs.parentNode !== group) group.appendChild(msgs);
    var target = kind === "alert" ? msgs.lastChild : msgs.firstChild;
    msgs.firstChild.textContent = ""; msgs.lastChild.textContent = "";
    target.textContent = text;
    if (action) target.append(" ", action);
    if (keepFocus) return target.scrollIntoView({ block: "nearest", behavior: "instant" }); // in view, the reader still typing
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
    pageDates();
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
    return el("div", "sp-bar", el("span", "sp-bar__label", label + ": " + done + " of " + total + " (" + pct + "%)"),
      el("progress", { max: String(total || 1), value: String(done), "aria-label": label }));
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
    var base = prefix + id + "-note", p = state(), described = { "aria-describedby": labelId };
    var btn = el("button", { type: "button", "class": "sp-note-btn", "aria-expanded": "false", "aria-controls": base, "aria-describedby": labelId });
    var panel = el("div", { "class": "sp-note", id: base });
    li.append(" ", btn, panel);
    function show(open) {
      var q = state(), has = !!(q.notes.get(id) || {}).text;
      if (open && !panel.firstChild) build();
      panel.hidden = !open;
      btn.setAttribute("aria-expanded", String(open));
      btn.textContent = open ? "Hide note" : has ? "Show note" : "Add note";
    }
    function build() {
      var q = state(), ta = el("textarea", described), sel = el("select", described, el("option", { value: "" }, "Not rated"));
      ["1 (shaky)", "2", "3", "4", "5 (solid)"].forEach(function (t, i) { sel.append(el("option", { value: String(i + 1) }, t)); });
      ta.rows = 3;
      ta.value = (q.notes.get(id) || {}).text || "";
      ta.dataset.time = (q.notes.get(id) || {}).time || ""; // the stored note this text starts from
      sel.value = q.confidence.has(id) ? String(q.confidence.get(id).value) : "";
      [["Note", ta, "-text"], ["Confidence", sel, "-conf"]].forEach(function (f) {
        f[1].id = base + f[2];
        panel.append(el("p", "sp-note__row", el("label", { "for": f[1].id }, f[0]), f[1]));
      });
      ta.addEventListener("input", function () {
        if (ta.value.length > MAX_NOTE) return say(panel, "alert", "Note not saved: it has " + ta.value.length.toLocaleString("en") +
          " characters; a note can have up to 9,999.", null, true);
        var theirs = state().notes.get(id);
        if ((theirs ? theirs.time : "") !== ta.dataset.time) { // another tab saved this note while the reader typed: theirs is not overwritten unasked
          ta.dataset.time = theirs ? theirs.time : "";
          return say(panel, "alert", "Note not saved: another tab changed this note while you typed; it now reads " + shown(theirs ? theirs.text : "") +
            ". Your text is still here: type again to save it over that.", null, true);
        }
        var err = setNote(id, ta.value);
        if (!err) ta.dataset.time = (state().notes.get(id) || {}).time || "";
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
      if (ta !== document.activeElement) { ta.value = (p.notes.get(id) || {}).text || ""; ta.dataset.time = (p.notes.get(id) || {}).time || ""; }
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
    var node = document.getElementById("sp-data"), d = node ? JSON.parse(node.textContent) : window.STUDYPLAN_DATA;
    if (!d) { data = null; return; }
    data = { tasks: d.tasks, milestones: d.milestones, phases: d.phases, blocks: d.blocks, weekend: d.weekend,
      default_pace: String(d.default_pace), block_info: d.block_info, zone: d.settings.timezone, weeks: mapOf(d.weeks), known: new Set(Object.keys(d.known)), paces: new Map(),
      weekOrder: [].concat.apply([], d.phases.map(function (p) { return p.weeks; })) };
    Object.keys(d.paces).forEach(function (k) {
      var P = d.paces[k];
      data.paces.set(k, { days: P.days, task_days: mapOf(P.task_days), milestone_days: mapOf(P.milestone_days),
        week_ranges: mapOf(P.week_ranges), phase_ranges: mapOf(P.phase_ranges), block_minutes: P.block_minutes, weekend_minutes: P.weekend_minutes });
    });
  }
  function pace() {
    var p = String(settings().pace || data.default_pace);
    return data.paces.has(p) ? p : data.default_pace;
  }
  function today() {
    var n = new Date(), z = settings().timezone;
    try { if (z) return parseDate(new Intl.DateTimeFormat("en-CA", { timeZone: z, year: "numeric", month: "2-digit", day: "2-digit" }).format(n)); } catch (e) { /* unknown zone: local */ }
    return new Date(Date.UTC(n.getFullYear(), n.getMonth(), n.getDate()));
  }
  function fmt(d) { return d.toISOString().slice(0, 10); }
  function addDays(d, n) { return new Date(d.getTime() + n * DAY); }
  function weekAt(P, day) {
    return data.weekOrder.find(function (w) { var r = P.week_ranges.get(w); return r[0] <= day && day <= r[1]; });
  }

  // -- the reader's schedule: their pace from their start date, with each catch-up applied -------
  // The one rule of generator/replan.py (`catch_up`), step for step: keep the two in step.
  function rhu(a, b) { return Math.floor((2 * a + b) / (2 * b)); }
  function sortReplans(list) { return list.slice().sort(function (a, b) { return a.on < b.on ? -1 : a.on > b.on ? 1 : 0; }); }
  function overdueFirst(ids, S, t) {
    return ids.filter(function (i) { return S.task_days.get(i) < t; }).concat(ids.filter(function (i) { return S.task_days.get(i) >= t; }));
  }
  function unfinished(S, t, done) { return overdueFirst(data.tasks.map(function (x) { return x.id; }).filter(function (i) { return !done.has(i); }), S, t); }
  function newLength(P, S, t, mode, done) {
    return mode === "keep-end" ? S.days : Math.max(S.days, t - 1 + Math.ceil(unfinished(S, t, done).length * P.days / data.tasks.length));
  }
  function catchUp(S, t, days, done) {
    var W = data.weekOrder, L = days - t + 1;
    var started = W.filter(function (w) { return S.week_ranges.get(w)[0] < t; }), moving = W.filter(function (w) { return S.week_ranges.get(w)[0] >= t; });
    if (t < 1 || L < Math.max(1, moving.length) || days > 365) return null;
    var own = new Set(); started.forEach(function (w) { data.weeks.get(w).tasks.forEach(function (i) { own.add(i); }); });
    var units = [overdueFirst(data.tasks.map(function (x) { return x.id; }).filter(function (i) { return own.has(i) && !done.has(i); }), S, t)]
      .concat(moving.map(function (w) { return data.weeks.get(w).tasks.filter(function (i) { return !done.has(i); }); }));
    var k = 0, tot = 0, ends = [], j;
    units.forEach(function (u) { k += u.length; });
    units.forEach(function (u) { tot += u.length; ends.push(t - 1 + (k ? rhu(tot * L, k) : 0)); });
    ends[0] = Math.max(ends[0], t - 1 + (units[0].length ? 1 : 0));
    for (j = 1; j < ends.length; j++) ends[j] = Math.max(ends[j], ends[j - 1] + 1);
    ends[ends.length - 1] = days;
    for (j = ends.length - 2; j >= 0; j--) ends[j] = Math.min(ends[j], ends[j + 1] - 1);
    ends[0] = Math.max(ends[0], t - 1);
    var td = new Map(S.task_days), wr = new Map(S.week_ranges), md = new Map(), pr = new Map(), start = t;
    units.forEach(function (u, n) {
      var span = ends[n] - start + 1;
      u.forEach(function (id, i) { td.set(id, span > 0 ? start + Math.floor((2 * i + 1) * span / (2 * u.length)) : t); });
      start = ends[n] + 1;
    });
    if (started.length) { var c = started[started.length - 1]; wr.set(c, [S.week_ranges.get(c)[0], ends[0]]); }
    moving.forEach(function (w, n) { wr.set(w, [ends[n] + 1, ends[n + 1]]); });
    data.milestones.forEach(function (m) {
      var d = S.milestone_days.get(m.id);
      if (d < t) return md.set(m.id, d);
      var w = W.find(function (x) { var r = S.week_ranges.get(x); return r[0] <= d && d <= r[1]; }), o = S.week_ranges.get(w), nw = wr.get(w), nl = nw[1] - nw[0] + 1;
      md.set(m.id, Math.max(t, Math.min(nw[1], nl > 0 ? nw[1] - rhu((o[1] - d) * nl, o[1] - o[0] + 1) : nw[1])));
    });
    data.phases.forEach(function (ph) { pr.set(ph.id, [wr.get(ph.weeks[0])[0], wr.get(ph.weeks[ph.weeks.length - 1])[1]]); });
    return { days: days, task_days: td, milestone_days: md, week_ranges: wr, phase_ranges: pr, block_minutes: S.block_minutes,
      weekend_minutes: S.weekend_minutes, changes: (S.changes || []).concat([t]) };
  }
  function doneBefore(p, on) {
    var s = new Set();
    p.done.forEach(function (t, i) { if (new Date(t).toISOString().slice(0, 10) < on) s.add(i); });
    return s;
  }
  function dayOf(start, iso) { return Math.round((parseDate(iso) - start) / DAY) + 1; }
  function sched(p) {
    var S = data.paces.get(pace()), start = parseDate(settings().start_date);
    if (!start || !p || !p.replans) return S;
    sortReplans(p.replans).forEach(function (r) { S = catchUp(S, dayOf(start, r.on), r.days, doneBefore(p, r.on)) || S; });
    return S;
  }
  function dayMap(P, S) { // the base pace's day each schedule day follows: the same place in the same week
    var out = [];
    data.weekOrder.forEach(function (w) {
      var o = P.week_ranges.get(w), n = S.week_ranges.get(w);
      for (var d = Math.max(n[0], out.length + 1); d <= n[1]; d++) out.push(o[0] + Math.floor((d - n[0]) * (o[1] - o[0] + 1) / (n[1] - n[0] + 1)));
    });
    return out;
  }
  // The Calendar page's timeline laid over the reader's schedule (generator/replan.py `remap_timeline`).
  window.studyplanTimeline = function (tl, opts) {
    if (!data) readData();
    var st = settings(), p = state();
    if (!data || !tl || !p.replans || !p.replans.length || opts.start !== st.start_date || String(opts.pace) !== pace()) return tl;
    var P = data.paces.get(pace()), S = sched(p), map = dayMap(P, S), byDay = new Map(), lines = tl.lines.slice(), out = [];
    tl.entries.forEach(function (e) { if (!byDay.has(e[0])) byDay.set(e[0], []); byDay.get(e[0]).push(e); });
    function three(n) { return String(n).padStart(3, "0"); }
    map.forEach(function (b, i) {
      (byDay.get(b) || []).forEach(function (e) {
        if (e[1] !== "milestone") out.push([i + 1, e[1], e[2], e[3].replace("Day " + b + " ", "Day " + (i + 1) + " "), e[4], e[5], e[6].replace("-d" + three(b) + "-", "-d" + three(i + 1) + "-")]);
      });
    });
    tl.entries.forEach(function (e) {
      if (e[1] !== "milestone") return;
      var id = e[6].split("-milestone-")[1].replace(/@[^@]*$/, ""), d = S.milestone_days.get(id), line = "Target: day " + d + " of the " + S.days + "-day plan.";
      var at = lines.indexOf(line);
      if (at < 0) { at = lines.length; lines.push(line); }
      out.push([d, e[1], e[2], e[3], e[4].slice(0, -1).concat([at]), e[5], e[6]]);
    });
    return Object.assign({}, tl, { days: S.days, lines: lines, entries: out });
  };

  // The reader's schedule as plain data (the tests compare it with `studyplan replan`).
  window.studyplanSchedule = function () {
    if (!data) readData();
    var S = sched(state()), o = function (m) { return Object.fromEntries(m); };
    return { days: S.days, task_days: o(S.task_days), milestone_days: o(S.milestone_days), week_ranges: o(S.week_ranges) };
  };

  // -- dates ------------------------------------------------------------------------------------
  var DOW = "Sun Mon Tue Wed Thu Fri Sat".split(" "), MON = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
  function nice(d, year) { return DOW[d.getUTCDay()] + " " + d.getUTCDate() + " " + MON[d.getUTCMonth()] + (year ? " " + d.getUTCFullYear() : ""); }
  function dateOf(day) { return addDays(parseDate(settings().start_date), day - 1); }
  function rangeText(r) {
    var a = dateOf(r[0]), b = dateOf(r[1]);
    return (r[0] === r[1] ? nice(a, true) + ", day " + r[0] : nice(a, a.getUTCFullYear() !== b.getUTCFullYear()) + " - " + nice(b, true) + ", days " + r[0] + "-" + r[1]);
  }
  // Week, phase and sheet pages: the reader's dates at their pace; the other paces behind "Other paces".
  function pageDates() {
    if (!data || !settings().start_date) return;
    var p = state(), S = sched(p), P = pace(), replanned = S !== data.paces.get(P);
    document.querySelectorAll(".sp-cal-end").forEach(function (x) { x.textContent = " (your plan ends on " + nice(dateOf(S.days), true) + ")"; });
    document.querySelectorAll(".sp-when").forEach(function (span) {
      var w = span.dataset.weekId, r = w ? S.week_ranges.get(w) : S.phase_ranges.get(span.dataset.phaseId);
      if (!r) return;
      if (!span.dataset.all) {
        span.dataset.all = span.textContent;
        (span.closest("p") || span).after(el("details", "sp-other-paces sp-when-all", el("summary", null, "Other paces"), el("p", null, span.dataset.all)));
      }
      span.textContent = rangeText(r) + " (your " + S.days + "-day schedule)";
    });
    document.querySelectorAll(".sp-days[data-task-days]").forEach(function (x) {
      var d = S.task_days.get(x.dataset.taskDays);
      if (!x.dataset.all) x.dataset.all = x.textContent;
      if (d) x.textContent = "day " + d + ", " + nice(dateOf(d)), x.title = x.dataset.all;
    });
    document.querySelectorAll(".sp-agenda").forEach(function (box) {
      var mine = box.querySelector('.sp-agenda__pace[data-pace="' + P + '"]'), det = box.querySelector("details.sp-other-paces");
      if (!mine) return;
      if (det && det.contains(mine)) { Array.prototype.forEach.call(box.children, function (c) { if (c.matches(".sp-agenda__pace")) det.insertBefore(c, det.children[1]); }); box.insertBefore(mine, det); }
      if (!replanned) mine.querySelectorAll("tr[data-day] td:first-child").forEach(function (td) { td.textContent = td.parentNode.dataset.day + " · " + nice(dateOf(+td.parentNode.dataset.day)); });
    });
    var m = /\/checklists\/(\d+)\//.exec(location.pathname);
    if (m && m[1] === P) document.querySelectorAll("section.sp-sheet").forEach(function (sh) {
      var w = sh.id.replace(/^sheet-/, ""), r = S.week_ranges.get(w), meta = sh.querySelector(".sp-sheet__meta"), ph = data.phases.find(function (x) { return x.weeks.indexOf(w) >= 0; });
      if (!r || !meta) return;
      meta.textContent = "Phase " + ph.number + ": " + ph.title + " · " + rangeText(r) + " of " + S.days;
      sh.querySelectorAll(".sp-sheet__day").forEach(function (x) {
        var id = x.parentNode.querySelector("[data-task-id]"), d = id && S.task_days.get(id.dataset.taskId);
        if (d) x.textContent = "day " + d + ", " + nice(dateOf(d));
      });
    });
  }

  // -- set up once: start date, pace, time zone -------------------------------------------------------
  function nextMonday() { var t = today(); return addDays(t, (8 - t.getUTCDay()) % 7 || 7); }
  function browserZone() { try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { return "UTC"; } }
  function validZone(z) { try { new Intl.DateTimeFormat("en", { timeZone: z }); return !!z; } catch (e) { return false; } }
  function zoneList(dl) {
    if (dl && !dl.firstChild && Intl.supportedValuesOf) Intl.supportedValuesOf("timeZone").forEach(function (z) { dl.append(el("option", { value: z })); });
  }
  // Store settings; a new start or pace drops the catch-ups (they re-planned the old schedule).
  function saveSettings(start, pc, zone, form) {
    if (start && !isStart(start)) return say(form, "alert", "Start date: expected a date like 2027-01-04."), false;
    if (zone && !validZone(zone)) return say(form, "alert", "Time zone: \"" + zone + "\" is not a time zone this browser knows (use a name like Europe/London)."), false;
    var st = settings(), p = state(), pairs = [[SETTINGS, JSON.stringify({ start_date: start || null, pace: Number(pc), timezone: zone || null })]], dropped = false;
    if (p.replans && p.replans.length && (st.start_date !== (start || null) || String(st.pace || data.default_pace) !== String(pc))) {
      p.replans = []; dropped = true; pairs.push([KEY, JSON.stringify(plain(p))]);
    }
    var err = write(pairs);
    if (err) return say(form, "alert", "Not saved: " + storageError(err) + "."), false;
    return dropped ? " Your catch-ups were cleared: they re-planned the old start or pace." : "";
  }
  function startForm(holder) { // its markup: generator/templates/today_forms.md.j2
    var f = clone("sp-start-tpl"), sd = f.querySelector("#sp-h-start"), sel = f.querySelector("#sp-h-pace"), zn = f.querySelector("#sp-h-zone");
    sd.value = fmt(nextMonday()); sel.value = pace(); zn.value = browserZone();
    zoneList(f.querySelector("datalist"));
    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!sd.value) return say(f, "alert", "Start date: choose the first day of your plan.");
      if (saveSettings(sd.value, sel.value, zn.value.trim(), f) === false) return;
      paint();
      var t = document.getElementById("sp-today"), h = t && t.querySelector("h2");
      if (h) { h.setAttribute("tabindex", "-1"); h.focus(); }
    });
    holder.appendChild(f);
  }

  // -- Today ---------------------------------------------------------------------------------------
  // Reviews of topics whose week has a task rated low (confidence 1-5, unrated 3) come first.
  function lowFirst(A, e) {
    var items = e[3].map(function (x) { return A.lines[x]; }), reviews = e[6] || [], n = reviews.length;
    if (n < 2 || !A.topic_weeks) return items;
    var conf = state().confidence, score = function (topic) {
      var w = data.weeks.get(A.topic_weeks[topic]), lo = 3;
      (w ? w.tasks : []).forEach(function (t) { if (conf.has(t)) lo = Math.min(lo, conf.get(t).value); });
      return lo;
    };
    var tail = items.slice(items.length - n).map(function (text, i) { return [score(reviews[i]), i, text]; });
    tail.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return items.slice(0, items.length - n).concat(tail.map(function (x) { return x[2]; }));
  }
  function agendaFor(S, day, weekend) { // today's entries of the day's agenda at the reader's pace
    var A = window.STUDYPLAN_AGENDA, P = data.paces.get(pace());
    if (!A || !A.paces[pace()]) return [];
    var base = S === P ? day : dayMap(P, S)[day - 1], w = weekAt(P, base), r = P.week_ranges.get(w), list = A.paces[pace()];
    var want = weekend ? function (e) { return e[1] === (weekend === 6 ? "saturday" : "sunday"); } : function (e) { return e[1] !== "saturday" && e[1] !== "sunday"; };
    var alt = weekend ? function (e) { return e[1] === "saturday" || e[1] === "sunday"; } : want;
    for (var pass = 0; pass < 2; pass++) for (var i = 0; i <= 7; i++) for (var sign = 1; sign >= -1; sign -= 2) {
      var b = base + sign * i;
      if (b < r[0] || b > r[1]) continue;
      var found = list.filter(function (e) { return e[0] === b && (pass ? alt : want)(e); });
      if (found.length) return found.map(function (e) { return { slot: e[1], summary: A.lines[e[2]].replace(/^Day \d+ · /, ""), items: lowFirst(A, e) }; });
    }
    return [];
  }
  function link(w, text) {
    var a = document.querySelector('.md-nav a[href*="weeks/' + w + '"]'), src = (document.querySelector('script[src*="assets/studyplan.js"]') || {}).src || "";
    return el("a", { href: a ? a.href : src.replace(/assets\/studyplan\.js.*$/, "weeks/" + w + "/") }, text);
  }
  function todayView(r, holder, p) {
    holder.replaceChildren();
    var home = !holder.closest("#sp-progress");
    if (!r.start) { holder.hidden = !home; if (home) startForm(holder); return; }
    holder.hidden = false;
    var P = r.pace;
    holder.append(el("h2", null, "Today"));
    if (r.day < 1) return holder.append(el("p", "sp-day", "Your plan starts on " + nice(r.start, true) + ": in " + plural(1 - r.day, "day") + "."));
    if (r.day > P.days) {
      var ms = r.milestones.filter(function (x) { return x.status === "done"; }).length;
      holder.append(el("p", "sp-day", "The plan is over: your " + P.days + "-day plan ended on " + nice(addDays(r.start, P.days - 1), true) + "."),
        el("p", null, "Final result: " + r.done + " of " + r.total + " tasks done (" + Math.round(100 * r.done / r.total) + "%), " + ms + " of " + r.milestones.length + " milestones."));
    } else {
      var wd = r.today.getUTCDay(), weekend = wd === 0 || wd === 6 ? (wd || 7) - 1 : 0, w = weekAt(P, r.day), line = el("p", "sp-day", "Day " + r.day + " of " + P.days + ", " + nice(r.today, true) + ": ");
      if (w) line.append(link(w, "Week " + data.weeks.get(w).number + ": " + data.weeks.get(w).title));
      var ul = el("ul", "sp-agenda-today");
      agendaFor(P, r.day, weekend).forEach(function (e) {
        var b = data.block_info.findIndex(function (x) { return x.id === e.slot; });
        var head = b >= 0 ? data.block_info[b].time + " " + data.block_info[b].label + " (" + P.block_minutes[b] + " min)" : "Weekend session (" + Math.round(P.weekend_minutes / 2) + " min)";
        ul.append(el("li", null, el("strong", null, head + ": "), e.summary.replace(/^[^:]*: /, ""),
          el("ul", null, e.items.map(function (x) { // "Docs: https://..." links to the page
            var u = /^Docs: (https:\/\/\S+)$/.exec(x);
            return el("li", null, u ? ["Docs: ", el("a", { href: u[1] }, u[1])] : x);
          }))));
      });
      holder.append(line, ul);
      var next = r.milestones.filter(function (x) { return x.status !== "done" && x.day >= r.day; }).sort(function (a, b) { return a.day - b.day; })[0];
      if (next) holder.append(el("p", "sp-next-milestone", (next.day === r.day ? "Milestone due today: " : "Next milestone: ") + next.m.title + " (day " + next.day + ", " + nice(next.date, true) + ")."));
    }
    holder.append(el("h3", null, "Scheduled today"), list(r.todays, "sp-today-", "No task is due today: keep going with the agenda above.", p),
      el("h3", null, "Overdue"), list(r.overdue, "sp-overdue-", "Nothing overdue.", p));
    if (home) catchUpView(r, p, holder);
  }

  // -- catch up: re-plan the unfinished tasks from today (generator/replan.py) --------------------------
  function catchUpView(r, p, holder) { // its markup: generator/templates/today_forms.md.j2
    var host = clone("sp-catchup-tpl"), box = host.firstChild, parts = Array.from(box.children), replanned = p.replans && p.replans.length;
    var undoLine = parts[1], fs = parts[3], buttons = parts[4].children, out = parts[5];
    parts[0].id = "sp-cu-title"; // not in the template: search would index a heading with an id
    if (replanned) {
      var last = sortReplans(p.replans)[p.replans.length - 1];
      undoLine.prepend("Your schedule was re-planned on " + nice(parseDate(last.on), true) + " (" + (last.mode === "keep-end" ? "end date kept" : "end date moved") + "); it now ends on " + nice(addDays(r.start, r.pace.days - 1), true) + ". ");
      undoLine.firstElementChild.addEventListener("click", function () {
        var q = state(); q.replans = sortReplans(q.replans).slice(0, -1);
        var err = save(q);
        if (err) return say(box, "alert", "Not undone: " + storageError(err) + ".");
        paint(); say(document.querySelector(".sp-catchup-host") || document.body, "status", "Catch-up undone: your plan ends on " + nice(addDays(r.start, sched(state()).days - 1), true) + " again.");
      });
    } else undoLine.remove();
    if (r.day < 1 || r.expected - r.done < 1) {
      if (replanned) { box.replaceChildren(undoLine); holder.appendChild(host); }
      return;
    }
    parts[2].textContent = "You are " + plural(r.expected - r.done, "task") + " behind. Re-plan your unfinished tasks from today: done tasks keep their days.";
    function plan() {
      var q = state(), mode = fs.querySelector("input:checked").value, S = sched(q), t = r.day, on = fmt(r.today), done = doneBefore(q, on);
      var days = newLength(data.paces.get(pace()), S, t, mode, done);
      if (mode === "keep-end" && t > S.days) return { error: "Your plan has already ended: choose Move my end date." };
      if (days > 365) return { error: "Moving the end would pass day 365 of the plan: choose Keep my end date." };
      var N = catchUp(S, t, days, done);
      return N ? { S: S, N: N, t: t, mode: mode, days: days, on: on, done: done } : { error: "This catch-up cannot be made." };
    }
    function rate(S, x, all) {
      var k = unfinished(S, x.t, x.done).filter(function (i) { return all || S.task_days.get(i) >= x.t; }).length, left = S.days - x.t + 1;
      return left > 0 ? (k / left).toFixed(1) : "-";
    }
    buttons[0].addEventListener("click", function () {
      var x = plan();
      out.replaceChildren();
      if (x.error) return say(box, "alert", x.error);
      out.append(el("p", null, "New end date: " + nice(dateOf(x.N.days), true) + ", day " + x.N.days + " (now " + nice(dateOf(x.S.days), true) + ", day " + x.S.days + ")."),
        el("p", null, "Tasks per day from today: " + rate(x.S, x) + " before, " + rate(x.N, x, true) + " after."));
      var ul = el("ul");
      data.milestones.forEach(function (m) {
        var a = x.S.milestone_days.get(m.id), b = x.N.milestone_days.get(m.id);
        if (!q0.done.has(m.id) && a !== b) ul.append(el("li", null, m.title + ": " + nice(dateOf(a), true) + " -> " + nice(dateOf(b), true)));
      });
      if (ul.firstChild) out.append(el("p", null, "New milestone dates:"), ul);
      say(box, "status", "Preview ready: nothing changes until you apply it.", null, true);
    });
    var q0 = p;
    buttons[1].addEventListener("click", function () {
      var x = plan();
      if (x.error) return say(box, "alert", x.error);
      var q = state(); q.replans = sortReplans((q.replans || []).concat([{ on: x.on, mode: x.mode, days: x.days }]));
      var err = save(q);
      if (err) return say(box, "alert", "Not applied: " + storageError(err) + ". Nothing changed.");
      paint();
      say(document.querySelector(".sp-catchup-host") || document.body, "status", "New schedule applied: your plan ends on " + nice(dateOf(x.days), true) + ". Download your calendar again to update it.");
    });
    holder.appendChild(host);
  }

  // The same report as `studyplan progress` (generator/report.py).
  function compute(p) {
    var P = sched(p), done = p.done, start = parseDate(settings().start_date);
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
    var input = el("input", { type: "checkbox", "data-task-id": t.id, "aria-labelledby": prefix + t.id });
    input.checked = p.done.has(t.id);
    var li = el("li", "task-list-item", el("label", "task-list-control", input, el("span", "task-list-indicator"), " ", el("span", { id: prefix + t.id }, t.text)),
      el("span", "sp-meta", " (week " + data.weeks.get(t.week).number + ", day " + sched(p).task_days.get(t.id) + ")"));
    noteControls(li, t.id, prefix, prefix + t.id);
    return li;
  }
  function list(items, prefix, empty, p) {
    if (!items.length) return el("p", null, empty);
    var ul = el("ul", "task-list sp-tasks");
    items.forEach(function (t) { ul.append(taskItem(t, prefix, p)); });
    return ul;
  }
  // Burn-up: expected tasks by day against ticks over time (generator/pictures.py draws the same).
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
    var root = svg("svg", { "class": "sp-burnup", viewBox: "0 0 " + W + " " + H, role: "img", "aria-labelledby": "sp-bu-title sp-bu-desc", "font-size": "13" },
      svg("title", { id: "sp-bu-title" }, "Tasks done against the plan"),
      svg("desc", { id: "sp-bu-desc" }, "Expected: " + r.total + " tasks over " + P.days + " days. Done: " + r.done + " by day " + r.day + "."),
      svg("path", { "class": "sp-bu-axis", d: "M" + L + " " + T + " V" + axisY + " H" + end }),
      svg("path", { "class": "sp-bu-expected", d: "M" + exp.join(" L") }));
    if (act.length > 1) root.append(svg("path", { "class": "sp-bu-actual", d: "M" + act.join(" L") }));
    function mark(kind, day, title, d) { // a marker with its tooltip
      var g = svg("g", { "class": "sp-bu-" + kind, "data-day": day }, svg("title", null, title), svg("path", { d: "M" + sx(day) + " " + d }));
      root.append(g);
      return g;
    }
    data.milestones.forEach(function (m) { var md = P.milestone_days.get(m.id); mark("milestone", md, m.title + ": day " + md, axisY + " l4 7 h-8 z"); });
    (P.changes || []).forEach(function (d) { mark("replan", d, "Schedule changed (catch-up) on day " + d, T + " V" + axisY); });
    if (r.day >= 1 && r.day <= P.days) {
      mark("today", r.day, "Today: day " + r.day, T + " V" + axisY).append(
        svg("text", { x: Math.min(Math.max(+sx(r.day), L + 20), W - R - 20).toFixed(2), y: T - 5, "text-anchor": "middle" }, "today"));
    }
    [[L - 4, (+sy(total) + 4).toFixed(2), String(r.total), "end"], [L - 4, axisY + 4, "0", "end"], [L, axisY + 22, "start", "start"],
      [end, axisY + 22, "day " + P.days, "end"], [L, H - 6, "dashed: expected by the plan; solid: done", "start"]].forEach(function (t) {
      root.append(svg("text", { "class": "sp-bu-label", x: t[0], y: t[1], "text-anchor": t[3] }, t[2]));
    });
    // It may scroll sideways on a narrow screen: reachable by keyboard then.
    return el("div", { "class": "sp-figure", tabindex: "0", role: "group", "aria-label": "Burn-up chart" }, root);
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
      out.append(el("p", "sp-day", r.day < 1 ? "The plan starts on " + fmt(r.start) + "." :
        "Day " + Math.min(r.day, r.pace.days) + " of " + r.pace.days + " (" + r.pace.days + "-day pace, started " + fmt(r.start) + ")."),
        el("p", null, "Expected by today: " + r.expected + " tasks. Done: " + r.done + ". " +
        (diff === 0 ? "On track." : plural(Math.abs(diff), "task") + (diff > 0 ? " ahead of the plan." : " behind the plan."))),
        el("p", null, "Projected finish: " + (r.finish || "not enough ticks yet to project") +
        "; the plan ends " + fmt(addDays(r.start, r.pace.days - 1)) + "."));
      catchUpView(r, p, out);
      out.append(burnup(r, p));
    } else {
      out.append(el("p", null, "Set your start date above to see the day of the plan, what is due and whether you are on track."));
    }
    var bars = function (list) { return list.map(function (x) { return bar(x.title, x.done, x.total); }); };
    out.append(el("h2", null, "Progress"), bar("Overall", r.done, r.total));
    out.append.apply(out, bars(r.phases).concat(el("details", null, el("summary", null, "Per week"), bars(r.weeks))));
    var row = function (tag, cells) { return el("tr", null, cells.map(function (c) { return el(tag, tag === "th" ? { scope: "col" } : null, c); })); };
    if (r.milestones.length) {
      out.append(el("h2", null, "Milestones"), el("table", null, el("thead", null, row("th", ["Milestone", "Day", "Date", "Status"])),
        el("tbody", null, r.milestones.map(function (x) { return row("td", [x.m.title, String(x.day), fmt(x.date), x.status]); }))));
    }
    if (r.unknown) out.append(el("p", "sp-meta", r.unknown + " ticked id(s) are not in this plan; they are kept."));
  }

  // -- keep a copy: persistent storage, export reminder --------------------------------------------
  function persistLine() {
    var line = document.getElementById("sp-persist");
    if (!line) return;
    var asked = meta().persist, s = navigator.storage;
    line.classList.toggle("sp-alert", !!down);
    if (down) { line.textContent = document.getElementById("sp-persist-texts").content.querySelector("[data-kind=blocked]").textContent; return; }
    function put(yes) { // the texts: docs/progress.md
      var kind = yes ? "granted" : asked === "unsupported" ? "unsupported" : asked ? "declined" : "ask";
      line.textContent = document.getElementById("sp-persist-texts").content.querySelector("[data-kind=" + kind + "]").textContent;
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
    var a = el("a", { download: name, href: URL.createObjectURL(new Blob([text], { type: type })) });
    document.body.appendChild(a); a.click(); a.remove();
  }
  function exportJson(p, at) {
    var st = settings(), o = { format: "studyplan-progress", version: 1, plan: PLAN, exported_at: at,
      start_date: st.start_date || null, pace: Number(pace()), timezone: st.timezone || null };
    var body = plain(p);
    Object.keys(body).forEach(function (k) { if (k !== "timezone") o[k] = body[k]; });
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
    var p = state(), P = sched(p), rows = [["id", "week", "day", "text", "done at", "confidence", "note"]];
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
    if (a.replans || b.replans) out.replans = sortReplans((a.replans || []).concat(b.replans || []).filter(function (r, i, all) {
      return all.findIndex(function (x) { return x.on === r.on && x.mode === r.mode && x.days === r.days; }) === i;
    }));
    return out;
  }
  function count(m, other) { var n = 0; m.forEach(function (v, i) { if (!other.has(i) || other.get(i) !== v) n++; }); return n; }
  var pending = null;
  function fileGroup() { return document.getElementById("sp-file"); }
  function choice(r) {
    pending = r;
    var box = document.getElementById("sp-choice"), p = r.p, title = box.querySelector("#sp-choice-title");
    function outside(m) { return Array.from(m.keys()).filter(function (i) { return !data.known.has(i); }).length; }
    var unknown = r.unknown = outside(p.done), kept = [];
    // Like ticked ids, what else the file holds that this plan does not use is kept and said:
    // notes and ratings of other ids, catch-ups on days outside the plan (or with no start date to place them).
    var start = parseDate(r.start_date || settings().start_date), P = data.paces.get(String(r.pace || pace())) || data.paces.get(pace());
    var idle = 0, end = P.days; // a catch-up's own length is the plan's end for the next one
    sortReplans(p.replans || []).forEach(function (x) { var d = start ? dayOf(start, x.on) : 0; if (d < 1 || d > end) idle++; else end = x.days; });
    if (unknown) kept.push(plural(unknown, "tick"));
    if (outside(p.notes)) kept.push(plural(outside(p.notes), "note"));
    if (outside(p.confidence)) kept.push(plural(outside(p.confidence), "confidence rating"));
    if (idle) kept.push(plural(idle, "catch-up") + (start ? " on a day outside it" : " with no start date to place it"));
    title.textContent = "This file holds " + plural(p.done.size, "tick") + ", " + plural(p.undone.size, "untick") + ", " +
      plural(p.notes.size, "note") + " and " + plural(p.confidence.size, "confidence rating") +
      (kept.length ? " (not in this plan, kept: " + kept.join(", ") + ")" : "") +
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
    if (r.timezone && (always || !st.timezone)) st.timezone = r.timezone;
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
    var wk = data.weeks.get(scope), P = sched(p), range = P.week_ranges.get(scope);
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
    var st = settings(), s = document.getElementById("sp-start"), p = document.getElementById("sp-pace"), z = document.getElementById("sp-tz");
    if (s) s.value = st.start_date || "";
    if (z) z.value = st.timezone || browserZone();
    if (p) p.value = pace();
  }
  function controls() {
    var root = document.getElementById("sp-progress");
    if (!root) return;
    root.hidden = false;
    showSettings();
    persistLine();
    zoneList(document.getElementById("sp-tz-zones"));
    var form = document.getElementById("sp-settings"), files = fileGroup(), resets = document.getElementById("sp-reset");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var v = document.getElementById("sp-start").value, z = document.getElementById("sp-tz");
      var more = saveSettings(v, document.getElementById("sp-pace").value, z ? z.value.trim() : null, form);
      if (more === false) return;
      paint();
      say(form, "status", (v ? "Saved: start " + v + ", " + pace() + "-day pace" + (settings().timezone ? ", " + settings().timezone : "") + "." : "Saved: no start date.") + more);
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
    t.before(el("div", "sp-group sp-remind-home", el("p", { "class": "sp-remind", "data-button": "1" })));
  }
  function init() {
    readData();
    if (!data && document.querySelector(".sp-when, .sp-sheet")) { // week, phase and sheet pages: the shared plan data, loaded once
      var src = (document.querySelector('script[src*="assets/studyplan.js"]') || {}).src;
      if (src && !window.STUDYPLAN_DATA) {
        var sc = el("script", { src: src.replace(/studyplan\.js.*$/, "plan-data.js") });
        sc.addEventListener("load", function () { readData(); pageDates(); });
        document.head.appendChild(sc);
      }
    }
    homeReminder(); weekNotes(); paint(); controls();
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
