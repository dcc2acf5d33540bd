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

  // -- what storage holds (the rules of a progress file: assets/rules.js) --------------------------
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
  // Quoting in messages: rules.js's (about 80 characters, one line), a plain cut before it loads.
  function shown(v) { return R ? R.shown(v) : JSON.stringify(String(v)).slice(0, 80); }
  function clip(t) { return R ? R.clip(t) : String(t).replace(/[\u0000-\u001f]/g, " ").slice(0, 160); }
  function note(v) { return isObj(v) && typeof v.text === "string" && v.text.length <= MAX_NOTE && isTime(v.time) ? { text: v.text, time: v.time } : null; }
  function rating(v) { return isObj(v) && Number.isInteger(v.value) && v.value >= 1 && v.value <= 5 && isTime(v.time) ? { value: v.value, time: v.time } : null; }

  // -- storage ---------------------------------------------------------------------------------
  function empty() { return { done: new Map(), undone: new Map(), milestones: new Map(), unreached: new Map(), notes: new Map(), confidence: new Map(), reviews: new Map() }; }
  function ratings(v) { // a topic's review ratings, as the file rules have them (rules.js `ratingList`)
    return Array.isArray(v) && v.length <= 1000 && v.every(function (r) { return isObj(r) && isTime(r.time) && Number.isInteger(r.rating) && r.rating >= 1 && r.rating <= 4; }) && v.length ? v : null;
  }
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
    p.milestones = toMap(s.milestones, fixTime);
    p.unreached = toMap(s.unreached, fixTime);
    p.notes = toMap(s.notes, note);
    p.confidence = toMap(s.confidence, rating);
    p.reviews = toMap(s.reviews, ratings);
    if (s.timezone === null || typeof s.timezone === "string") p.timezone = s.timezone;
    // Catch-ups and days off as the file rules have them; anything else an older version stored is dropped.
    if (Array.isArray(s.replans)) p.replans = s.replans.filter(function (r) {
      return isObj(r) && isStart(r.on) && (r.mode === "keep-end" || r.mode === "move-end" || r.mode === "to-date") && Number.isInteger(r.days) && r.days >= 28 && r.days <= 365;
    });
    if (Array.isArray(s.days_off)) p.days_off = s.days_off.filter(function (d) { return isObj(d) && isStart(d.on) && (d.mode === "shift" || d.mode === "keep-end"); });
    return p;
  }
  function toObj(m) {
    var o = Object.create(null);
    Array.from(m.keys()).sort().forEach(function (k) { o[k] = m.get(k); });
    return o;
  }
  function plain(p) {
    var o = { done: toObj(p.done), undone: toObj(p.undone), milestones: toObj(p.milestones), unreached: toObj(p.unreached), notes: toObj(p.notes), confidence: toObj(p.confidence) };
    if (p.reviews && p.reviews.size) o.reviews = toObj(p.reviews);
    if (p.timezone !== undefined) o.timezone = p.timezone;
    if (p.replans !== undefined) o.replans = p.replans;
    if (p.days_off !== undefined) o.days_off = p.days_off;
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
  // A milestone's box is its "Reached" box, kept in `milestones`/`unreached` (a tick in `done`, as older
  // versions kept it, moves there). Reached: the latest of its events is a tick (rules.js `reachedAt`).
  function later(a, b) { return !a ? b : !b || Date.parse(a) >= Date.parse(b) ? a : b; }
  function reached(p, id) {
    var on = later(p.milestones.get(id), p.done.get(id)), off = later(p.unreached.get(id), p.undone.get(id));
    return !!on && !(off && Date.parse(off) > Date.parse(on));
  }
  function unreach(p, id, t) { p.milestones.delete(id); p.done.delete(id); p.undone.delete(id); p.unreached.set(id, t); }
  function setTick(id, on, milestone) {
    var p = state();
    if (milestone) { if (on) { p.milestones.set(id, now()); p.unreached.delete(id); p.done.delete(id); p.undone.delete(id); } else unreach(p, id, now()); }
    else if (on) { p.done.set(id, now()); p.undone.delete(id); } else if (p.done.has(id)) { p.done.delete(id); p.undone.set(id, now()); }
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
  function plural(n, word, many) { return n + " " + (n === 1 ? word : many || word + "s"); }
  // A moment as the reader reads it: their date and clock time in their zone (the settings', else the browser's).
  function when(iso) {
    var g = {}, z = settings().timezone || browserZone();
    try {
      new Intl.DateTimeFormat("en-GB", { timeZone: z, year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
        .formatToParts(new Date(iso)).forEach(function (x) { g[x.type] = x.value; });
    } catch (e) { return new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC"; }
    return nice(new Date(Date.UTC(+g.year, g.month - 1, +g.day)), true) + " " + g.hour + ":" + g.minute;
  }

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
    boxes().forEach(function (b) { b.checked = b.hasAttribute("data-milestone") ? reached(p, b.dataset.taskId) : p.done.has(b.dataset.taskId); });
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
    var id = t.dataset.taskId, holder = t.closest("#sp-today, #sp-report"), err = setTick(id, t.checked, t.hasAttribute("data-milestone"));
    paint();
    if (holder) { // Today or the report was redrawn: keep the focus on the same box
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

  // -- plan data and the rules ------------------------------------------------------------------
  // The page's light data (#sp-data, or assets/plan-data.js) is read at once; the rules
  // (assets/rules.js) and the plan's full text (assets/plan-data.js) load once a reader needs
  // them: a start date, or a page that shows the schedule. One schedule for every view.
  var data = null, R = null, RP = null, waiting = [], loading = false;
  function mapOf(o) { var m = new Map(); Object.keys(o).forEach(function (k) { m.set(k, o[k]); }); return m; }
  function readData() {
    var node = document.getElementById("sp-data"), d = node ? JSON.parse(node.textContent) : window.STUDYPLAN_DATA;
    if (!d) { data = null; return; }
    data = { tasks: d.tasks, milestones: d.milestones, phases: d.phases, blocks: d.blocks, weekend: d.weekend, settings: d.settings,
      default_pace: Number(d.default_pace), block_info: d.block_info, zone: d.settings.timezone, weeks: mapOf(d.weeks), known: new Set(Object.keys(d.known)),
      weekOrder: [].concat.apply([], d.phases.map(function (p) { return p.weeks; })) };
    if (window.StudyplanRules && window.STUDYPLAN_DATA && window.STUDYPLAN_DATA.rules) { R = window.StudyplanRules; RP = window.STUDYPLAN_DATA.rules; }
  }
  function assetUrl(name) { return ((document.querySelector('script[src*="assets/studyplan.js"]') || {}).src || "").replace(/studyplan\.js.*$/, name); }
  function withRules(fn) { // fn runs once the rules and the plan are loaded (at once when they are)
    if (R) return fn();
    waiting.push(fn);
    if (loading) return;
    loading = true;
    var left = 0;
    function done() {
      R = window.StudyplanRules; RP = window.STUDYPLAN_DATA.rules;
      var list = waiting; waiting = []; list.forEach(function (f) { f(); });
    }
    [["FSRS", "vendor/ts-fsrs/ts-fsrs.min.js"], ["StudyplanRules", "rules.js"], ["STUDYPLAN_DATA", "plan-data.js"]].forEach(function (x) {
      if (window[x[0]]) return;
      left++;
      var sc = el("script", { src: assetUrl(x[1]) });
      sc.addEventListener("load", function () { if (--left === 0) done(); });
      document.head.appendChild(sc);
    });
    if (!left) done();
  }
  window.studyplanReady = function (fn) { if (!data) readData(); withRules(function () { fn(R, RP, window.studyplanReader()); }); };
  function pace() {
    var n = Number(settings().pace || data.default_pace);
    return Number.isInteger(n) && n >= 28 && n <= 365 ? n : data.default_pace;
  }
  function today() {
    var n = new Date(), z = settings().timezone;
    try { if (z) return parseDate(new Intl.DateTimeFormat("en-CA", { timeZone: z, year: "numeric", month: "2-digit", day: "2-digit" }).format(n)); } catch (e) { /* unknown zone: local */ }
    return new Date(Date.UTC(n.getFullYear(), n.getMonth(), n.getDate()));
  }
  function fmt(d) { return d.toISOString().slice(0, 10); }
  function addDays(d, n) { return new Date(d.getTime() + n * DAY); }

  // -- the reader's schedule: rules.js over what this browser holds --------------------------------
  function sortReplans(list) { return list.slice().sort(function (a, b) { return a.on < b.on ? -1 : a.on > b.on ? 1 : 0; }); }
  function readerOf(p) {
    var st = settings();
    return { start: st.start_date || null, pace: pace(), times: data.block_info.map(function (b) { return b.time; }),
      weekend_time: data.settings.weekend_time, weekend_days: data.settings.weekend_days,
      replans: p.replans || [], days_off: p.days_off || [], done: p.done, reviews: p.reviews || new Map(), timezone: canonicalZone(st.timezone) || null };
  }
  window.studyplanReader = function () { if (!data) readData(); return readerOf(state()); };
  function sched(p) { // a change the rules cannot apply is left out (the CLI names it in the file)
    var rd = readerOf(p);
    try { return R.schedule(RP, rd); } catch (e) { if (!(e instanceof R.ChangeError)) throw e; return R.plain(R.pace(RP, rd.pace)); }
  }
  // The reader's schedule as plain data (tests compare it with the CLI).
  window.studyplanSchedule = function () {
    if (!data) readData();
    if (!R) return null;
    var S = sched(state()), o = function (m) { return Object.fromEntries(m); };
    return { days: S.days, task_days: o(S.pace.task_days), milestone_days: o(S.pace.milestone_days), week_ranges: o(S.pace.week_spans),
      off: Array.from(S.off).sort(function (a, b) { return a - b; }) };
  };
  // Every dated entry of the reader's schedule, as `studyplan plan --start` prints them.
  window.studyplanAgenda = function () {
    if (!data) readData();
    if (!R) return null;
    var p = state(), rd = readerOf(p), S = sched(p);
    return R.dated(RP, rd, S).map(function (e) {
      return { date: e.date, day: e.day, slot: e.slot, start: e.start, minutes: e.minutes, label: R.label(RP, e), summary: R.summary(RP, e), items: R.items(RP, e) };
    });
  };

  // -- dates ------------------------------------------------------------------------------------
  var DOW = "Sun Mon Tue Wed Thu Fri Sat".split(" "), MON = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
  function nice(d, year) { return DOW[d.getUTCDay()] + " " + d.getUTCDate() + " " + MON[d.getUTCMonth()] + (year ? " " + d.getUTCFullYear() : ""); }
  function dateOf(day) { return addDays(parseDate(settings().start_date), day - 1); }
  function rangeText(r) {
    var a = dateOf(r[0]), b = dateOf(r[1]);
    return (r[0] === r[1] ? nice(a, true) + ", day " + r[0] : nice(a, a.getUTCFullYear() !== b.getUTCFullYear()) + " - " + nice(b, true) + ", days " + r[0] + "-" + r[1]);
  }
  function cellText(label, weekTitle) { // generator/pages.py `_cell`
    var suffix = " (" + weekTitle + ")";
    var what = label.length >= suffix.length && label.slice(-suffix.length) === suffix ? label.slice(0, -suffix.length) : label;
    return what ? what.charAt(0).toUpperCase() + what.slice(1) : what;
  }
  // A week page's "Day by day" for this reader: their days and dates at their pace.
  function readerTable(box, S, entries) {
    var w = box.dataset.weekId, r = S.pace.week_spans.get(w), wk = data.weeks.get(w), blocks = data.block_info, byDay = new Map();
    if (!r) return;
    entries.forEach(function (e) { if (e.day >= r[0] && e.day <= r[1]) { if (!byDay.has(e.day)) byDay.set(e.day, []); byDay.get(e.day).push(e); } });
    var rows = [];
    for (var d = r[0]; d <= r[1]; d++) {
      var es = byDay.get(d) || [], head = el("td", null, d + " · " + nice(dateOf(d)));
      if (!es.length) rows.push(el("tr", { "data-day": String(d) }, head, el("td", { colspan: String(blocks.length) }, S.off.has(d) ? "Day off" : "Free day")));
      else if (es[0].slot === "weekend") rows.push(el("tr", { "data-day": String(d) }, head, el("td", { colspan: String(blocks.length) }, cellText(R.label(RP, es[0]), wk.title))));
      else rows.push(el("tr", { "data-day": String(d) }, head, es.map(function (e) { return el("td", null, cellText(R.label(RP, e), wk.title)); })));
    }
    var mine = el("div", { "class": "sp-agenda__pace sp-agenda__reader", "data-pace": "reader" },
      el("p", "sp-agenda__title", el("strong", null, "Your schedule"), " (" + S.days + " days from " + nice(dateOf(1), true) + ")"),
      el("div", "sp-table-scroll", el("table", null, el("thead", null, el("tr", null, el("th", null, "Day"), blocks.map(function (b) { return el("th", null, b.label); }))),
        el("tbody", null, rows))));
    var old = box.querySelector(".sp-agenda__reader");
    if (old) { old.replaceWith(mine); return; }
    var det = box.querySelector("details.sp-other-paces");
    if (!det) { det = el("details", "sp-other-paces", el("summary", null, "Other paces")); box.appendChild(det); }
    Array.prototype.slice.call(box.children).forEach(function (c) { if (c.matches(".sp-agenda__pace")) det.appendChild(c); });
    box.insertBefore(mine, det);
  }
  // Week, phase and sheet pages: the reader's dates at their pace; the other paces behind "Other paces".
  function pageDates() {
    if (!data || !settings().start_date) return;
    if (!R) return withRules(pageDates);
    var p = state(), S = sched(p), P = S.pace;
    document.querySelectorAll(".sp-cal-end").forEach(function (x) { x.textContent = " (your plan ends on " + nice(dateOf(S.days), true) + ")"; });
    document.querySelectorAll(".sp-lead").forEach(function (x) {
      if (!x.dataset.all) x.dataset.all = x.textContent;
      x.textContent = x.dataset.all + " · Yours: " + S.days + " days, " + nice(dateOf(1), true) + " - " + nice(dateOf(S.days), true);
    });
    document.querySelectorAll(".sp-when").forEach(function (span) {
      var w = span.dataset.weekId, r = w ? P.week_spans.get(w) : P.phase_spans.get(span.dataset.phaseId);
      if (!r) return;
      if (!span.dataset.all) {
        span.dataset.all = span.textContent;
        (span.closest("p") || span).after(el("details", "sp-other-paces sp-when-all", el("summary", null, "Other paces"), el("p", null, span.dataset.all)));
      }
      span.textContent = rangeText(r) + " (your " + S.days + "-day schedule)";
    });
    document.querySelectorAll("[data-sp-week-range]").forEach(function (x) { // phase pages' week table: the reader's column
      var r = P.week_spans.get(x.dataset.spWeekRange), td = x.closest("td"), table = x.closest("table");
      if (!r) return;
      x.textContent = rangeText(r);
      if (td && table && table.tHead) table.tHead.rows[0].cells[td.cellIndex].textContent = "Your days (" + S.days + "-day schedule)";
    });
    document.querySelectorAll(".sp-days[data-task-days]").forEach(function (x) {
      var d = P.task_days.get(x.dataset.taskDays);
      if (!x.dataset.all) x.dataset.all = x.textContent;
      if (d) x.textContent = "day " + d + ", " + nice(dateOf(d)), x.title = x.dataset.all;
    });
    var boxesAg = document.querySelectorAll(".sp-agenda[data-week-id]");
    if (boxesAg.length) {
      var entries = R.dated(RP, readerOf(p), S);
      boxesAg.forEach(function (box) { readerTable(box, S, entries); });
    }
    var m = /\/checklists\/(\d+)\//.exec(location.pathname);
    if (m && Number(m[1]) === pace()) document.querySelectorAll("section.sp-sheet").forEach(function (sh) {
      var w = sh.id.replace(/^sheet-/, ""), r = P.week_spans.get(w), meta = sh.querySelector(".sp-sheet__meta"), ph = data.phases.find(function (x) { return x.weeks.indexOf(w) >= 0; });
      if (!r || !meta) return;
      meta.textContent = "Phase " + ph.number + ": " + ph.title + " · " + rangeText(r) + " of " + S.days;
      sh.querySelectorAll(".sp-sheet__day").forEach(function (x) {
        var id = x.parentNode.querySelector("[data-task-id]"), d = id && P.task_days.get(id.dataset.taskId);
        if (d) x.textContent = "day " + d + ", " + nice(dateOf(d));
      });
    });
  }

  // -- set up once: start date, pace, time zone -------------------------------------------------------
  function nextMonday() { var t = today(); return addDays(t, (8 - t.getUTCDay()) % 7 || 7); }
  function browserZone() { try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { return "UTC"; } }
  // A zone as typed -> its listed spelling ("europe/london" -> "Europe/London"), or null.
  function canonicalZone(text) {
    var typed = String(text || "").trim(), list = [];
    if (!typed) return null;
    try { list = Intl.supportedValuesOf("timeZone").concat(["UTC"]); } catch (e) { list = ["UTC"]; }
    var hit = list.filter(function (z) { return z.toLowerCase() === typed.toLowerCase(); })[0];
    if (hit) return hit;
    try { var z = new Intl.DateTimeFormat("en-US", { timeZone: typed }).resolvedOptions().timeZone; return /^[A-Za-z]+\/[A-Za-z0-9_+\-\/]+$/.test(typed) ? z : null; } catch (e) { return null; }
  }
  function zoneList(dl) {
    if (dl && !dl.firstChild && Intl.supportedValuesOf) Intl.supportedValuesOf("timeZone").forEach(function (z) { dl.append(el("option", { value: z })); });
  }
  // The pace for an interview date: the days from the start to it, both counted (28-365), or a message.
  function paceTo(start, target) {
    var n = Math.round((parseDate(target) - parseDate(start)) / DAY) + 1;
    return n >= 28 && n <= 365 ? n : "Target date: expected a date 28 to 365 days from the start (both counted) but got " + plural(n, "day") + ".";
  }
  function paceOptions(sel, n) { // a pace set by an interview date is offered too
    if (n && !Array.prototype.some.call(sel.options, function (o) { return Number(o.value) === n; })) sel.append(el("option", { value: String(n) }, n + " days (to your date)"));
  }
  // Store settings; a new start or pace drops the catch-ups and days off (they re-planned the old schedule).
  function saveSettings(start, pc, zone, form) {
    if (start && !isStart(start)) return say(form, "alert", "Start date: expected a date like 2027-01-04."), false;
    var canon = zone ? canonicalZone(zone) : null;
    if (zone && !canon) return say(form, "alert", "Time zone: \"" + zone + "\" is not a time zone this browser knows (use a name like Europe/London)."), false;
    var st = settings(), p = state(), pairs = [[SETTINGS, JSON.stringify({ start_date: start || null, pace: Number(pc), timezone: canon })]], dropped = false;
    if (((p.replans && p.replans.length) || (p.days_off && p.days_off.length)) && (st.start_date !== (start || null) || Number(st.pace || data.default_pace) !== Number(pc))) {
      p.replans = []; p.days_off = []; dropped = true; pairs.push([KEY, JSON.stringify(plain(p))]);
    }
    var err = write(pairs);
    if (err) return say(form, "alert", "Not saved: " + storageError(err) + "."), false;
    return dropped ? " Your catch-ups and days off were cleared: they re-planned the old start or pace." : "";
  }
  function startForm(holder) { // its markup: generator/templates/today_forms.md.j2
    var f = clone("sp-start-tpl"), sd = f.querySelector("#sp-h-start"), sel = f.querySelector("#sp-h-pace"), zn = f.querySelector("#sp-h-zone"), to = f.querySelector("#sp-h-target");
    sd.value = settings().start_date || fmt(nextMonday()); paceOptions(sel, pace()); sel.value = String(pace()); zn.value = settings().timezone || browserZone();
    zoneList(f.querySelector("datalist"));
    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!sd.value) return say(f, "alert", "Start date: choose the first day of your plan.");
      var pc = sel.value;
      if (to && to.value) { pc = paceTo(sd.value, to.value); if (typeof pc === "string") return say(f, "alert", pc); }
      if (saveSettings(sd.value, pc, zn.value.trim(), f) === false) return;
      paint();
      var t = document.getElementById("sp-today"), h = t && t.querySelector("h2");
      if (h) { h.setAttribute("tabindex", "-1"); h.focus(); }
    });
    holder.appendChild(f);
  }

  // -- Today ---------------------------------------------------------------------------------------
  function link(w, text) {
    var a = document.querySelector('.md-nav a[href*="weeks/' + w + '"]');
    return el("a", { href: a ? a.href : assetUrl("").replace(/assets\/$/, "weeks/" + w + "/") }, text);
  }
  var SESSION = { single: "Weekend session" };
  "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(" ").forEach(function (d) { SESSION[d.slice(0, 3).toLowerCase()] = d + " session"; });
  function entryView(e) {
    var b = data.block_info.filter(function (x) { return x.id === e.slot; })[0];
    var head = e.start + " " + (b ? b.label : SESSION[e.kind]) + " (" + e.minutes + " min)";
    return el("li", null, el("strong", null, head + ": "), R.label(RP, e),
      el("ul", null, R.items(RP, e).map(function (x) { // "Docs: https://..." links to the page
        var u = /^Docs: (https:\/\/\S+)$/.exec(x);
        return el("li", null, u ? ["Docs: ", el("a", { href: u[1] }, u[1])] : x);
      })));
  }
  // Rate today's reviews (and the questions of the topics read today): Again, Hard, Good, Easy (rules.js, FSRS).
  // One rating a topic a day: another replaces it, the same again clears it.
  function todaysRating(r, id, p) {
    var list = p.reviews.get(id) || [], m = R.ratedDays(new Map([[id, list]]), fmt(r.start), readerOf(p).timezone).get(id) || [];
    return m.length && m[m.length - 1][0] === r.day ? m[m.length - 1][1] : 0;
  }
  function rateTopic(r, id, value) {
    var p = state(), zone = readerOf(p).timezone, keep = (p.reviews.get(id) || []).filter(function (x) {
      return R.ratedDays(new Map([[id, [x]]]), fmt(r.start), zone).get(id)[0][0] !== r.day;
    });
    if (todaysRating(r, id, p) !== value) keep.push({ time: now(), rating: value });
    if (keep.length) p.reviews.set(id, keep); else p.reviews.delete(id);
    return save(p);
  }
  function rateView(e, r, p) {
    var ids = e.reviews.map(function (x) { return x[0]; }).concat(e.topics.map(function (x) { return x[0]; })), box = el("div", "sp-rates");
    ids.filter(function (id, i) { return ids.indexOf(id) === i; }).forEach(function (id) {
      var t = R.index(RP).topics.get(id), chosen = todaysRating(r, id, p), status = el("span", "sp-rate__status");
      var g = el("div", { "class": "sp-rate", role: "group", "aria-label": "How well did you recall " + t.title + "?" }, el("span", "sp-rate__topic", t.title + ":"));
      var at = e.reviews.findIndex(function (x) { return x[0] === id; }); // a review: why it is today (`studyplan reviews` says the same)
      if (at >= 0) g.append(el("span", "sp-rate__why", "Review: " + R.reviewWhy(e.why[at], e.day, fmt(r.start)) + "."));
      R.RATINGS.forEach(function (name, i) {
        var b = button(name, function () {
          var err = rateTopic(r, id, i + 1);
          paint();
          var again = document.querySelector('#sp-today .sp-rate [data-rate="' + id + ' ' + (i + 1) + '"]');
          if (again) { again.focus(); if (err) again.parentNode.querySelector(".sp-rate__status").textContent = "Not saved: " + storageError(err) + "."; }
        }, "sp-small");
        b.setAttribute("aria-label", name + ": " + t.title);
        b.setAttribute("aria-pressed", String(chosen === i + 1));
        b.dataset.rate = id + " " + (i + 1);
        g.append(b);
      });
      if (chosen) {
        var next = r.entries.filter(function (x) { return x.day > r.day && x.reviews.some(function (v) { return v[0] === id; }); })[0];
        status.textContent = R.RATINGS[chosen - 1] + " - " + (next ? "next review " + nice(parseDate(next.date)) : "no review left before the end");
      }
      g.append(status);
      box.append(g);
    });
    return box;
  }
  function todayView(r, holder, p) {
    holder.replaceChildren();
    var home = !holder.closest("#sp-progress");
    if (!r.start) { holder.hidden = !home; if (home) startForm(holder); return; }
    holder.hidden = false;
    var S = r.sched;
    holder.append(el("h2", null, "Today"));
    if (r.day < 1) {
      holder.append(el("p", "sp-day", "Your plan starts on " + nice(r.start, true) + ": in " + plural(1 - r.day, "day") + "."));
      if (home) changeStart(holder);
      return;
    }
    if (r.day > S.days) {
      var ms = r.milestones.filter(function (x) { return x.status === "reached"; }).length;
      holder.append(el("p", "sp-day", "The plan is over: your " + S.days + "-day plan ended on " + nice(addDays(r.start, S.days - 1), true) + "."),
        el("p", null, "Final result: " + r.done + " of " + r.total + " tasks done (" + Math.round(100 * r.done / r.total) + "%), " + ms + " of " + r.milestones.length + " milestones."));
    } else {
      var w = R.weekOfDay(S.pace, r.day), line = el("p", "sp-day", "Day " + r.day + " of " + S.days + ", " + nice(r.today, true) + ": ");
      if (w) line.append(link(w.id, "Week " + w.number + ": " + w.title));
      var todays = r.entries.filter(function (e) { return e.day === r.day; }), ul = el("ul", "sp-agenda-today");
      todays.forEach(function (e) {
        var li = entryView(e);
        if (e.kind === "practice" && (e.reviews.length || e.topics.length)) li.append(rateView(e, r, p));
        ul.append(li);
      });
      holder.append(line, todays.length ? ul : el("p", "sp-day-free", S.off.has(r.day) ? "Day off: nothing planned today." : "A free day: nothing planned today."));
      var next = r.milestones.filter(function (x) { return x.status !== "reached" && x.day >= r.day; }).sort(function (a, b) { return a.day - b.day; })[0];
      if (next) holder.append(el("p", "sp-next-milestone", (next.day === r.day ? "Milestone due today: " : "Next milestone: ") + next.milestone.title + " (day " + next.day + ", " + nice(parseDate(next.date), true) + ")."));
      if (home && (todays.length || S.off.has(r.day))) dayOffView(r, holder);
    }
    holder.append(el("h3", null, "Scheduled today"), list(r.todays, "sp-today-", "No task is due today: keep going with the agenda above.", p),
      el("h3", null, "Overdue"), list(r.overdue, "sp-overdue-", "Nothing overdue.", p));
    if (home) { catchUpView(r, p, holder); changeStart(holder); }
  }
  // Home after the start: the same form, to change the start date, pace or zone.
  function changeStart(holder) {
    if (!document.getElementById("sp-start-tpl")) return;
    var d = el("details", "sp-change-start", el("summary", null, "Change start date or pace"));
    startForm(d);
    var f = d.querySelector("form"), h = f.querySelector("h2");
    f.id = "sp-change-form"; h.nextElementSibling.textContent = "A new start date or pace clears your catch-ups and days off.";
    h.remove();
    f.querySelector("[type=submit]").textContent = "Save";
    Array.prototype.forEach.call(f.querySelectorAll("[id]"), function (x) { // ids stay unique on the page
      var old = x.id; x.id = old + "-c";
      var lab = f.querySelector('label[for="' + old + '"]'); if (lab) lab.setAttribute("for", x.id);
      if (x.getAttribute("list")) x.setAttribute("list", x.getAttribute("list") + "-c");
    });
    holder.append(d);
  }

  // -- a day off: today's work moves on (generator/replan.py `apply`) ---------------------------------
  function dayOffView(r, holder) {
    var p = state(), on = fmt(r.today), had = (p.days_off || []).filter(function (d) { return d.on === on; })[0];
    var box = el("div", "sp-group sp-dayoff"), keep = el("input", { type: "checkbox", id: "sp-off-keep" });
    if (had) {
      box.append(el("p", null, "Today is a day off (" + (had.mode === "shift" ? "the rest moved a day later" : "end date kept") + "). ",
        button("Undo day off", function () {
          var q = state(); q.days_off = (q.days_off || []).filter(function (d) { return d.on !== on; });
          var err = save(q);
          if (err) return say(box, "alert", "Not undone: " + storageError(err) + ".");
          paint(); say(document.getElementById("sp-today") || document.body, "status", "Day off undone: today's work is back.");
        })));
      return holder.append(box);
    }
    box.append(el("p", null, button("Day off", function () {
      var q = state(), mode = keep.checked ? "keep-end" : "shift", day = fmt(today()), list = (q.days_off || []).concat([{ on: day, mode: mode }]);
      try { R.schedule(RP, Object.assign(readerOf(q), { days_off: list })); } catch (e) {
        if (!(e instanceof R.ChangeError)) throw e;
        return say(box, "alert", "No day off: " + e.reason + ".");
      }
      q.days_off = list.sort(function (a, b) { return a.on < b.on ? -1 : a.on > b.on ? 1 : 0; });
      var err = save(q);
      if (err) return say(box, "alert", "Not saved: " + storageError(err) + ". Nothing changed.");
      paint();
      say(document.getElementById("sp-today") || document.body, "status", "Day off: " + (mode === "shift" ? "today's work moves to your next study day; your plan now ends on " :
        "the rest is spread over the days left; your plan still ends on ") + nice(dateOf(sched(state()).days), true) + ". Download your calendar again to update it.");
    }), " ", el("label", { "for": "sp-off-keep" }, keep, " Keep my end date")));
    holder.append(box);
  }

  // -- catch up: re-plan the unfinished tasks from today (generator/replan.py) --------------------------
  function catchUpView(r, p, holder) { // its markup: generator/templates/today_forms.md.j2
    var host = clone("sp-catchup-tpl"), box = host.firstChild, parts = Array.from(box.children), replanned = p.replans && p.replans.length;
    var undoLine = parts[1], fs = parts[3], buttons = parts[4].children, out = parts[5], target = fs.querySelector("#sp-cu-date");
    parts[0].id = "sp-cu-title"; // not in the template: search would index a heading with an id
    if (replanned) {
      var last = sortReplans(p.replans)[p.replans.length - 1];
      undoLine.prepend("Your schedule was re-planned on " + nice(parseDate(last.on), true) + " (" + (last.mode === "keep-end" ? "end date kept" : last.mode === "to-date" ? "to end on your date" : "end date moved") + "); it now ends on " + nice(addDays(r.start, r.sched.days - 1), true) + ". ");
      undoLine.firstElementChild.addEventListener("click", function () {
        var q = state(); q.replans = sortReplans(q.replans).slice(0, -1);
        var err = save(q);
        if (err) return say(box, "alert", "Not undone: " + storageError(err) + ".");
        paint(); say(document.querySelector(".sp-catchup-host") || document.body, "status", "Catch-up undone: your plan ends on " + nice(addDays(r.start, sched(state()).days - 1), true) + " again.");
      });
    } else undoLine.remove();
    if (r.day < 1 || r.behind < 1) {
      if (replanned) { box.replaceChildren(undoLine); holder.appendChild(host); }
      return;
    }
    parts[2].textContent = "You are " + plural(r.behind, "task") + " behind. Re-plan your unfinished tasks from today: done tasks keep their days.";
    function plan() { // today as it is now (a page left open past midnight): the preview is what Apply records
      var q = state(), mode = fs.querySelector("input:checked").value, rd = readerOf(q), on = fmt(today()), t = R.dayOf(rd.start, on);
      var done = R.doneBefore(q.done, on), now = sched(q), days, S;
      // What the catch-up re-plans: the schedule before it (a day off on the same date comes after it).
      try { S = R.schedule(RP, Object.assign({}, rd, { days_off: rd.days_off.filter(function (d) { return d.on < on; }) })).pace; } catch (e) { S = now.pace; }
      if (mode === "to-date") {
        if (!target.value) return { error: "Target date: choose the day your plan should end." };
        days = Math.round((parseDate(target.value) - r.start) / DAY) + 1;
        if (days < 28 || days > 365 || days < t) return { error: "Target date: expected a date from today on that makes your plan 28 to 365 days long but got day " + days + "." };
      } else days = R.newLength(now.base, S, t, mode, done);
      if (mode === "keep-end" && t > S.days) return { error: "Your plan has already ended: choose Move my end date." };
      if (days > 365) return { error: "Moving the end would pass day 365 of the plan: choose Keep my end date." };
      var N, change = { on: on, mode: mode, days: days };
      try { N = R.schedule(RP, Object.assign({}, rd, { replans: sortReplans(rd.replans.concat([change])) })).pace; } catch (e) {
        if (!(e instanceof R.ChangeError)) throw e;
        return { error: "This catch-up cannot be made: too few days are left for the weeks not yet started." };
      }
      return { S: now.pace, N: N, t: t, mode: mode, days: days, on: on, done: done, change: change };
    }
    function rate(S, x, all) {
      var k = R.unfinished(S, x.t, x.done).filter(function (i) { return all || S.task_days.get(i) >= x.t; }).length, left = S.days - x.t + 1;
      return R.rate(k, left);
    }
    buttons[0].addEventListener("click", function () {
      var x = plan();
      out.replaceChildren();
      if (x.error) return say(box, "alert", x.error);
      out.append(el("p", null, "New end date: " + nice(dateOf(x.N.days), true) + ", day " + x.N.days + " (now " + nice(dateOf(x.S.days), true) + ", day " + x.S.days + ")."),
        el("p", null, "From today: " + rate(x.S, x) + " now, " + rate(x.N, x, true) + " with the new end date."));
      var ul = el("ul");
      data.milestones.forEach(function (m) {
        var a = x.S.milestone_days.get(m.id), b = x.N.milestone_days.get(m.id);
        if (!p.done.has(m.id) && a !== b) ul.append(el("li", null, m.title + ": " + nice(dateOf(a), true) + " -> " + nice(dateOf(b), true)));
      });
      if (ul.firstChild) out.append(el("p", null, "New milestone dates:"), ul);
      say(box, "status", "Preview ready: nothing changes until you apply it.", null, true);
    });
    buttons[1].addEventListener("click", function () {
      var x = plan();
      if (x.error) return say(box, "alert", x.error);
      var q = state(); q.replans = sortReplans((q.replans || []).concat([x.change]));
      var err = save(q);
      if (err) return say(box, "alert", "Not applied: " + storageError(err) + ". Nothing changed.");
      paint();
      say(document.querySelector(".sp-catchup-host") || document.body, "status", "New schedule applied: your plan ends on " + nice(dateOf(x.N.days), true) + ". Download your calendar again to update it.");
    });
    holder.appendChild(host);
  }

  function standing(behind, ahead) { // generator/report.py `standing`
    if (behind) return plural(behind, "task") + " behind the plan" + (ahead ? " (" + ahead + " done ahead of it)." : ".");
    return ahead ? plural(ahead, "task") + " ahead of the plan." : "On track.";
  }
  // The same report as `studyplan progress` (generator/report.py).
  function compute(p) {
    var done = p.done, start = parseDate(settings().start_date);
    var has = function (i) { return done.has(i); };
    var r = { start: start, total: data.tasks.length, done: 0, phases: [], weeks: [], milestones: [] };
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
    if (!R) return r;
    var SS = sched(p), P = SS.pace, t = today();
    // Each milestone: reached, ready to verify, due or late, in the reader's schedule (report.py `milestone_statuses`).
    r.milestones = R.milestoneStatus(RP, SS, start ? fmt(start) : null, fmt(t), p);
    if (!start) return r;
    r.sched = SS; r.pace = P; r.today = t;
    r.day = Math.round((t - start) / DAY) + 1;
    r.entries = R.dated(RP, readerOf(p), SS);
    var dayCap = Math.min(Math.max(r.day - 1, 0), P.days); // due before today: today's own task is not behind yet
    r.expected = data.tasks.filter(function (x) { return P.task_days.get(x.id) <= dayCap; }).length;
    r.behind = data.tasks.filter(function (x) { return P.task_days.get(x.id) <= dayCap && !done.has(x.id); }).length;
    r.ahead = data.tasks.filter(function (x) { return P.task_days.get(x.id) > dayCap && done.has(x.id); }).length;
    r.overdue = data.tasks.filter(function (x) { return P.task_days.get(x.id) < r.day && !done.has(x.id); });
    r.todays = data.tasks.filter(function (x) { return P.task_days.get(x.id) === r.day; });
    var elapsed = Math.max(1, Math.min(r.day, P.days));
    if (r.done >= r.total) r.finish = "all tasks done";
    else if (r.day < 1 || r.done === 0) r.finish = null;
    else r.finish = fmt(addDays(t, Math.ceil((r.total - r.done) / (r.done / elapsed))));
    return r;
  }

  function taskItem(t, prefix, p, P) {
    var input = el("input", { type: "checkbox", "data-task-id": t.id, "aria-labelledby": prefix + t.id });
    input.checked = p.done.has(t.id);
    var li = el("li", "task-list-item", el("label", "task-list-control", input, el("span", "task-list-indicator"), " ", el("span", { id: prefix + t.id }, t.text)),
      el("span", "sp-meta", " (week " + data.weeks.get(t.week).number + ", day " + P.task_days.get(t.id) + ")"));
    noteControls(li, t.id, prefix, prefix + t.id);
    return li;
  }
  function list(items, prefix, empty, p) {
    var P = items.length ? sched(p).pace : null;
    if (!items.length) return el("p", null, empty);
    var ul = el("ul", "task-list sp-tasks");
    items.forEach(function (t) { ul.append(taskItem(t, prefix, p, P)); });
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
    // Milestones: a numbered mark each, named in the legend below the chart.
    var names = data.milestones.map(function (m, i) {
      var md = P.milestone_days.get(m.id), at = nice(addDays(r.start, md - 1));
      mark("milestone", md, m.title + ": day " + md + ", " + at, axisY + " l4 7 h-8 z").append(svg("text", { x: sx(md), y: axisY + 20, "text-anchor": "middle" }, String(i + 1)));
      return (i + 1) + " " + m.title + " (" + at + ")";
    });
    r.sched.changes.forEach(function (d) { mark("replan", d, "Schedule changed on day " + d, T + " V" + axisY); });
    if (r.day >= 1 && r.day <= P.days) {
      mark("today", r.day, "Today: day " + r.day, T + " V" + axisY).append(
        svg("text", { x: Math.min(Math.max(+sx(r.day), L + 20), W - R - 20).toFixed(2), y: T - 5, "text-anchor": "middle" }, "today"));
    }
    // Axes: tasks up the side, the reader's dates along the bottom (first, middle and last day).
    var mid = Math.ceil(P.days / 2);
    [[L - 4, (+sy(total) + 4).toFixed(2), String(r.total), "end"], [L - 4, axisY + 4, "0", "end"], [L, axisY + 36, nice(r.start), "start"],
      [sx(mid), axisY + 36, nice(addDays(r.start, mid - 1)), "middle"], [end, axisY + 36, nice(addDays(r.start, P.days - 1), true), "end"]].forEach(function (t) {
      root.append(svg("text", { "class": "sp-bu-label", x: t[0], y: t[1], "text-anchor": t[3] }, t[2]));
    });
    root.append(svg("text", { "class": "sp-bu-label", transform: "rotate(-90)", x: -(T + axisY) / 2, y: 12, "text-anchor": "middle" }, "tasks done"));
    // It may scroll sideways on a narrow screen: reachable by keyboard then.
    return el("div", { "class": "sp-figure", tabindex: "0", role: "group", "aria-label": "Burn-up chart" }, root,
      el("p", "sp-bu-legend", "Dashed line: expected by the plan. Solid line: done. Milestones: " + names.join("; ") + "."));
  }

  function report(p) {
    if (settings().start_date && !R) return withRules(paint); // Today keeps its room until the rules are here
    var r = compute(p);
    var todayBox = document.getElementById("sp-today");
    if (todayBox) todayView(r, todayBox, p);
    var out = document.getElementById("sp-report");
    if (!out) return;
    out.replaceChildren();
    if (r.start) {
      out.append(el("p", "sp-day", r.day < 1 ? "The plan starts on " + nice(r.start, true) + "." :
        "Day " + Math.min(r.day, r.pace.days) + " of " + r.pace.days + " (" + r.pace.days + "-day pace, started " + nice(r.start, true) + ")."),
        el("p", null, "Due before today: " + plural(r.expected, "task") + ". Done: " + r.done + ". " +
        standing(r.behind, r.ahead)),
        el("p", null, "Projected finish: " + (parseDate(r.finish) ? nice(parseDate(r.finish), true) : r.finish || "not enough ticks yet to project") +
        "; the plan ends " + nice(addDays(r.start, r.pace.days - 1), true) + "."));
      catchUpView(r, p, out);
      out.append(burnup(r, p));
    } else {
      out.append(el("p", null, "Set your start date above to see the day of the plan, what is due and whether you are on track."));
    }
    var bars = function (list) { return list.map(function (x) { return bar(x.title, x.done, x.total); }); };
    out.append(el("h2", null, "Progress"), bar("Overall", r.done, r.total));
    out.append.apply(out, bars(r.phases).concat(el("details", null, el("summary", null, "Per week"), bars(r.weeks))));
    var row = function (tag, cells) { return el("tr", null, cells.map(function (c) { return el(tag, tag === "th" ? { scope: "col" } : null, c); })); };
    if (r.milestones.length) { // a "Reached" box each: the milestone's box of the week pages
      out.append(el("h2", null, "Milestones"), el("table", { id: "sp-milestones" }, el("thead", null, row("th", ["Reached", "Milestone", "Status", "Day", "Date"])),
        el("tbody", null, r.milestones.map(function (x) {
          var box = el("input", { type: "checkbox", "data-task-id": x.id, "data-milestone": "", "aria-label": "Reached: " + x.milestone.title });
          box.checked = x.status === "reached";
          return row("td", [box, x.milestone.title, R.statusText(x), String(x.day), x.date ? nice(parseDate(x.date), true) : ""]);
        }))));
    }
    if (r.unknown) out.append(el("p", "sp-meta", (r.unknown === 1 ? "1 ticked id is not in this plan; it is kept." : r.unknown + " ticked ids are not in this plan; they are kept.")));
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
      start_date: st.start_date || null, pace: Number(pace()), timezone: canonicalZone(st.timezone) || null };
    var body = plain(p);
    Object.keys(body).forEach(function (k) { if (k !== "timezone") o[k] = body[k]; });
    return JSON.stringify(o, null, 2) + "\n";
  }
  // The export's name says whose and when: <plan id>-progress-YYYY-MM-DD (the reader's today).
  function fileName(ext) { return PLAN + "-progress-" + fmt(today()) + "." + ext; }
  function exportProgress(group) {
    var p = state(), at = now(), name = fileName("json");
    download(name, "application/json", exportJson(p, at));
    var err = write([metaWith("exported_at", at)]);
    reminders();
    say(group, "status", "Exported " + name + ": " + plural(p.done.size, "tick") + ", " + plural(Array.from(p.notes.values()).filter(function (n) { return n.text; }).length, "note") +
      ". Keep it somewhere safe; Import progress reads it back." + (err ? " (The export time could not be recorded: " + storageError(err) + ".)" : ""));
  }
  function csv(v, formula) {
    v = String(v);
    if (formula && /^[=+\-@\t\r]/.test(v)) v = "'" + v; // a note is never run as a spreadsheet formula
    return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function exportCsv() {
    var p = state(), P = sched(p).pace, rows = [["id", "week", "day", "text", "done at", "confidence", "note"]];
    function row(id, week, day, text, at) {
      var c = p.confidence.get(id), n = p.notes.get(id);
      rows.push([id, week, day, text, at || "", c ? c.value : "", n ? n.text : ""]);
    }
    data.tasks.forEach(function (t) { row(t.id, data.weeks.get(t.week).number, P.task_days.get(t.id), t.text, p.done.get(t.id)); });
    data.milestones.forEach(function (m) { // "done at": when it was reached
      var day = P.milestone_days.get(m.id), w = R.weekOfDay(P, day);
      row(m.id, w ? w.number : "", day, "Milestone: " + m.title, R.reachedAt(p, m.id));
    });
    p.reviews.forEach(function (list, id) { // one row a rating: "rated at" in the done column, 1-4 as the confidence
      var t = R.index(RP).topics.get(id);
      list.forEach(function (x) { rows.push([id, "", "", "Review: " + (t ? t.title : id) + ": " + R.RATINGS[x.rating - 1], x.time, x.rating, ""]); });
    });
    return rows.map(function (r) { return r.map(function (v, i) { return csv(v, i === 6); }).join(","); }).join("\r\n") + "\r\n";
  }

  // -- import: merge or replace ----------------------------------------------------------------
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
    // Changes that do not fit the plan refused the file already (`fits`); without a start date none can be placed.
    var start = r.start_date || settings().start_date, idle = start ? 0 : (p.replans || []).length, idleOff = start ? 0 : (p.days_off || []).length;
    if (unknown) kept.push(plural(unknown, "tick"));
    if (outside(p.notes)) kept.push(plural(outside(p.notes), "note"));
    if (outside(p.confidence)) kept.push(plural(outside(p.confidence), "confidence rating"));
    if (idle) kept.push(plural(idle, "catch-up") + " with no start date to place it");
    if (idleOff) kept.push(plural(idleOff, "day off", "days off") + " with no start date to place it");
    title.textContent = "This file holds " + plural(p.done.size, "tick") + ", " + plural(p.undone.size, "untick") + ", " +
      (p.milestones.size ? plural(p.milestones.size, "milestone reached", "milestones reached") + ", " : "") +
      plural(p.notes.size, "note") + " and " + plural(p.confidence.size, "confidence rating") + ratingWords(ratingCount(p)) +
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
  function ratingCount(p) { var n = 0; (p.reviews || new Map()).forEach(function (l) { n += l.length; }); return n; }
  function ratingWords(n, what) { return n ? ", " + plural(n, "review rating") + (what || "") : ""; }
  function doMerge() {
    var r = pending, before = state(), after = R.mergeProgress(before, r.p), f = r.p;
    try { fits(r, after); } catch (e) {
      if (!(e instanceof R.Problem)) throw e;
      return say(fileGroup(), "alert", "Not imported: merged with your progress, " + e.path + ": " + e.msg + ". Nothing changed.");
    }
    var added = Array.from(after.done.keys()).filter(function (i) { return !before.done.has(i); }).length, unticked = Array.from(before.done.keys()).filter(function (i) { return !after.done.has(i); }).length;
    var older = Array.from(f.done.keys()).filter(function (i) { return !after.done.has(i) && before.undone.has(i) && after.undone.get(i) === before.undone.get(i); }).length;
    var reachedNow = 0; // milestones: reached by the file, or kept unreached by this browser's newer untick
    data.milestones.forEach(function (m) {
      if (R.reachedAt(after, m.id)) { if (!R.reachedAt(before, m.id)) reachedNow++; } else if (R.reachedAt(f, m.id)) older++;
    });
    var notes = count(after.notes, before.notes), rated = count(after.confidence, before.confidence);
    var err = save(after, null, [importSettings(r, settings(), false)]);
    if (err) return say(fileGroup(), "alert", "Not imported: " + storageError(err) + ". Nothing changed.");
    closeChoice(); paint(); showSettings();
    var text = "Merged: " + plural(added, "tick") + " added, " + (reachedNow ? plural(reachedNow, "milestone") + " reached, " : "") +
      plural(unticked, "untick") + " applied, " +
      plural(notes, "note") + " and " + plural(rated, "confidence rating") + " updated" + ratingWords(ratingCount(after) - ratingCount(before), " added") +
      (r.unknown ? ", " + plural(r.unknown, "id") + " not in this plan kept." : ".");
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
      ", " + plural(p.confidence.size, "confidence rating") + ratingWords(ratingCount(p)) + ". What was here is kept until your next change: Undo replace brings it back.");
  }
  // A file whose catch-ups or days off cannot be laid on its start date is refused, as the CLI refuses it.
  function fits(r, p) {
    var st = settings(), start = r.start_date || st.start_date, q = p || r.p;
    if (!start || !((q.replans || []).length || (q.days_off || []).length)) return r;
    try { R.schedule(RP, { start: start, pace: Number(r.pace || pace()), replans: q.replans || [], days_off: q.days_off || [], done: q.done }); } catch (e) {
      if (!(e instanceof R.ChangeError)) throw e;
      throw new R.Problem(e.field, "expected a change from day 1 on (start " + start + ") that leaves at least one day per week but got " +
        R.shown(e.change) + " (" + e.reason + ")");
    }
    return r;
  }
  function importFile(f) {
    closeChoice();
    if (f.size > MAX_FILE) return say(fileGroup(), "alert", "Not imported: the file is " + (f.size / 1e6).toFixed(1) + " MB; a progress file can be up to 5 MB. Nothing changed.");
    f.arrayBuffer().then(function (bytes) { importBytes(bytes); });
  }
  // A file's bytes (or a link's, assets/device.js): its checks, then the choice; `refused` runs after a refusal.
  function importBytes(bytes, refused) {
    withRules(function () { try { choice(fits(R.parseFile(R.decodeFile(bytes), PLAN))); } catch (e) {
      if (!(e instanceof R.Problem)) throw e;
      say(fileGroup(), "alert", "Not imported: " + e.path + ": " + e.msg + ". Nothing changed.");
      if (refused) refused();
    } });
  }

  // -- reset and undo ----------------------------------------------------------------------------
  function isMilestone(i) { return data.milestones.some(function (m) { return m.id === i; }); }
  function resetIds(scope, p) { // milestones reached are ticks too
    if (scope === "all" || scope === "ticks") return Array.from(p.done.keys()).concat(Array.from(p.milestones.keys()));
    var wk = data.weeks.get(scope), P = sched(p).pace, range = P.week_spans.get(scope);
    if (!wk) return [];
    return wk.tasks.concat(data.milestones.filter(function (m) {
      var d = P.milestone_days.get(m.id); return range[0] <= d && d <= range[1];
    }).map(function (m) { return m.id; }));
  }
  // What a reset takes away, in words ("" when nothing): ticks only, or everything the reader made.
  function resetWhat(scope, p, n) {
    return R.resetWords(scope === "all", n, Array.from(p.notes.values()).filter(function (v) { return v.text; }).length, p.confidence.size, (p.replans || []).length);
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
    if (p) { paceOptions(p, pace()); p.value = String(pace()); }
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
      var v = document.getElementById("sp-start").value, z = document.getElementById("sp-tz"), to = document.getElementById("sp-target");
      var pc = document.getElementById("sp-pace").value;
      if (to && to.value) {
        if (!v) return say(form, "alert", "Target date: set your start date first.");
        pc = paceTo(v, to.value);
        if (typeof pc === "string") return say(form, "alert", pc);
      }
      var more = saveSettings(v, pc, z ? z.value.trim() : null, form);
      if (more === false) return;
      paint();
      say(form, "status", (v ? "Saved: start " + v + ", " + pace() + "-day pace" + (settings().timezone ? ", " + settings().timezone : "") + "." : "Saved: no start date.") + more);
    });
    function on(sel, fn) { root.querySelector(sel).addEventListener("click", fn); }
    on("[data-action=export]", function () { exportProgress(files); });
    on("[data-action=csv]", function () { withRules(function () { var n = fileName("csv"); download(n, "text/csv", exportCsv()); say(files, "status", "Exported " + n + "."); }); });
    var file = document.getElementById("sp-import-file");
    on("[data-action=import]", function () { file.click(); });
    file.addEventListener("change", function () { var f = file.files[0]; file.value = ""; if (f) importFile(f); });
    on("[data-action=merge]", doMerge);
    on("[data-action=replace]", doReplace);
    on("[data-action=cancel-import]", function () { pending = null; closeChoice(); say(files, "status", "Import cancelled. Nothing changed."); });
    root.querySelectorAll("[data-action=undo]").forEach(function (b) { b.addEventListener("click", function () { undo(b.closest(".sp-group")); }); });
    var confirmBox = document.getElementById("sp-confirm");
    on("[data-action=reset]", function () { withRules(askReset); });
    function askReset() {
      var scope = document.getElementById("sp-reset-scope").value, p = state();
      var n = resetIds(scope, p).filter(function (i) { return isMilestone(i) ? reached(p, i) : p.done.has(i); }).length, what = resetWhat(scope, p, n);
      n = what ? 1 : 0;
      confirmBox.querySelector("p").textContent = what ? (scope === "all" ? "Clear " + what + "?" : "Untick " + what + " of " + (scope === "ticks" ? "the whole plan" : data.weeks.get(scope).title) + "?") +
        " Undo reset brings " + (scope === "all" ? "it all" : "them") + " back until your next change." : "Nothing to reset there.";
      confirmBox.querySelector("[data-action=confirm]").hidden = !n;
      confirmBox.hidden = false;
      unsay();
      confirmBox.querySelector(n ? "[data-action=confirm]" : "[data-action=cancel]").focus();
    }
    on("[data-action=confirm]", function () {
      var scope = document.getElementById("sp-reset-scope").value, p = state(), n = 0, t = now(), all = scope === "all";
      resetIds(scope, p).forEach(function (i) {
        if (isMilestone(i)) { if (reached(p, i)) { unreach(p, i, t); n++; } } else if (p.done.has(i)) { p.done.delete(i); p.undone.set(i, t); n++; }
      });
      var what = (resetWhat(scope, state(), n) || "nothing") + (all ? " cleared" : " unticked");
      // Notes are emptied, not dropped, so the clearing travels in a merge like a note's edit.
      if (all) { p.notes.forEach(function (v, k) { if (v.text) p.notes.set(k, { text: "", time: t }); }); p.confidence = new Map(); p.reviews = new Map(); p.replans = []; }
      var err = save(p, snapshot("reset", what));
      confirmBox.hidden = true;
      if (err) return say(resets, "alert", "Not reset: " + storageError(err) + ". Nothing changed.");
      paint();
      say(resets, "status", "Reset: " + what + ". Undo reset brings " + (all ? "it all" : "them") + " back until your next change.");
    });
    on("[data-action=cancel]", function () { confirmBox.hidden = true; say(resets, "status", "Reset cancelled."); });
    // "Open on another device" (assets/device.js, this page only): the file as a link, and a link's file back in.
    window.studyplanProgress = { file: function () { return exportJson(state(), now()); }, open: importBytes, assetUrl: assetUrl, button: button,
      say: function (kind, text) { say(files, kind, text); }, exportProgress: function () { exportProgress(files); } };
    if (document.getElementById("sp-device") && !window.studyplanDevice) document.head.appendChild(el("script", { src: assetUrl("device.js") }));
  }

  // Home: the export reminder sits just above Today (the Progress page has its own, at the file controls).
  function homeReminder() {
    var t = document.getElementById("sp-today");
    if (!t || t.closest("#sp-progress") || document.querySelector(".sp-remind")) return;
    t.before(el("div", "sp-group sp-remind-home", el("p", { "class": "sp-remind", "data-button": "1" })));
  }
  function init() {
    readData();
    if (!data && settings().start_date && document.querySelector(".sp-when, .sp-sheet, .sp-agenda")) { // week, phase and sheet pages
      withRules(function () { readData(); paint(); });
    }
    homeReminder(); weekNotes(); paint(); controls();
    // Checklist pages: "Print what's left" prints the unticked tasks only (studyplan.css, .sp-left), until the print ends.
    var left = document.querySelector("[data-action=print-left]");
    if (left) {
      left.hidden = false;
      left.onclick = function () { document.body.classList.add("sp-left"); window.print(); };
      window.addEventListener("afterprint", function () { document.body.classList.remove("sp-left"); });
    }
    // The Progress and Calendar pages always need the rules (reset a week, CSV, the download); the
    // Calendar page's builder loads on that page only.
    if (document.getElementById("sp-progress") || document.getElementById("sp-cal-form")) withRules(function () { readData(); paint(); });
    if (document.getElementById("sp-cal-form") && !window.studyplanCalendar) document.head.appendChild(el("script", { src: assetUrl("calendar.js") }));
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
