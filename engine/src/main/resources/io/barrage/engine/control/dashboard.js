// barrage live dashboard: follows GET stream (server-sent events) and redraws every second.
(function () {
  "use strict";
  var query = location.search || "";
  var COLORS = ["#2563eb", "#d64545", "#1f9d55", "#c77c02", "#7c3aed", "#0891b2"];
  var views = {};      // by scenario: {data arrays, charts, elements}
  var ticks = 0;
  window.barrage = { ticks: function () { return ticks; } };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) { if (k === "text") e.textContent = attrs[k]; else if (k === "cls") e.className = attrs[k]; else e.setAttribute(k, attrs[k]); }
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  function num(v, d) { return v === null || v === undefined ? "–" : Number(v).toLocaleString("en-US", { maximumFractionDigits: d === undefined ? 1 : d }); }
  function id(s) { return String(s).replace(/[^A-Za-z0-9_-]/g, "_"); }
  function chart(parent, title, labels, unit) {
    var box = el("div"); parent.appendChild(box);
    var width = Math.max(500, Math.floor((parent.clientWidth || 1100) / (parent.clientWidth > 1100 ? 2 : 1)) - 10);
    var series = [{ label: "t" }].concat(labels.map(function (l, i) { return { label: l, stroke: COLORS[i % COLORS.length], width: 1.5, points: { show: false } }; }));
    var data = [[]].concat(labels.map(function () { return []; }));
    return new uPlot({ title: title, width: width, height: 200, scales: { x: { time: false } }, axes: [{ label: "seconds" }, { label: unit, size: 56 }], series: series }, data, box);
  }
  function figure(parent, key, label) {
    var b = el("b", { id: key, text: "–" });
    parent.appendChild(el("div", null, [b, el("span", { text: label })]));
    return b;
  }
  function view(name, model) {
    if (views[name]) return views[name];
    var sec = el("section", { id: "scenario-" + id(name) }, [el("h2", { text: "Scenario " + name + " — " + model + " model" })]);
    document.getElementById("scenarios").appendChild(sec);
    var figs = el("div", { cls: "figures" }); sec.appendChild(figs);
    var open = model === "open";
    var v = { t: [], target: [], achieved: [], rps: [], p50: [], p95: [], p99: [], errors: [], users: [], inFlight: [], f: {} };
    v.f.phase = figure(figs, "phase-" + id(name), "phase");
    v.f.target = figure(figs, "target-" + id(name), open ? "target /s" : "target users");
    v.f.achieved = figure(figs, "achieved-" + id(name), open ? "achieved /s" : "users");
    v.f.rps = figure(figs, "rps-" + id(name), "requests /s");
    v.f.p95 = figure(figs, "p95-" + id(name), "p95 ms");
    v.f.p99 = figure(figs, "p99-" + id(name), "p99 ms");
    v.f.errors = figure(figs, "errors-" + id(name), "errors");
    v.f.inFlight = figure(figs, "inflight-" + id(name), "in flight");
    v.f.balance = figure(figs, "balance-" + id(name), "balance");
    var grid = el("div", { cls: "charts" }); sec.appendChild(grid);
    v.rate = chart(grid, open ? "Arrival rate: target vs achieved" : "Users: target vs achieved", ["target", "achieved", "requests/s"], open ? "/s" : "users");
    v.latency = chart(grid, "Latency (this second), ms", ["p50", "p95", "p99"], "ms");
    v.errs = chart(grid, "Errors per second", ["errors"], "per s");
    v.load = chart(grid, "Users and in flight", ["users", "in flight"], "");
    v.backends = el("table", { id: "backends-" + id(name) }); sec.appendChild(v.backends);
    views[name] = v;
    return v;
  }
  function onTick(s) {
    ticks++;
    document.getElementById("name").textContent = s.name;
    document.getElementById("state").textContent = s.state + (s.paused ? " (paused)" : "") + " · " + num(s.elapsedSeconds) + " s";
    (s.scenarios || []).forEach(function (sc) {
      var v = view(sc.name, sc.model);
      v.t.push(s.elapsedSeconds); v.target.push(sc.intervalTarget); v.achieved.push(sc.achieved); v.rps.push(sc.rps);
      v.p50.push(sc.p50); v.p95.push(sc.p95); v.p99.push(sc.p99);
      v.errors.push(Math.max(0, sc.errors - (v.errorsTotal || 0))); v.errorsTotal = sc.errors;
      v.users.push(sc.users); v.inFlight.push(sc.inFlight);
      v.rate.setData([v.t, v.target, v.achieved, v.rps]);
      v.latency.setData([v.t, v.p50, v.p95, v.p99]);
      v.errs.setData([v.t, v.errors]);
      v.load.setData([v.t, v.users, v.inFlight]);
      v.f.phase.textContent = sc.phase + " (" + (sc.phaseIndex + 1) + "/" + sc.phaseCount + ")";
      v.f.target.textContent = num(sc.target); v.f.achieved.textContent = num(sc.achieved); v.f.rps.textContent = num(sc.rps);
      v.f.p95.textContent = num(sc.p95, 2); v.f.p99.textContent = num(sc.p99, 2); v.f.errors.textContent = num(sc.errors, 0);
      v.f.inFlight.textContent = num(sc.inFlight, 0);
    });
  }
  function onSample(m) {
    (m.scenarios || []).forEach(function (sc) {
      var v = views[sc.name]; if (!v) return;
      var backends = (sc.tallies || {}).backend;
      if (sc.scores && sc.scores.balance !== undefined) v.f.balance.textContent = num(sc.scores.balance * 100, 1) + " %";
      if (backends) {
        var total = 0; for (var k in backends) total += backends[k];
        v.backends.innerHTML = "";
        v.backends.appendChild(el("tr", null, [el("th", { text: "backend" }), el("th", { text: "calls this second" }), el("th", { text: "share" })]));
        Object.keys(backends).sort().forEach(function (b) {
          v.backends.appendChild(el("tr", null, [el("td", { text: b }), el("td", { text: num(backends[b], 0) }), el("td", { text: num(100 * backends[b] / total, 1) + " %" })]));
        });
      }
    });
  }
  function addEvent(type, e) {
    var box = document.getElementById("events");
    var t = e.elapsedNanos !== undefined ? num(e.elapsedNanos / 1e9, 1) + " s " : "";
    box.insertBefore(el("div", { cls: "event", text: t + type + (e.scenario ? " · " + e.scenario : "") + " · " + e.message + (type === "control" ? " (" + e.origin + ")" : "") }), box.firstChild);
  }
  var source = new EventSource("stream" + query);
  source.addEventListener("hello", function (m) { onTick(JSON.parse(m.data)); });
  source.addEventListener("tick", function (m) { onTick(JSON.parse(m.data)); });
  source.addEventListener("sample", function (m) { onSample(JSON.parse(m.data)); });
  ["phase", "control", "warning", "guardrail", "sim", "balance", "hook"].forEach(function (type) {
    source.addEventListener(type, function (m) { addEvent(type, JSON.parse(m.data)); });
  });
  source.addEventListener("end", function (m) {
    var d = JSON.parse(m.data);
    var st = document.getElementById("state");
    st.innerHTML = ""; st.appendChild(el("span", { cls: "ended" + (d.status === "passed" ? "" : " failed"), text: "ended: " + (d.status || "") + " (exit " + d.exitCode + ")" }));
    source.close();
  });
})();
