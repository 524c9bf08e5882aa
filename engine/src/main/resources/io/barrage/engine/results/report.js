// barrage report.html: reads the run from the JSON above and draws it with uPlot. Makes no request.
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message)); document.body.dataset.errors = errors.join(" | "); });
  var consoleError = console.error;   // what the page says on the console counts as an error too
  console.error = function () { errors.push(Array.prototype.join.call(arguments, " ")); return consoleError.apply(console, arguments); };
  var data = JSON.parse(document.getElementById("data").textContent);
  var s = data.summary;
  var charts = [];
  var COLORS = ["#2563eb", "#d64545", "#1f9d55", "#c77c02", "#7c3aed", "#0891b2", "#be185d", "#4d7c0f"];
  var EVENT_COLORS = { phase: "#7c3aed", control: "#0891b2", sim: "#d64545", warning: "#c77c02", guardrail: "#c77c02" };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) { if (k === "text") e.textContent = attrs[k]; else if (k === "cls") e.className = attrs[k]; else e.setAttribute(k, attrs[k]); }
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  function num(v, digits) { return v === null || v === undefined || (typeof v === "number" && isNaN(v)) ? "–" : Number(v).toLocaleString("en-US", { maximumFractionDigits: digits === undefined ? 1 : digits }); }
  function ms(v) { return v === null || v === undefined ? "–" : num(v, v < 10 ? 2 : 1) + " ms"; }
  function pct(f) { return f === null || f === undefined ? "–" : num(f * 100, 2) + " %"; }
  function table(head, rows) {
    return el("table", null, [el("thead", null, [el("tr", null, head.map(function (h) { return el("th", { text: h }); }))]),
      el("tbody", null, rows.map(function (r) { return el("tr", null, r.map(function (c) { return c instanceof Node ? c : el("td", { text: c }); })); }))]);
  }
  function section(title, children) { return el("section", null, [el("h2", { text: title })].concat(children)); }

  // events as vertical lines on every time chart, labelled on hover through the legend's title
  function eventsPlugin(evs) {
    return { hooks: { draw: [function (u) {
      var ctx = u.ctx; ctx.save();
      evs.forEach(function (e) {
        var x = u.valToPos(e.t, "x", true);
        if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
        ctx.strokeStyle = EVENT_COLORS[e.type] || "#6b7385"; ctx.lineWidth = 1.5 * devicePixelRatio; ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
      });
      ctx.restore();
    }] } };
  }
  function chart(parent, title, xs, series, unit, evs) {
    var box = el("div", { cls: "chart" }); parent.appendChild(box);
    var width = Math.max(520, Math.floor((parent.clientWidth || 1100) / (parent.clientWidth > 1150 ? 2 : 1)) - 12);
    var opts = {
      title: title, width: width, height: 230, plugins: [eventsPlugin(evs)],
      scales: { x: { time: false } },
      axes: [{ label: "seconds" }, { label: unit, size: 60 }],
      series: [{ label: "t" }].concat(series.map(function (sr, i) { return { label: sr.label, stroke: sr.color || COLORS[i % COLORS.length], width: 1.5, spanGaps: false, points: { show: false } }; }))
    };
    var u = new uPlot(opts, [xs].concat(series.map(function (sr) { return sr.values; })), box);
    charts.push(u);
    return u;
  }

  // ---- header
  var head = document.getElementById("head");
  head.appendChild(el("h1", null, [document.createTextNode(s.name), el("span", { cls: "verdict " + s.status, text: s.status.toUpperCase() })]));
  head.appendChild(el("div", { cls: "meta", text: "started " + s.startedAt + " · " + num(s.durationSeconds) + " s · exit " + s.exitCode
    + (s.reason ? " · " + s.reason : "") + " · barrage " + s.barrage + (s.segment && s.segment !== "0/1" && s.segment !== "1/1" ? " · segment " + s.segment : "") }));
  var main = document.getElementById("main");

  // ---- assertions
  if (s.assertions && s.assertions.length) {
    main.appendChild(section("Assertions", [table(["assertion", "scenario", "measured", "verdict"], s.assertions.map(function (a) {
      return [a.text, a.scenario || "(plan)", a.actual, el("td", { cls: a.passed ? "ok" : "bad", text: a.passed ? "✓ passed" : "✗ failed" })];
    }))]));
  }

  // ---- scenarios
  (s.scenarios || []).forEach(function (sc) {
    var sec = section("Scenario " + sc.name + " — " + sc.model + " model", []);
    main.appendChild(sec);
    var t = sc.total;
    sec.appendChild(el("p", { text: num(t.requests, 0) + " requests · " + num(t.rate) + "/s · errors " + pct(t.errorRate)
      + " · p50 " + ms(t.latency && t.latency.p50) + " · p95 " + ms(t.latency && t.latency.p95) + " · p99 " + ms(t.latency && t.latency.p99)
      + (sc.achieved !== null && sc.achieved !== undefined ? " · achieved " + pct(sc.achieved) : "") + (sc.dropped ? " · dropped " + num(sc.dropped, 0) : "") }));
    var evs = (data.events || []).filter(function (e) { return !e.scenario || e.scenario === sc.name; });
    var tl = sc.timeline || [];
    var xs = tl.map(function (p) { return p.t; });
    var grid = el("div", { cls: "charts" }); sec.appendChild(grid);
    var open = sc.model === "open";
    chart(grid, open ? "Arrival rate: target vs achieved (/s)" : "Users: target vs achieved", xs, [
      { label: "target", values: tl.map(function (p) { return p.target; }), color: "#9aa3b5" },
      { label: "achieved", values: tl.map(function (p) { return p.achieved; }) },
      { label: "requests/s", values: tl.map(function (p) { return p.rps; }), color: "#1f9d55" }], open ? "/s" : "users", evs);
    var svc = (data.service || {})[sc.name] || [];
    var svcAt = {}; svc.forEach(function (p) { svcAt[Math.round(p[0])] = p[1]; });
    chart(grid, "Latency (from intended start) and service time, ms", xs, [
      { label: "p50", values: tl.map(function (p) { return p.p50; }) },
      { label: "p95", values: tl.map(function (p) { return p.p95; }) },
      { label: "p99", values: tl.map(function (p) { return p.p99; }) },
      { label: "service p99", values: tl.map(function (p) { var v = svcAt[Math.round(p.t)]; return v === undefined ? null : v; }), color: "#9aa3b5" }], "ms", evs);
    var kinds = {};
    tl.forEach(function (p) { for (var k in (p.errorKinds || {})) kinds[k] = true; });
    var errSeries = Object.keys(kinds).sort().map(function (k) { return { label: k, values: tl.map(function (p) { return (p.errorKinds || {})[k] || 0; }) }; });
    errSeries.push({ label: "failed iterations", values: tl.map(function (p) { return p.iterationErrors || 0; }), color: "#6b7385" });
    if (open) errSeries.push({ label: "dropped", values: tl.map(function (p) { return p.dropped || 0; }), color: "#c77c02" });
    chart(grid, "Errors by kind per second", xs, errSeries, "per s", evs);
    chart(grid, "In flight and schedule lag", xs, [
      { label: "in flight", values: tl.map(function (p) { return p.inFlight; }) },
      { label: "lag p99 (ms)", values: tl.map(function (p) { return p.lagP99; }), color: "#c77c02" }], "calls / ms", evs);

    sec.appendChild(el("h3", { text: "Steps" }));
    sec.appendChild(table(["step", "requests", "rate /s", "errors", "p50", "p95", "p99", "max", "service p99"], (sc.steps || []).map(function (st) {
      var x = st.stats, l = x.latency || {};
      return [st.name, num(x.requests, 0), num(x.rate), pct(x.errorRate), ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max), ms(x.service && x.service.p99)];
    })));
    sec.appendChild(el("h3", { text: "Phases" }));
    sec.appendChild(table(["phase", "plan", "seconds", "requests", "errors", "p50", "p95", "p99", "dropped", "lag p99"], (sc.phases || []).map(function (ph) {
      var x = ph.stats, l = x.latency || {};
      return [ph.name, ph.pattern, num(ph.durationSeconds), num(x.requests, 0), pct(x.errorRate), ms(l.p50), ms(l.p95), ms(l.p99), num(ph.dropped, 0), ms(ph.lag && ph.lag.p99)];
    })));
  });

  // ---- generator and events
  var g = s.generator;
  if (g) {
    main.appendChild(section("Generator health", [table(["cores", "CPU s", "CPU mean (cores)", "CPU max (cores)", "GC pauses s", "saturated intervals", "lag p99", "scheduler"],
      [[num(g.cores, 0), num(g.cpuSeconds), num(g.cpuMean, 2), num(g.cpuMax, 2), num(g.gcPauseSeconds, 3), num(g.saturatedIntervals, 0) + " of " + num(g.intervals, 0), ms(g.lag && g.lag.p99), g.scheduler || "–"]]),
      el("p", { cls: "note", text: (g.reasons || []).join(" · ") })]));
  }
  if (s.warnings && s.warnings.length) main.appendChild(section("Warnings", s.warnings.map(function (w) { return el("p", { text: "! " + w }); })));
  var allEvents = data.events || [];
  main.appendChild(section("Events (" + allEvents.length + ")", [el("p", { cls: "note", text: "Marked on the charts as dashed lines: phases violet, control commands teal, faults red, warnings amber." }),
    table(["t (s)", "type", "scenario", "what"], allEvents.map(function (e) { return [num(e.t, 1), e.type, e.scenario || "", e.message + (e.type === "control" ? " (" + e.origin + ")" : "")]; }))]));
  var tableEl = main.lastChild.querySelector("table"); if (tableEl) tableEl.className = "events";

  // ---- for tests and tools: how many charts drew a series (saturated pixels inside the plot area, once uPlot has painted)
  function check() {
    var drawn = 0, blank = [];
    charts.forEach(function (u) {
      var b = u.bbox, d = u.ctx.getImageData(b.left, b.top, Math.max(1, b.width), Math.max(1, b.height)).data, ink = 0;
      for (var i = 0; i < d.length; i += 16) {
        var r = d[i], g = d[i + 1], bl = d[i + 2], a = d[i + 3];
        if (a > 0 && Math.max(r, g, bl) - Math.min(r, g, bl) > 40) ink++;
      }
      if (ink > 20) drawn++; else blank.push(u.root.querySelector(".u-title").textContent);
    });
    document.body.dataset.charts = String(charts.length);
    document.body.dataset.drawn = String(drawn);
    document.body.dataset.blank = blank.join(" | ");
    document.body.dataset.errors = errors.join(" | ");
  }
  setTimeout(check, 300);
})();
