// The perf-agent dashboard: polls the endpoint every few seconds (?refresh=N seconds, default 10)
// and draws uPlot charts. Method history is kept in the page, one point per analysis cycle.
// With perf.endpoint.token set, open the page as /#token=<token>: the fragment never reaches a
// server (nor its log); the page moves the token to this tab's sessionStorage, removes it from the
// address bar and sends it as "Authorization: Bearer" with every request.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var refresh = Math.max(1, Number(params.get("refresh")) || 10) * 1000;
  var MAX_POINTS = 720;
  var BAND_FILL = "rgba(136, 136, 136, 0.22)";
  var methodSeries = {};   // name -> {t:[], p50:[], p95:[], p99:[], base:[], lo:[], hi:[], calls:[], errors:[], latency, rate}
  var resourceCharts = {}; // series name -> chart
  var resourceBands = {};  // series name -> {lo, hi} in the chart's unit, from the latest summary
  var lastCycle = -1;
  var token = takeToken();
  // A token typed or pasted into the address bar of the open page (no reload): from the next poll.
  window.addEventListener("hashchange", function () { token = takeToken(); });
  var state = { ready: false, polls: 0, errors: [], authorized: true };
  window.perfDashboard = state;

  // Indicators of /metrics/summary behind the sample series of /metrics, and the factor from the
  // indicator's unit to the series' unit: the band on a resource chart is its indicator's baseline.
  var INDICATOR_OF = {
    memory_usage: ["process.memory.usage", 1 / 1048576],
    heap_after_gc: ["jvm.memory.used_after_last_gc", 1 / 1048576],
    cpu_usage: ["process.cpu.utilization", 100],
    gc_time: ["jvm.gc.time_fraction", 100],
    threads: ["jvm.thread.count", 1],
    open_file_descriptors: ["process.unix.file_descriptor.count", 1],
    io_latency: ["perf.io.latency", 1000]
  };

  function takeToken() {
    var m = /(?:^#|&)token=([^&]*)/.exec(location.hash);
    var t = null;
    try {
      if (m) {
        t = decodeURIComponent(m[1]);
        sessionStorage.setItem("perfAgentToken", t);
      } else {
        t = sessionStorage.getItem("perfAgentToken");
      }
    } catch (e) {
      t = m ? decodeURIComponent(m[1]) : null; // storage off: keep it for this page only
    }
    if (m) {
      history.replaceState(null, "", location.pathname + location.search);
    }
    return t;
  }

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

  function orNull(v) { return v === undefined || v === null || isNaN(v) ? null : v; }

  // A chart of the given series; "band": the 1-based indices of its low and high series, drawn
  // as a filled band (thin edges, no legend noise) rather than as lines.
  function chart(container, title, labels, colours, data, band) {
    var div = document.createElement("div");
    div.className = "chart";
    div.dataset.title = title;
    var h = document.createElement("h3");
    text(h, title);
    div.appendChild(h);
    container.appendChild(div);
    var series = [{}];
    for (var i = 0; i < labels.length; i++) {
      var edge = band && (band[0] === i + 1 || band[1] === i + 1);
      series.push({ label: labels[i], stroke: edge ? "rgba(136, 136, 136, 0.5)" : colours[i],
        width: edge ? 0.5 : 1.5, points: { show: !edge } });
    }
    var opts = { width: 420, height: 180, series: series, scales: { x: { time: true } } };
    if (band) {
      opts.bands = [{ series: [band[1], band[0]], fill: BAND_FILL }];
    }
    var u = new uPlot(opts, data, div);
    u.perfTitle = title;
    return u;
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
    var byIndicator = {};
    (s.resources || []).forEach(function (r) {
      byIndicator[r.indicator] = r;
      var row = document.createElement("tr");
      row.dataset.name = r.indicator;
      cell(row, r.indicator);
      cell(row, fmtValue(r.value, r.unit));
      cell(row, fmtValue(r.baseline, r.unit));
      cell(row, fmtChange(r.change_pct));
      cell(row, r.level, levelClass(r.level));
      body.appendChild(row);
    });
    Object.keys(INDICATOR_OF).forEach(function (key) {
      var r = byIndicator[INDICATOR_OF[key][0]];
      var f = INDICATOR_OF[key][1];
      resourceBands[key] = r && orNull(r.baseline_band_low) !== null && orNull(r.baseline_band_high) !== null
          ? { lo: r.baseline_band_low * f, hi: r.baseline_band_high * f } : null;
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
      ms = methodSeries[m.name] = { t: [], p50: [], p95: [], p99: [], base: [], lo: [], hi: [], calls: [], errors: [] };
      ms.latency = chart(container, m.name + " latency (ms)",
          ["p50", "p95", "p99", "baseline p95 median", "baseline p95 low", "baseline p95 high"],
          ["#4a90d9", "#e08a00", "#c0392b", "#888", "#888", "#888"], [[], [], [], [], [], [], []], [5, 6]);
      ms.rate = chart(container, m.name + " calls and errors per cycle", ["calls", "errors"],
          ["#2e8b57", "#c0392b"], [[], [], []]);
    }
    ms.t.push(t); ms.p50.push(orNull(m.p50_ms)); ms.p95.push(orNull(m.p95_ms)); ms.p99.push(orNull(m.p99_ms));
    ms.base.push(orNull(m.baseline_p95_ms)); ms.lo.push(orNull(m.baseline_band_low_ms));
    ms.hi.push(orNull(m.baseline_band_high_ms)); ms.calls.push(m.calls); ms.errors.push(m.errors);
    if (ms.t.length > MAX_POINTS) {
      ["t", "p50", "p95", "p99", "base", "lo", "hi", "calls", "errors"].forEach(function (k) { ms[k].shift(); });
    }
    ms.latency.setData([ms.t, ms.p50, ms.p95, ms.p99, ms.base, ms.lo, ms.hi]);
    ms.rate.setData([ms.t, ms.calls, ms.errors]);
  }

  function renderResources(metrics) {
    var container = document.getElementById("resources");
    Object.keys(metrics.series).forEach(function (key) {
      var s = metrics.series[key];
      var t = s.samples.map(function (p) { return p.timestamp / 1000; });
      var v = s.samples.map(function (p) { return orNull(p.value); });
      var banded = key in INDICATOR_OF;
      if (!resourceCharts[key]) {
        resourceCharts[key] = banded
            ? chart(container, s.name + " (" + s.unit + ")", [s.name, "baseline low", "baseline high"],
                ["#4a90d9", "#888", "#888"], [[], [], [], []], [2, 3])
            : chart(container, s.name + " (" + s.unit + ")", [s.name], ["#4a90d9"], [[], []]);
      }
      if (banded) {
        var b = resourceBands[key];
        var lo = t.map(function () { return b ? b.lo : null; });
        var hi = t.map(function () { return b ? b.hi : null; });
        resourceCharts[key].setData([t, v, lo, hi]);
      } else {
        resourceCharts[key].setData([t, v]);
      }
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

  function renderRecommendations(doc) {
    var list = document.getElementById("recommendations");
    list.innerHTML = "";
    var recs = doc.recommendations || [];
    if (!recs.length) {
      var none = document.createElement("li");
      text(none, "none");
      list.appendChild(none);
    }
    recs.forEach(function (r) {
      var li = document.createElement("li");
      li.dataset.rule = r.rule;
      li.dataset.subject = r.subject;
      var tag = document.createElement("span");
      tag.className = levelClass(r.severity);
      text(tag, r.severity);
      li.appendChild(tag);
      li.appendChild(document.createTextNode(" " + r.text + " "));
      var action = document.createElement("span");
      action.className = "action";
      text(action, "→ " + r.action);
      li.appendChild(action);
      list.appendChild(li);
    });
  }

  function get(path) {
    var headers = { "Accept": "application/json" };
    if (token) { headers["Authorization"] = "Bearer " + token; }
    return fetch(path, { headers: headers }).then(function (r) {
      if (r.status === 401) {
        state.authorized = false;
        document.getElementById("auth").hidden = false;
        throw new Error(path + " needs the endpoint's token");
      }
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

  // For tests: every chart's title, series labels, number of bands and latest values.
  state.charts = function () {
    var all = [];
    Object.keys(methodSeries).forEach(function (k) { all.push(methodSeries[k].latency, methodSeries[k].rate); });
    Object.keys(resourceCharts).forEach(function (k) { all.push(resourceCharts[k]); });
    return all.map(function (u) {
      var n = u.data[0].length;
      return {
        title: u.perfTitle,
        labels: u.series.slice(1).map(function (s) { return s.label; }),
        bands: (u.bands || []).length,
        points: n,
        last: u.data.slice(1).map(function (d) { return n ? d[n - 1] : null; })
      };
    });
  };

  function poll() {
    Promise.all([get("/metrics/summary"), get("/metrics?resolution=sample&last_n=360"),
        get("/metrics/alerts"), get("/metrics/recommendations")])
      .then(function (r) {
        state.authorized = true;
        document.getElementById("auth").hidden = true;
        renderSummary(r[0]);
        renderResources(r[1]);
        renderAlerts(r[2]);
        renderRecommendations(r[3]);
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
