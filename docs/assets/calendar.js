// Calendar builder: makes .ics files in the browser from the reader's schedule
// (assets/rules.js, the same rules and words as the Python writer), for their
// own start date, zone and times. Only date arithmetic and RFC 5545 output here.
(function () {
  "use strict";
  var form = document.getElementById("sp-cal-form");
  if (!form || window.studyplanCalendar) return;
  window.studyplanCalendar = true; // loaded by studyplan.js on the Calendar page only
  var DAY = 86400000, PRODID = "-//studyplan//Study plan calendar 1.0//EN";
  var NAMES = { daily: "weekday study blocks", weekend: "weekend sessions", milestones: "milestones", all: "study plan" };
  var alertBox = document.getElementById("sp-cal-alert"), statusBox = document.getElementById("sp-cal-status");

  // The rules and the plan (studyplan.js loads them): null until they are here.
  var RULES = null;
  if (window.studyplanReady) window.studyplanReady(function (R, plan) { RULES = { R: R, plan: plan }; });
  // The reader's schedule for the form's start and pace: their catch-ups and days off apply
  // when the start and pace are the ones they saved.
  function scheduleFor(o) {
    var R = RULES.R, reader = window.studyplanReader();
    var same = reader.start === o.start && Number(reader.pace) === Number(o.pace);
    reader = Object.assign({}, reader, { start: o.start, pace: Number(o.pace), times: o.times, weekend_time: o.weekend });
    if (!same) { reader.replans = []; reader.days_off = []; }
    var sch;
    try { sch = R.schedule(RULES.plan, reader); } catch (e) { sch = R.plain(R.pace(RULES.plan, reader.pace)); }
    return { reader: reader, sch: sch };
  }
  function pad(n, w) { return String(n).padStart(w || 2, "0"); }

  // -- time zones --------------------------------------------------------------
  var formats = {};
  function offset(zone, ms) { // minutes east of UTC at instant ms
    var f = formats[zone] || (formats[zone] = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23",
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }));
    var p = {}; f.formatToParts(new Date(ms)).forEach(function (x) { p[x.type] = x.value; });
    var asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
    return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
  }
  // The zones offered: the browser's IANA names and "UTC". Accepted: those in
  // any case, and other IANA Area/Location names the browser resolves to one
  // of them (Asia/Kolkata may be listed as Asia/Calcutta); the file gets the
  // listed spelling. Abbreviations ("EST") and unknown names are refused.
  var zoneNames = null;
  function zones() {
    if (zoneNames) return zoneNames;
    var list = [];
    try { list = Intl.supportedValuesOf("timeZone"); } catch (e) { list = []; }
    zoneNames = new Map();
    list.concat(["UTC"]).forEach(function (z) { zoneNames.set(z.toLowerCase(), z); });
    return zoneNames;
  }
  function canonicalZone(text) {
    var typed = String(text || "").trim(), listed = zones().get(typed.toLowerCase()), zone;
    if (listed) return listed;
    if (!/^[A-Za-z]+\/[A-Za-z0-9_+\-\/]+$/.test(typed)) return null;
    try { zone = new Intl.DateTimeFormat("en-US", { timeZone: typed }).resolvedOptions().timeZone; } catch (e) { return null; }
    return zones().get(zone.toLowerCase()) || null;
  }
  // Wall time -> instant. In a DST gap the time moves forward by the gap; in an
  // overlap the first occurrence wins (RFC 5545 3.3.5), as in the Python writer.
  function toInstant(zone, wall) {
    var before = offset(zone, wall - DAY), after = offset(zone, wall + DAY), best = null;
    [before, after].forEach(function (o) {
      var t = wall - o * 60000;
      if (offset(zone, t) === o && (best === null || t < best)) best = t;
    });
    return best === null ? wall - before * 60000 : best;
  }
  function stamp(ms, utc) {
    var d = new Date(ms);
    return d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()) + "T" + pad(d.getUTCHours()) + pad(d.getUTCMinutes()) + pad(d.getUTCSeconds()) + (utc ? "Z" : "");
  }
  function dateValue(ms) { return stamp(ms).slice(0, 8); }
  function local(zone, t) { return stamp(t + offset(zone, t) * 60000); }
  function fmtOffset(m) { var s = m < 0 ? "-" : "+"; m = Math.abs(m); return s + pad(Math.floor(m / 60)) + pad(m % 60); }
  function vtimezone(zone, from, to) {
    var lines = ["BEGIN:VTIMEZONE", "TZID:" + zone], changes = [], cur = offset(zone, from), offs = [cur];
    for (var t = from; t < to; t += 3600000) {
      var o = offset(zone, t + 3600000);
      if (o !== cur) {
        var lo = t, hi = t + 3600000;
        while (hi - lo > 60000) { var mid = lo + Math.max(1, Math.floor((hi - lo) / 120000)) * 60000; if (offset(zone, mid) === cur) lo = mid; else hi = mid; }
        changes.push([hi, cur, o]); offs.push(o); cur = o;
      }
    }
    var max = Math.max.apply(null, offs), dst = offs.length > 1;
    function part(at, a, b) {
      var kind = dst && b === max ? "DAYLIGHT" : "STANDARD";
      lines.push("BEGIN:" + kind, "DTSTART:" + stamp(at + a * 60000), "TZOFFSETFROM:" + fmtOffset(a), "TZOFFSETTO:" + fmtOffset(b), "END:" + kind);
    }
    part(from, offs[0], offs[0]);
    changes.forEach(function (c) { part(c[0], c[1], c[2]); });
    lines.push("END:VTIMEZONE");
    return lines;
  }

  // -- RFC 5545 text -----------------------------------------------------------
  function esc(s) { return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n"); }
  var enc = new TextEncoder();
  function fold(line) {
    var out = [], cur = "", size = 0, limit = 75;
    Array.from(line).forEach(function (ch) { // code points
      var n = enc.encode(ch).length;
      if (size + n > limit) { out.push(cur); cur = " "; size = 1; }
      cur += ch; size += n;
    });
    out.push(cur);
    return out.join("\r\n");
  }

  function build(opts, kind) {
    var R = RULES.R, plan = RULES.plan, zone = opts.zone, x = scheduleFor(opts), sch = x.sch, events = [], timed = false;
    var startUtc = Date.parse(opts.start + "T00:00:00Z");
    var want = function (k) { return kind === "all" || kind === k; };
    var siteUrl = window.studyplanSiteUrl || null;
    function timedEvent(e) {
      var dayUtc = startUtc + (e.day - 1) * DAY, wall = dayUtc + (+e.start.slice(0, 2)) * 3600000 + (+e.start.slice(3, 5)) * 60000;
      var t = toInstant(zone, wall);
      timed = true;
      return ["BEGIN:VEVENT", "SUMMARY:" + esc(R.summary(plan, e)), "DTSTART;TZID=" + zone + ":" + local(zone, t),
        "DTEND;TZID=" + zone + ":" + local(zone, t + e.minutes * 60000), "DTSTAMP:" + stamp(startUtc, true),
        "UID:" + plan.id + "-d" + pad(e.day, 3) + "-" + e.slot + "@studyplan", "DESCRIPTION:" + esc(R.description(plan, e, siteUrl)), "END:VEVENT"];
    }
    R.dated(plan, x.reader, sch).forEach(function (e) {
      if (e.slot === "weekend" ? want("weekend") : want("daily")) events.push(timedEvent(e));
    });
    if (want("milestones")) R.milestones(plan, sch, opts.start).forEach(function (m) {
      var at = startUtc + (m.day - 1) * DAY, w = R.milestoneWords(m.milestone, m.day, m.of);
      events.push(["BEGIN:VEVENT", "SUMMARY:" + esc(w[0]), "DTSTART;VALUE=DATE:" + dateValue(at), "DTEND;VALUE=DATE:" + dateValue(at + DAY),
        "DTSTAMP:" + stamp(startUtc, true), "UID:" + plan.id + "-milestone-" + m.id + "@studyplan", "DESCRIPTION:" + esc(w[1]), "TRANSP:TRANSPARENT",
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + esc("Tomorrow: " + w[0]), "TRIGGER:-P1D", "END:VALARM", "END:VEVENT"]);
    });
    var data = { title: plan.title, days: sch.days, plan: plan.id };
    var name = data.title + ": " + NAMES[kind] + " (" + data.days + " days)";
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + PRODID, "CALSCALE:GREGORIAN", "NAME:" + esc(name),
      "X-WR-CALNAME:" + esc(name), "UID:" + data.plan + "-" + kind + "@studyplan"];
    if (timed) lines = lines.concat(vtimezone(zone, startUtc - DAY, startUtc + (data.days + 2) * DAY));
    events.forEach(function (ev) { lines = lines.concat(ev); });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  // -- the form ----------------------------------------------------------------
  function read() {
    var f = form.elements, problems = [];
    var o = { start: f.start.value, zone: f.zone.value.trim(), pace: f.pace.value,
      times: Array.prototype.map.call(form.querySelectorAll("input[data-block-id]"), function (x) { return x.value; }),
      weekend: f.weekend.value };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(o.start) || isNaN(Date.parse(o.start))) problems.push("Start date: choose the first day of your plan.");
    var zone = canonicalZone(o.zone);
    if (zone) o.zone = zone;
    else problems.push("Time zone: \"" + o.zone + "\" is not an IANA time zone name; pick one from the list, like Europe/London, America/New_York or UTC.");
    var all = o.times.concat([o.weekend]);
    if (!all.every(function (t) { return /^([01]\d|2[0-3]):[0-5]\d$/.test(t); })) problems.push("Times: fill in every time as HH:MM.");
    else {
      var P = RULES.R.pace(RULES.plan, Number(o.pace)), spans = RULES.plan.blocks.map(function (b, i) { var t = o.times[i]; return [+t.slice(0, 2) * 60 + +t.slice(3), P.block_minutes.get(b.id), b.label]; });
      spans.sort(function (a, b) { return a[0] - b[0]; });
      for (var i = 1; i < spans.length; i++) if (spans[i - 1][0] + spans[i - 1][1] > spans[i][0])
        problems.push("Times: " + spans[i - 1][2] + " (" + spans[i - 1][1] + " min) overlaps " + spans[i][2] + ".");
      spans.forEach(function (s) { if (s[0] + s[1] > 1440) problems.push("Times: " + s[2] + " must end by midnight."); });
    }
    return problems.length ? { problems: problems } : o;
  }
  // <plan id>-<pace>-days-from-<start>[-daily|-weekend|-milestones].ics: files
  // of two paces or two start dates never overwrite each other in Downloads.
  function fileName(plan, o, kind) {
    return plan + "-" + o.pace + "-days-from-" + o.start + (kind === "all" ? "" : "-" + kind) + ".ics";
  }
  function download(name, text) {
    var a = document.createElement("a");
    a.download = name; a.href = URL.createObjectURL(new Blob([text], { type: "text/calendar" }));
    document.body.appendChild(a); a.click(); a.remove();
  }
  function make(kind) {
    if (!RULES) { alertBox.textContent = "The plan is still loading: try again in a moment."; return; }
    var o = read();
    if (o.problems) { alertBox.textContent = "Nothing downloaded. " + o.problems.join(" "); statusBox.textContent = ""; return; }
    alertBox.textContent = "";
    var name = fileName(RULES.plan.id, o, kind);
    download(name, build(o, kind));
    statusBox.textContent = "Downloaded " + name + " (" + o.pace + " days from " + o.start + ", " + o.zone + ").";
  }
  form.addEventListener("submit", function (ev) { ev.preventDefault(); make("all"); });
  document.querySelectorAll("[data-ics-kind]").forEach(function (a) {
    a.addEventListener("click", function (ev) { ev.preventDefault(); make(a.getAttribute("data-ics-kind")); });
  });

  // Defaults: the Progress page's start date, else next Monday; the browser's zone.
  var plan = (document.querySelector('meta[name="studyplan-plan"]') || {}).content;
  var saved = {};
  try { saved = JSON.parse(localStorage.getItem("studyplan:" + plan + ":settings")) || {}; } catch (e) { saved = {}; }
  var now = new Date(), today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  var monday = today + ((8 - new Date(today).getUTCDay()) % 7) * DAY;
  form.elements.start.value = saved.start_date || new Date(monday).toISOString().slice(0, 10);
  var n = Number(saved.pace);
  if (Number.isInteger(n) && n >= 28 && n <= 365) { // a pace of the reader's own (an interview date) is offered too
    if (!form.querySelector("option[value='" + n + "']")) {
      var own = document.createElement("option"); own.value = String(n); own.textContent = n + " days (yours)"; form.elements.pace.appendChild(own);
    }
    form.elements.pace.value = String(n);
  }
  var here = null;
  try { here = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { here = null; }
  form.elements.zone.value = canonicalZone(saved.timezone) || canonicalZone(here) || "UTC";
  var list = document.getElementById("sp-zones");
  if (list) Array.from(zones().values()).sort().forEach(function (z) { var o = document.createElement("option"); o.value = z; list.appendChild(o); });
  // A zone typed in another case shows in its canonical spelling once the field is left.
  form.elements.zone.addEventListener("change", function () {
    var zone = canonicalZone(form.elements.zone.value);
    if (zone) form.elements.zone.value = zone;
  });
})();
