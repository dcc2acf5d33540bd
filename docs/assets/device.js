// "Open on another device" (the Progress page only; studyplan.js loads it there): the progress
// file as a link, .../progress/#import=<the file, deflated, in base64url>, and the same link as a
// QR code (assets/vendor/lean-qr, loaded when a code is drawn). The fragment never reaches a
// server. Opening such a link imports it through the page's own path (studyplan.js: the file
// checks of rules.js, then Merge / Replace / Cancel with the summary), as a file would be.
(function () {
  "use strict";
  var panel = document.getElementById("sp-device"), P = window.studyplanProgress;
  if (!panel || !P || window.studyplanDevice) return;
  window.studyplanDevice = true;
  // A QR code holds at most 2,953 bytes (version 40, error correction L, byte mode).
  var QR_BYTES = 2953, MAX_FILE = 5e6, MARK = "#import=", QUIET = 4;
  var opener = document.querySelector("[data-action=device]"), input = document.getElementById("sp-device-link");
  var qr = document.getElementById("sp-device-qr"), line = document.getElementById("sp-device-note");
  var works = typeof CompressionStream === "function" && typeof DecompressionStream === "function";

  // -- the fragment: base64url of the deflated file ------------------------------------------
  function b64url(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function unb64url(s) { // null when it is not base64url
    if (!/^[A-Za-z0-9_-]+$/.test(s) || s.length % 4 === 1) return null;
    var bin = atob(s.replace(/-/g, "+").replace(/_/g, "/")), b = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) b[i] = bin.charCodeAt(i);
    return b;
  }
  function deflate(text) {
    var stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }
  // The inflated bytes, or an error; a link that inflates past a file's 5 MB stops there.
  function inflate(bytes) {
    var reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader(), parts = [], size = 0;
    function more(r) {
      if (r.done) {
        var out = new Uint8Array(size), at = 0;
        parts.forEach(function (p) { out.set(p, at); at += p.length; });
        return out;
      }
      size += r.value.length;
      if (size > MAX_FILE) { reader.cancel(); throw new RangeError("over 5 MB"); }
      parts.push(r.value);
      return reader.read().then(more);
    }
    return reader.read().then(more);
  }
  function linkOf(text) {
    var compact = JSON.stringify(JSON.parse(text));
    return deflate(compact).then(function (b) { return location.href.split("#")[0] + MARK + b64url(b); });
  }

  // -- the QR code: dark modules on white with a quiet zone, whatever the page's colours ------------
  function draw(url) {
    var code = window.leanQR.generate(url), n = code.size, side = n + 2 * QUIET, d = "";
    for (var y = 0; y < n; y++) {
      for (var x = 0; x < n; x++) {
        if (!code.get(x, y)) continue;
        var run = 1;
        while (x + run < n && code.get(x + run, y)) run++;
        d += "M" + (x + QUIET) + " " + (y + QUIET) + "h" + run + "v1h-" + run + "z";
        x += run - 1;
      }
    }
    var NS = "http://www.w3.org/2000/svg", svg = document.createElementNS(NS, "svg"), bg = document.createElementNS(NS, "rect"), path = document.createElementNS(NS, "path");
    svg.setAttribute("viewBox", "0 0 " + side + " " + side);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR code of the link above");
    svg.setAttribute("shape-rendering", "crispEdges");
    svg.setAttribute("data-modules", String(n));
    bg.setAttribute("width", side); bg.setAttribute("height", side); bg.setAttribute("fill", "#fff");
    path.setAttribute("d", d); path.setAttribute("fill", "#000");
    svg.appendChild(bg); svg.appendChild(path);
    qr.replaceChildren(svg);
    qr.hidden = false;
  }
  function withQr(fn) {
    if (window.leanQR) return fn();
    var sc = document.createElement("script");
    sc.src = P.assetUrl("vendor/lean-qr/lean-qr.js");
    sc.addEventListener("load", fn);
    document.head.appendChild(sc);
  }
  function note(text, withExport) {
    line.replaceChildren(document.createTextNode(text));
    if (withExport) line.append(" ", P.button("Export progress", P.exportProgress));
    line.hidden = !text;
  }

  // -- the sender: show the link and its code ---------------------------------------------------
  function show() {
    panel.hidden = false;
    opener.setAttribute("aria-expanded", "true");
    qr.hidden = true;
    if (!works) { input.value = ""; return note("This browser cannot make a link (it lacks CompressionStream); use Export progress and open the file on the other device.", true); }
    linkOf(P.file()).then(function (url) {
      input.value = url;
      if (url.length > QR_BYTES) {
        qr.replaceChildren();
        return note("This link is " + url.length.toLocaleString("en") + " characters long, more than a QR code can hold (" +
          QR_BYTES.toLocaleString("en") + "): copy the link, or use Export progress and open the file on the other device.", true);
      }
      note("Scan the code with the other device's camera, or copy the link and open it there. The link holds your notes: share it only with yourself.");
      withQr(function () { draw(url); });
    }, function (e) {
      note("This browser could not make the link (" + String(e && e.name || e) + "); use Export progress and open the file on the other device.", true);
    });
  }
  function copy() {
    var done = function () { P.say("status", "Link copied: open it on the other device."); };
    var fail = function () { input.select(); P.say("alert", "Could not copy: the link is selected, copy it with the keyboard or menu."); };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(input.value).then(done, fail); else fail();
  }

  // -- the receiver: a link opened here -----------------------------------------------------------
  // After the choice (or a refusal) the fragment leaves the address, so a reload imports nothing.
  function forget() { if (location.hash.indexOf(MARK) === 0) history.replaceState(null, "", location.pathname + location.search); }
  function damaged(why) {
    P.say("alert", "Not imported: this link is damaged or incomplete (" + why + "); open the whole link again, or use a progress file. Nothing changed.");
    forget();
  }
  function fromLink() {
    if (location.hash.indexOf(MARK) !== 0) return;
    var bytes = unb64url(location.hash.slice(MARK.length));
    if (!bytes) return damaged("it holds characters a link of this page never has");
    if (!works) {
      P.say("alert", "Not imported: this browser cannot read such a link (it lacks DecompressionStream); export a progress file on the other device and import it here. Nothing changed.");
      return forget();
    }
    inflate(bytes).then(function (b) { P.open(b, forget); }, function (e) {
      damaged(e instanceof RangeError ? "it unpacks to more than a progress file's 5 MB" : "its data does not unpack");
    });
  }
  document.getElementById("sp-choice").addEventListener("click", function (ev) {
    if (ev.target.closest("[data-action=merge], [data-action=replace], [data-action=cancel-import]")) forget();
  });

  opener.hidden = false;
  opener.addEventListener("click", function () {
    if (panel.hidden) show(); else { panel.hidden = true; opener.setAttribute("aria-expanded", "false"); }
  });
  document.querySelector("[data-action=copy-link]").addEventListener("click", copy);
  window.addEventListener("hashchange", fromLink);
  fromLink();
})();
