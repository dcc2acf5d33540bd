// Study plan progress: ticks saved in this browser, keyed by stable ids.
// Everything from the plan or a file is written as text nodes, never as HTML.
(function () {
  "use strict";
  var planMeta = document.querySelector('meta[name="studyplan-plan"]');
  var PLAN = planMeta ? planMeta.content : "";
  if (!PLAN) return;
  var KEY = "studyplan:" + PLAN + ":progress";
  var SETTINGS = "studyplan:" + PLAN + ":settings";
  var DAY = 86400000;

  // -- storage ---------------------------------------------------------------
  function load(key, fallback) {
    try { var v = JSON.parse(localStorage.getItem(key)); return v && typeof v === "object" ? v : fallback; }
    catch (e) { return fallback; }
  }
  function state() {
    var s = load(KEY, {});
    return { done: s.done && typeof s.done === "object" ? s.done : {}, undone: s.undone && typeof s.undone === "object" ? s.undone : {} };
  }
  function save(s) { localStorage.setItem(KEY, JSON.stringify(s)); }
  function settings() { return load(SETTINGS, {}); }
  function now() { return new Date().toISOString(); }
  function setTick(id, on) {
    var s = state();
    if (on) { s.done[id] = now(); delete s.undone[id]; } else if (s.done[id]) { delete s.done[id]; s.undone[id] = now(); }
    save(s);
  }

  // -- boxes -----------------------------------------------------------------
  function boxes() { return document.querySelectorAll("input[data-task-id]"); }
  function paint() {
    var done = state().done;
    boxes().forEach(function (b) { b.checked = Object.prototype.hasOwnProperty.call(done, b.dataset.taskId); });
    weekBars();
    if (data) report();
  }
  document.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t && t.matches && t.matches("input[data-task-id]")) { setTick(t.dataset.taskId, t.checked); paint(); }
  });
  window.addEventListener("storage", function (ev) { if (ev.key === KEY || ev.key === SETTINGS) paint(); });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function bar(label, done, total) {
    var pct = total ? Math.round(100 * done / total) : 0;
    var wrap = el("div", { "class": "sp-bar" });
    wrap.appendChild(el("span", { "class": "sp-bar__label" }, label + ": " + done + " of " + total + " (" + pct + "%)"));
    var p = el("progress", { max: String(total || 1), value: String(done), "aria-label": label });
    wrap.appendChild(p);
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

  // -- plan data (Progress page and home) --------------------------------------
  var data = null;
  function readData() {
    var node = document.getElementById("sp-data");
    data = node ? JSON.parse(node.textContent) : null;
  }
  function pace() {
    var p = String(settings().pace || data.default_pace);
    return data.paces[p] ? p : String(data.default_pace);
  }
  function parseDate(s) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s || "")) return null;
    var d = new Date(s + "T00:00:00Z");
    return isNaN(d) || d.toISOString().slice(0, 10) !== s ? null : d;
  }
  function today() { var n = new Date(); return new Date(Date.UTC(n.getFullYear(), n.getMonth(), n.getDate())); }
  function fmt(d) { return d.toISOString().slice(0, 10); }
  function addDays(d, n) { return new Date(d.getTime() + n * DAY); }

  // The same report as `studyplan progress` (generator/report.py).
  function compute() {
    var P = data.paces[pace()], done = state().done, start = parseDate(settings().start_date);
    var r = { pace: P, start: start, total: data.tasks.length, done: 0, phases: [], weeks: [], milestones: [] };
    data.tasks.forEach(function (t) { if (done[t.id]) r.done++; });
    data.phases.forEach(function (ph) {
      var ids = []; ph.weeks.forEach(function (w) { ids = ids.concat(data.weeks[w].tasks); });
      r.phases.push({ title: "Phase " + ph.number + ": " + ph.title, done: ids.filter(function (i) { return done[i]; }).length, total: ids.length });
    });
    Object.keys(data.weeks).forEach(function (w) {
      var wk = data.weeks[w];
      r.weeks.push({ id: w, title: "Week " + wk.number + ": " + wk.title, done: wk.tasks.filter(function (i) { return done[i]; }).length, total: wk.tasks.length });
    });
    r.unknown = Object.keys(done).filter(function (i) { return !data.known[i]; }).length;
    if (!start) return r;
    var t = today();
    r.today = t;
    r.day = Math.round((t - start) / DAY) + 1;
    var dayCap = Math.min(Math.max(r.day, 0), P.days);
    r.expected = data.tasks.filter(function (x) { return P.task_days[x.id] <= dayCap; }).length;
    r.overdue = data.tasks.filter(function (x) { return P.task_days[x.id] < r.day && !done[x.id]; });
    r.todays = data.tasks.filter(function (x) { return P.task_days[x.id] === r.day; });
    data.milestones.forEach(function (m) {
      var date = addDays(start, P.milestone_days[m.id] - 1);
      r.milestones.push({ m: m, day: P.milestone_days[m.id], date: date,
        status: done[m.id] ? "done" : (date < t ? "overdue" : "due") });
    });
    var elapsed = Math.max(1, Math.min(r.day, P.days));
    if (r.done >= r.total) r.finish = "all tasks done";
    else if (r.day < 1 || r.done === 0) r.finish = null;
    else r.finish = fmt(addDays(t, Math.ceil((r.total - r.done) / (r.done / elapsed))));
    return r;
  }

  function taskItem(t, prefix) {
    var li = el("li", { "class": "task-list-item" });
    var label = el("label", { "class": "task-list-control" });
    var input = el("input", { type: "checkbox", "data-task-id": t.id, "aria-labelledby": prefix + t.id });
    input.checked = !!state().done[t.id];
    label.appendChild(input); label.appendChild(el("span", { "class": "task-list-indicator" }));
    label.appendChild(document.createTextNode(" "));
    label.appendChild(el("span", { id: prefix + t.id }, t.text));
    li.appendChild(label);
    li.appendChild(el("span", { "class": "sp-meta" }, " (week " + data.weeks[t.week].number + ", day " + data.paces[pace()].task_days[t.id] + ")"));
    return li;
  }
  function list(items, prefix, empty) {
    if (!items.length) return el("p", {}, empty);
    var ul = el("ul", { "class": "task-list sp-tasks" });
    items.forEach(function (t) { ul.appendChild(taskItem(t, prefix)); });
    return ul;
  }

  function weekOfDay(P, day) {
    for (var w in P.week_ranges) if (P.week_ranges[w][0] <= day && day <= P.week_ranges[w][1]) return "Week " + data.weeks[w].number + ": " + data.weeks[w].title;
    return "";
  }
  function todayView(r, holder) {
    holder.replaceChildren();
    if (!r.start) { holder.hidden = true; return; }
    holder.hidden = false;
    var P = r.pace;
    holder.appendChild(el("h2", {}, "Today"));
    if (r.day < 1) { holder.appendChild(el("p", {}, "Your plan starts on " + fmt(r.start) + " (in " + (1 - r.day) + " days).")); return; }
    if (r.day > P.days) { holder.appendChild(el("p", {}, "Your " + P.days + "-day plan ended on " + fmt(addDays(r.start, P.days - 1)) + ".")); }
    else {
      var weekend = r.today.getUTCDay() === 0 || r.today.getUTCDay() === 6;
      holder.appendChild(el("p", { "class": "sp-day" }, "Day " + r.day + " of " + P.days + " (" + fmt(r.today) + "): " + weekOfDay(P, r.day)));
      var ul = el("ul");
      if (weekend) ul.appendChild(el("li", {}, "Weekend intensive: " + data.weekend.join("; ") + " (" + Math.round(P.weekend_minutes / 2) + " min today)"));
      else data.blocks.forEach(function (b, i) { ul.appendChild(el("li", {}, b + " (" + P.block_minutes[i] + " min)")); });
      holder.appendChild(ul);
    }
    holder.appendChild(el("h3", {}, "Scheduled today"));
    holder.appendChild(list(r.todays, "sp-today-", "No new task today: keep working on this week's checklist."));
    holder.appendChild(el("h3", {}, "Overdue"));
    holder.appendChild(list(r.overdue, "sp-overdue-", "Nothing overdue."));
  }

  // Burn-up: expected tasks by day against ticks over time (generator/pictures.py draws the same).
  var SVGNS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Frame and text size as in generator/pictures.py (BU_*): the whole plan, day 0 to its last day.
  function burnup(r) {
    var P = r.pace, W = 400, H = 250, L = 40, R = 14, T = 18, B = 46, total = Math.max(1, r.total), done = state().done;
    var axisY = H - B, end;
    var sx = function (d) { return (L + d / P.days * (W - L - R)).toFixed(2); };
    var sy = function (n) { return (axisY - n / total * (axisY - T)).toFixed(2); };
    var exp = [], act = [], ticks = [];
    data.tasks.forEach(function (t) { if (done[t.id]) ticks.push(Math.max(1, Math.floor((Date.parse(done[t.id].slice(0, 10)) - r.start) / DAY) + 1)); });
    var last = Math.min(P.days, Math.max(0, r.day));
    for (var d = 0; d <= P.days; d++) {
      exp.push(sx(d) + " " + sy(data.tasks.filter(function (t) { return P.task_days[t.id] <= d; }).length));
      if (d <= last) act.push(sx(d) + " " + sy(ticks.filter(function (x) { return x <= d; }).length));
    }
    end = sx(P.days);
    var root = svg("svg", { "class": "sp-burnup", viewBox: "0 0 " + W + " " + H, role: "img", "aria-labelledby": "sp-bu-title sp-bu-desc", "font-size": "13" });
    root.appendChild(svg("title", { id: "sp-bu-title" }, "Tasks done against the plan"));
    root.appendChild(svg("desc", { id: "sp-bu-desc" }, "Expected: " + r.total + " tasks over " + P.days + " days. Done: " + r.done + " by day " + r.day + "."));
    root.appendChild(svg("path", { "class": "sp-bu-axis", d: "M" + L + " " + T + " V" + axisY + " H" + end }));
    root.appendChild(svg("path", { "class": "sp-bu-expected", d: "M" + exp.join(" L") }));
    if (act.length > 1) root.appendChild(svg("path", { "class": "sp-bu-actual", d: "M" + act.join(" L") }));
    data.milestones.forEach(function (m) {
      var g = svg("g", { "class": "sp-bu-milestone", "data-day": P.milestone_days[m.id] });
      g.appendChild(svg("title", {}, m.title + ": day " + P.milestone_days[m.id]));
      g.appendChild(svg("path", { d: "M" + sx(P.milestone_days[m.id]) + " " + axisY + " l4 7 h-8 z" }));
      root.appendChild(g);
    });
    if (r.day >= 1 && r.day <= P.days) {
      var g = svg("g", { "class": "sp-bu-today", "data-day": r.day });
      g.appendChild(svg("title", {}, "Today: day " + r.day));
      g.appendChild(svg("path", { d: "M" + sx(r.day) + " " + T + " V" + axisY }));
      g.appendChild(svg("text", { x: Math.min(Math.max(+sx(r.day), L + 20), W - R - 20).toFixed(2), y: T - 5, "text-anchor": "middle" }, "today"));
      root.appendChild(g);
    }
    [[L - 4, (+sy(total) + 4).toFixed(2), String(r.total), "end"], [L - 4, axisY + 4, "0", "end"], [L, axisY + 22, "start", "start"],
     [end, axisY + 22, "day " + P.days, "end"], [L, H - 6, "dashed: expected by the plan; solid: done", "start"]].forEach(function (t) {
      root.appendChild(svg("text", { "class": "sp-bu-label", x: t[0], y: t[1], "text-anchor": t[3] }, t[2]));
    });
    var fig = el("div", { "class": "sp-figure" }); fig.appendChild(root);
    return fig;
  }

  function report() {
    var r = compute();
    var todayBox = document.getElementById("sp-today");
    if (todayBox) todayView(r, todayBox);
    var out = document.getElementById("sp-report");
    if (!out) return;
    out.replaceChildren();
    if (r.start) {
      var diff = r.done - r.expected;
      out.appendChild(el("p", { "class": "sp-day" }, r.day < 1 ? "The plan starts on " + fmt(r.start) + "." :
        "Day " + Math.min(r.day, r.pace.days) + " of " + r.pace.days + " (" + r.pace.days + "-day pace, started " + fmt(r.start) + ")."));
      out.appendChild(el("p", {}, "Expected by today: " + r.expected + " tasks. Done: " + r.done + ". " +
        (diff === 0 ? "On track." : Math.abs(diff) + " task" + (Math.abs(diff) === 1 ? "" : "s") + (diff > 0 ? " ahead of the plan." : " behind the plan."))));
      out.appendChild(el("p", {}, "Projected finish: " + (r.finish || "not enough ticks yet to project") +
        "; the plan ends " + fmt(addDays(r.start, r.pace.days - 1)) + "."));
      out.appendChild(burnup(r));
    } else {
      out.appendChild(el("p", {}, "Set your start date above to see the day of the plan, what is due and whether you are on track."));
    }
    out.appendChild(el("h2", {}, "Progress"));
    out.appendChild(bar("Overall", r.done, r.total));
    r.phases.forEach(function (p) { out.appendChild(bar(p.title, p.done, p.total)); });
    var det = el("details"); det.appendChild(el("summary", {}, "Per week"));
    r.weeks.forEach(function (w) { det.appendChild(bar(w.title, w.done, w.total)); });
    out.appendChild(det);
    if (r.milestones.length) {
      out.appendChild(el("h2", {}, "Milestones"));
      var table = el("table"), head = el("tr");
      ["Milestone", "Day", "Date", "Status"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
      var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
      var tbody = el("tbody");
      r.milestones.forEach(function (x) {
        var tr = el("tr");
        [x.m.title, String(x.day), fmt(x.date), x.status].forEach(function (c) { tr.appendChild(el("td", {}, c)); });
        tbody.appendChild(tr);
      });
      table.appendChild(tbody); out.appendChild(table);
    }
    if (r.unknown) out.appendChild(el("p", { "class": "sp-meta" }, r.unknown + " ticked id(s) are not in this plan; they are kept."));
  }

  // -- Progress page controls ------------------------------------------------
  function say(kind, text) {
    var ok = document.getElementById("sp-status"), err = document.getElementById("sp-alert");
    ok.textContent = kind === "status" ? text : ""; err.textContent = kind === "alert" ? text : "";
  }
  function download(name, type, text) {
    var a = el("a", { download: name, href: URL.createObjectURL(new Blob([text], { type: type })) });
    document.body.appendChild(a); a.click(); a.remove();
  }
  function exportJson() {
    var s = state(), st = settings();
    return JSON.stringify({ format: "studyplan-progress", version: 1, plan: PLAN, exported_at: now(),
      start_date: st.start_date || null, pace: Number(pace()), done: s.done, undone: s.undone }, null, 2) + "\n";
  }
  function csv(v) { v = String(v); return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
  function exportCsv() {
    var done = state().done, rows = [["id", "week", "text", "done at"]];
    data.tasks.forEach(function (t) { rows.push([t.id, data.weeks[t.week].number, t.text, done[t.id] || ""]); });
    data.milestones.forEach(function (m) { rows.push([m.id, "", "Milestone: " + m.title, done[m.id] || ""]); });
    return rows.map(function (r) { return r.map(csv).join(","); }).join("\r\n") + "\r\n";
  }
  function validTimes(obj) {
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) return false;
    return Object.keys(obj).every(function (k) { return typeof obj[k] === "string" && !isNaN(Date.parse(obj[k])); });
  }
  // Merge rule: for each id the latest time across done and undone wins.
  function merge(a, b) {
    var ev = {};
    [a, b].forEach(function (side) {
      Object.keys(side.done).forEach(function (i) { var t = Date.parse(side.done[i]); if (!ev[i] || t > ev[i].t) ev[i] = { t: t, on: true, s: side.done[i] }; });
      Object.keys(side.undone || {}).forEach(function (i) { var t = Date.parse(side.undone[i]); if (!ev[i] || t > ev[i].t) ev[i] = { t: t, on: false, s: side.undone[i] }; });
    });
    var out = { done: {}, undone: {} };
    Object.keys(ev).sort().forEach(function (i) { (ev[i].on ? out.done : out.undone)[i] = ev[i].s; });
    return out;
  }
  function importText(text) {
    var f;
    try { f = JSON.parse(text); } catch (e) { return say("alert", "Not imported: the file is not valid JSON (" + e.message + "). Nothing changed."); }
    if (!f || typeof f !== "object" || f.format !== "studyplan-progress") return say("alert", "Not imported: this is not a studyplan progress file (format must be \"studyplan-progress\"). Nothing changed.");
    if (typeof f.version !== "number" || f.version < 1) return say("alert", "Not imported: the file has no valid version. Nothing changed.");
    if (f.version > 1) return say("alert", "Not imported: the file is version " + f.version + ", made by a newer version of this site; this page reads version 1. Nothing changed.");
    if (f.plan !== PLAN) return say("alert", "Not imported: the file belongs to another plan (\"" + String(f.plan) + "\", this site is \"" + PLAN + "\"). Nothing changed.");
    if (!validTimes(f.done) || (f.undone !== undefined && !validTimes(f.undone))) return say("alert", "Not imported: \"done\" and \"undone\" must map ids to ISO times. Nothing changed.");
    var before = state(), after = merge(before, { done: f.done, undone: f.undone || {} });
    var added = 0, removed = 0;
    Object.keys(after.done).forEach(function (i) { if (!before.done[i]) added++; });
    Object.keys(before.done).forEach(function (i) { if (!after.done[i]) removed++; });
    var unknown = Object.keys(f.done).filter(function (i) { return !data.known[i]; }).length;
    save(after);
    var st = settings();
    if (!st.start_date && f.start_date && parseDate(f.start_date)) { st.start_date = f.start_date; localStorage.setItem(SETTINGS, JSON.stringify(st)); }
    paint(); showSettings();
    say("status", "Imported: " + added + " tick(s) added, " + removed + " untick(s) applied" +
      (unknown ? ", " + unknown + " id(s) not in this plan kept" : "") + ".");
  }
  function resetIds(scope) {
    if (scope === "all") return Object.keys(state().done);
    var wk = data.weeks[scope], P = data.paces[pace()], range = P.week_ranges[scope];
    if (!wk) return [];
    return wk.tasks.concat(data.milestones.filter(function (m) {
      return range[0] <= P.milestone_days[m.id] && P.milestone_days[m.id] <= range[1];
    }).map(function (m) { return m.id; }));
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
    document.getElementById("sp-settings").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var v = document.getElementById("sp-start").value;
      if (v && !parseDate(v)) return say("alert", "Start date: expected a date like 2027-01-04.");
      localStorage.setItem(SETTINGS, JSON.stringify({ start_date: v || null, pace: Number(document.getElementById("sp-pace").value) }));
      say("status", v ? "Saved: start " + v + ", " + pace() + "-day pace." : "Saved: no start date.");
      paint();
    });
    root.querySelector("[data-action=export]").addEventListener("click", function () { download("progress.json", "application/json", exportJson()); say("status", "Exported progress.json."); });
    root.querySelector("[data-action=csv]").addEventListener("click", function () { download("progress.csv", "text/csv", exportCsv()); say("status", "Exported progress.csv."); });
    var file = document.getElementById("sp-import-file");
    root.querySelector("[data-action=import]").addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var f = file.files[0]; if (!f) return;
      f.text().then(importText); file.value = "";
    });
    var confirmBox = document.getElementById("sp-confirm");
    root.querySelector("[data-action=reset]").addEventListener("click", function () {
      var scope = document.getElementById("sp-reset-scope").value, ids = resetIds(scope), done = state().done;
      var n = ids.filter(function (i) { return done[i]; }).length;
      confirmBox.querySelector("p").textContent = n ? "Untick " + n + " box(es) of " + (scope === "all" ? "the whole plan" : data.weeks[scope].title) + "? Export your progress first if you may want it back." : "Nothing to reset there.";
      confirmBox.querySelector("[data-action=confirm]").hidden = !n;
      confirmBox.hidden = false;
      confirmBox.querySelector(n ? "[data-action=confirm]" : "[data-action=cancel]").focus();
    });
    confirmBox.querySelector("[data-action=confirm]").addEventListener("click", function () {
      var scope = document.getElementById("sp-reset-scope").value, s = state(), n = 0;
      resetIds(scope).forEach(function (i) { if (s.done[i]) { delete s.done[i]; s.undone[i] = now(); n++; } });
      save(s); confirmBox.hidden = true; paint(); say("status", "Reset: " + n + " box(es) unticked.");
    });
    confirmBox.querySelector("[data-action=cancel]").addEventListener("click", function () { confirmBox.hidden = true; say("status", "Reset cancelled."); });
  }

  function init() { readData(); paint(); controls(); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
