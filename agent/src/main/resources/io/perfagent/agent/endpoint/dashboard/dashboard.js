// The perf-agent dashboard: polls the endpoint every few seconds (?refresh=N seconds, default 10)
// and draws uPlot charts. Method history is kept in the page, one point per analysis cycle.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var refresh = Math.max(1, Number(params.get("refresh")) || 10) * 1000;
  var MAX_POINTS = 720;
  var methodSeries = {};   // name -> {t:[], p50:[], p95:[], p99:[], base:[], calls:[], errors:[], chart, rate}
  var resourceCharts = {}; // series name -> chart
  var lastCycle = -1;
  var state = { ready: false, polls: 0, errors: [] };
  window.perfDashboard = state;

  function levelClass(level) {
    return "level lvl-" + String(level || "Insufficient").split(" ")[0];
  }

  function text(el, value) { el.textContent = value; }

  function fmtMs(ms) {
    if (ms === null || ms === undefined || isNaN(ms)) { return "-"; }
    if (ms < 1) { return (ms * 1000).toFixed(1) + " µs"; }
    if (ms < 1000) { return ms.toFixed(ms < 10 ? 2 : 1) + " ms"; }
    return (ms / 1000).toFixed(2) + " s";
  }

  function fmtValue(v, unit) {
    if (v === null || v === undefined) { return "-"; }
    if (unit === "By") { return (v / 1048576).toFixed(1) + " MB"; }
    if (unit === "s") { return fmtMs(v * 1000); }
    if (unit === "1") { return (v * 100).toFixed(1) + " %"; }
    return String(Math.round(v * 100) / 100);
  }

  function fmtChange(pct) {
    if (pct === null || pct === undefined) { return "-"; }
    return (pct >= 0 ? "+" : "") + pct.toFixed(0) + " %";
  }

  function chart(container, title, labels, colours, data, band) {
    var div = document.createElement("div");
    div.className = "chart";
    var h = document.createElement("h3");
    text(h, title);
    div.appendChild(h);
    container.appendChild(div);
    var series = [{}];
    for (var i = 0; i < labels.length; i++) {
      series.push({ label: labels[i], stroke: colours[i], width: 1.5, dash: band === i + 1 ? [6, 4] : undefined });
    }
    return new uPlot({ width: 420, height: 180, series: series, scales: { x: { time: true } } }, data, div);
  }

  function cell(row, value, cls) {
    var td = document.createElement("td");
    text(td, value);
    if (cls) { td.className = cls; }
    row.appendChild(td);
  }

  function renderSummary(s) {
    text(document.getElementById("service"), s.service);
    var status = document.getElementById("status");
    text(status, s.status);
    status.className = levelClass(s.status);
    text(document.getElementById("updated"), "updated " + new Date().toLocaleTimeString());
    var body = document.querySelector("#levels tbody");
    body.innerHTML = "";
    (s.resources || []).forEach(function (r) {
      var row = document.createElement("tr");
      row.dataset.name = r.indicator;
      cell(row, r.indicator);
      cell(row, fmtValue(r.value, r.unit));
      cell(row, fmtValue(r.baseline, r.unit));
      cell(row, fmtChange(r.change_pct));
      cell(row, r.level, levelClass(r.level));
      body.appendChild(row);
    });
    (s.methods || []).forEach(function (m) {
      var row = document.createElement("tr");
      row.dataset.name = m.name;
      cell(row, m.name + " p95");
      cell(row, fmtMs(m.p95_ms));
      cell(row, fmtMs(m.baseline_p95_ms));
      cell(row, fmtChange(m.change_pct));
      cell(row, m.level, levelClass(m.level));
      body.appendChild(row);
    });
    if (s.cycle_timestamp && s.cycle_timestamp !== lastCycle) {
      lastCycle = s.cycle_timestamp;
      (s.methods || []).forEach(function (m) { addMethodPoint(s.cycle_timestamp / 1000, m); });
    }
  }

  function addMethodPoint(t, m) {
    var ms = methodSeries[m.name];
    var container = document.getElementById("methods");
    if (!ms) {
      if (Object.keys(methodSeries).length >= 12) { return; }
      ms = methodSeries[m.name] = { t: [], p50: [], p95: [], p99: [], base: [], calls: [], errors: [] };
      ms.latency = chart(container, m.name + " latency (ms)", ["p50", "p95", "p99", "baseline p95"],
          ["#4a90d9", "#e08a00", "#c0392b", "#888"], [[], [], [], [], []], 4);
      ms.rate = chart(container, m.name + " calls and errors per cycle", ["calls", "errors"],
          ["#2e8b57", "#c0392b"], [[], [], []]);
    }
    ms.t.push(t); ms.p50.push(m.p50_ms); ms.p95.push(m.p95_ms); ms.p99.push(m.p99_ms);
    ms.base.push(m.baseline_p95_ms); ms.calls.push(m.calls); ms.errors.push(m.errors);
    if (ms.t.length > MAX_POINTS) {
      ["t", "p50", "p95", "p99", "base", "calls", "errors"].forEach(function (k) { ms[k].shift(); });
    }
    ms.latency.setData([ms.t, ms.p50, ms.p95, ms.p99, ms.base]);
    ms.rate.setData([ms.t, ms.calls, ms.errors]);
  }

  function renderResources(metrics) {
    var container = document.getElementById("resources");
    Object.keys(metrics.series).forEach(function (key) {
      var s = metrics.series[key];
      var t = s.samples.map(function (p) { return p.timestamp / 1000; });
      var v = s.samples.map(function (p) { return p.value; });
      if (!resourceCharts[key]) {
        resourceCharts[key] = chart(container, s.name + " (" + s.unit + ")", [s.name], ["#4a90d9"], [[], []]);
      }
      resourceCharts[key].setData([t, v]);
    });
  }

  function renderAlerts(alerts) {
    var list = document.getElementById("alerts");
    list.innerHTML = "";
    // Alerts with a lifecycle: the active ones only (resolved ones are history here).
    alerts = alerts.filter(function (a) { return a.state !== "resolved"; });
    if (!alerts.length) {
      var none = document.createElement("li");
      text(none, "none: nothing is worse than its baseline");
      list.appendChild(none);
    }
    alerts.forEach(function (a) {
      var li = document.createElement("li");
      var tag = document.createElement("span");
      tag.className = levelClass(a.state
          ? (a.severity === "CRITICAL" ? "Critical" : "Moderate") : a.severity);
      text(tag, a.level);
      li.appendChild(tag);
      // An anomaly's evidence does not name its series; a level's description starts with it.
      var what = a.state ? " " + (a.state === "pending" ? "(pending) " : "") + a.rule + ": "
          : a.kind && a.kind.indexOf("anomaly:") === 0
          ? " " + a.metric + " — " + a.kind.substring(8).replace(/_/g, " ") + ": " : " ";
      li.appendChild(document.createTextNode(what + a.description));
      list.appendChild(li);
    });
  }

  function get(path) {
    return fetch(path, { headers: { "Accept": "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(path + " answered " + r.status); }
      return r.json();
    });
  }

  function points() {
    var n = 0;
    Object.keys(methodSeries).forEach(function (k) { n += methodSeries[k].t.length; });
    Object.keys(resourceCharts).forEach(function (k) { n += resourceCharts[k].data[0].length; });
    return n;
  }
  state.points = points;

  function poll() {
    Promise.all([get("/metrics/summary"), get("/metrics?resolution=sample&last_n=360"), get("/metrics/alerts")])
      .then(function (r) {
        renderSummary(r[0]);
        renderResources(r[1]);
        renderAlerts(r[2]);
        state.polls++;
        state.ready = true;
      })
      .catch(function (e) {
        state.errors.push(String(e));
        text(document.getElementById("updated"), "endpoint unreachable: " + e.message);
      })
      .then(function () { setTimeout(poll, refresh); });
  }
  poll();
})();
