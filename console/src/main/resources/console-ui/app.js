"use strict";
// heatwatch console: one page, hash routes (#/, #/sensor/DEVICE/SENSOR, #/alarms, #/fleet, #/notify), live over SSE.
// A sensor is named by its device and its id (ids are unique per device only): key "deviceId/sensorId".
(() => {
  const view = document.getElementById("view");
  const state = { session: null, sensors: [], events: null, page: null, charts: [], openDeliveries: new Set(), tests: [] };

  // ---- helpers -------------------------------------------------------------------------------
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  };
  const fmtC = (v) => (v === null || v === undefined ? "—" : Number(v).toFixed(1));
  const ago = (iso) => {
    if (!iso) return "never";
    const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
    if (s < 60) return Math.round(s) + " s ago";
    if (s < 3600) return Math.round(s / 60) + " min ago";
    if (s < 86400) return Math.round(s / 3600) + " h ago";
    return Math.round(s / 86400) + " d ago";
  };
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : "—");
  const toast = (text) => {
    const t = el("div", { class: "toast", role: "status" }, text);
    document.body.append(t);
    setTimeout(() => t.remove(), 3500);
  };
  const isOperator = () => state.session && state.session.role === "operator";

  async function api(method, path, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && state.session) headers["X-CSRF-Token"] = state.session.csrf;
    const res = await fetch(path, {
      method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json().catch(() => ({}));
    if (res.status === 401 && path !== "/api/login") { showLogin(); throw new Error("log in first"); }
    if (!res.ok) { const e = new Error(data.message || res.statusText); e.field = data.field; e.status = res.status; throw e; }
    return data;
  }

  // ---- login and shell -----------------------------------------------------------------------
  function showLogin() {
    state.session = null;
    document.getElementById("banner").hidden = true;
    document.getElementById("health").hidden = true;
    if (state.events) { state.events.close(); state.events = null; }
    document.getElementById("top").hidden = true;
    view.replaceChildren(document.getElementById("login-template").content.cloneNode(true));
    const form = document.getElementById("login");
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const err = document.getElementById("login-error");
      try {
        state.session = await api("POST", "/api/login", {
          username: form.username.value, password: form.password.value });
        start();
      } catch (e) { err.textContent = e.message; err.hidden = false; }
    });
  }

  function start() {
    document.getElementById("top").hidden = false;
    document.getElementById("user").textContent = `${state.session.user} · ${state.session.role}`;
    connectEvents();
    route();
    pipeline();
  }

  document.getElementById("logout").addEventListener("click", async () => {
    await api("POST", "/api/logout", {}).catch(() => {});
    showLogin();
  });

  function connectEvents() {
    if (state.events) state.events.close();
    const live = document.getElementById("live");
    const es = new EventSource("/api/events");
    state.events = es;
    es.onopen = () => live.classList.add("on");
    es.onerror = () => live.classList.remove("on");
    es.addEventListener("readings", (m) => onReadings(JSON.parse(m.data)));
    es.addEventListener("alarm", (m) => onAlarm(JSON.parse(m.data)));
    es.addEventListener("device", () => { if (state.page === "fleet") renderFleet(); });
  }

  let refreshTimer = null;
  const refreshSoon = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => route(true), 300);
  };

  const keyOf = (r) => r.deviceId + "/" + r.sensorId;
  const sensorPath = (deviceId, sensorId) => encodeURIComponent(deviceId) + "/" + encodeURIComponent(sensorId);

  function onReadings(readings) {
    for (const r of readings) {
      const s = state.sensors.find((x) => x.key === keyOf(r));
      if (s) { s.tempC = r.tempC; s.ts = r.ts; s.quality = r.quality; s.stale = false; }
      if (state.page === "overview") updateTile(r);
      if (state.page === "sensor" && state.sensorKey === keyOf(r)) onSensorReading(r);
    }
  }

  function onAlarm(alarm) {
    if (alarm.kind === "PIPELINE_STALLED") pipeline();
    if (state.page === "overview" || state.page === "alarms" ||
        (state.page === "sensor" && state.sensorKey === keyOf(alarm))) refreshSoon();
    else updateAlarmCount();
  }

  function route(quiet) {
    if (!state.session) return;
    if (sparkObserver) { sparkObserver.disconnect(); sparkObserver = null; }
    state.charts.forEach((c) => c.destroy());
    state.charts = [];
    const hash = location.hash || "#/";
    const [, page, arg] = hash.match(/^#\/?([^/]*)\/?(.*)$/) || [];
    document.querySelectorAll("nav a").forEach((a) =>
      a.classList.toggle("active", a.dataset.nav === (page || "overview") ||
        (page === "sensor" && a.dataset.nav === "overview")));
    if (page === "sensor") {
      const [device, sensor] = arg.split("/", 2).map(decodeURIComponent);
      return renderSensor(device, sensor, quiet);
    }
    if (page === "alarms") return renderAlarms();
    if (page === "fleet") return renderFleet();
    if (page === "notify") return renderNotify();
    return renderOverview();
  }
  window.addEventListener("hashchange", () => route());

  // ---- pipeline health: the strip of stages and the banner while one is stopped ------------------
  // The banner shows while a PIPELINE_STALLED alarm is active or the watchdog says a stage is stalled.
  async function pipeline() {
    if (!state.session) return;
    let data;
    try { data = await api("GET", "/api/pipeline"); } catch (e) { return; }
    const banner = document.getElementById("banner");
    if (data.banner) {
      banner.replaceChildren(el("b", {}, "⚠ " + data.banner.stages.map((s) => s.toUpperCase()).join(", ") + " STOPPED"),
        " ", data.banner.message);
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
    renderStrip(data.watchdog, data.banner ? data.banner.stages : []);
  }

  function renderStrip(w, stopped) {
    const strip = document.getElementById("health");
    if (!w) { strip.hidden = true; return; } // no watchdog.url: no strip
    strip.hidden = false;
    if (!w.reachable) {
      strip.replaceChildren(el("span", { class: "stage unknown" }, "● watchdog"),
        el("span", { class: "muted" }, "not answering: " + (w.error || "no answer yet") +
          " — the pipeline's health is unknown"));
      return;
    }
    const stages = (w.stages || []).map((s) => {
      const st = stopped.includes(s.stage) && s.state !== "stalled" ? "stalled" : s.state;
      return el("span", { class: "stage " + st, "data-stage": s.stage,
        title: `${s.stage}: ${s.state} since ${when(s.since)}${s.detail ? " — " + s.detail : ""}` }, "● " + s.stage);
    });
    const facts = [
      `canary ${w.canaryAgeS ?? "?"} s ago`,
      w.connect ? `bridge task ${w.connect.state}, ${w.connect.taskRestarts} restarts` : null,
      w.job ? `job ${w.job.state}, ${w.job.restarts} restarts` : null,
      `lag ${w.kafkaLag ?? "?"}`,
    ].filter(Boolean);
    strip.replaceChildren(el("span", { class: "label" }, "Pipeline"), ...stages,
      el("span", { class: "muted facts" }, facts.join(" · ")));
  }

  // ---- overview --------------------------------------------------------------------------------
  function tileClass(s) {
    if (s.stale) return "stale";
    const active = s.alarms.filter((a) => a.state === "OPEN");
    if (active.some((a) => a.severity === "CRITICAL")) return "critical";
    if (active.length) return "warning";
    if (s.alarms.length) return "acknowledged";
    return "ok";
  }

  function updateAlarmCount() {
    const open = state.sensors.reduce((n, s) => n + s.alarms.filter((a) => a.state === "OPEN").length, 0);
    const badge = document.getElementById("alarm-count");
    badge.textContent = open;
    badge.hidden = open === 0;
  }

  async function renderOverview() {
    state.page = "overview";
    const data = await api("GET", "/api/sensors");
    state.sensors = data.sensors;
    updateAlarmCount();
    const open = state.sensors.filter((s) => !s.stale && s.alarms.length).length;
    const stale = state.sensors.filter((s) => s.stale).length;
    const ok = state.sensors.length - open - stale;
    const summary = el("div", { class: "summary" },
      stat(state.sensors.length, "sensors", ""),
      stat(ok < 0 ? 0 : ok, "normal", "ok"),
      stat(open, "in alarm", open ? "crit" : ""),
      stat(stale, "stale or offline", stale ? "warn" : ""));
    const grid = el("div", { class: "grid", id: "tiles" });
    if (!state.sensors.length) {
      grid.append(el("div", { class: "empty" }, data.loaded ? "No sensor has sent a reading yet." : "Loading…"));
    }
    view.replaceChildren(summary, grid);
    for (const s of state.sensors) grid.append(tile(s));
    drawSparklinesInView(grid);
  }

  // Each sparkline is a uPlot canvas: drawing all 500 of a large fleet held the page for ~1 s, so a
  // tile gets its sparkline when it comes on or near the screen, and the rest as they scroll in.
  let sparkObserver = null;
  function drawSparklinesInView(grid) {
    const bySensor = new Map(state.sensors.map((s) => [s.key, s]));
    sparkObserver = new IntersectionObserver((entries, observer) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        const s = bySensor.get(entry.target.dataset.sensor);
        if (s) sparkline(s, entry.target.querySelector(".spark"));
      }
    }, { rootMargin: "300px 0px" });
    grid.querySelectorAll(".tile").forEach((t) => sparkObserver.observe(t));
  }

  const stat = (n, label, cls) => el("div", { class: "stat " + cls }, el("b", {}, n), el("span", {}, label));

  function tile(s) {
    const badges = el("div", { class: "badges" },
      s.alarms.map((a) => el("span", { class: "pill " + (a.state === "OPEN" ? a.severity : a.state) }, a.kind.replace(/_/g, " "))),
      s.stale ? el("span", { class: "pill STALE" }, s.deviceState === "OFFLINE" ? "OFFLINE" : "STALE") : null);
    return el("a", { class: "tile " + tileClass(s), href: "#/sensor/" + sensorPath(s.deviceId, s.sensorId),
        "data-sensor": s.key },
      el("div", { class: "name", title: s.sensorId }, s.name || s.sensorId),
      el("div", { class: "where" }, `${s.deviceId} · ${s.site}`),
      el("div", { class: "value" }, fmtC(s.tempC), el("small", {}, " °C")),
      el("div", { class: "where ts", title: s.ts }, s.quality !== "OK" ? s.quality : ago(s.ts)),
      badges,
      el("div", { class: "spark" }));
  }

  function updateTile(r) {
    const t = document.querySelector(`.tile[data-sensor="${CSS.escape(keyOf(r))}"]`);
    if (!t) return refreshSoon();
    t.querySelector(".value").firstChild.textContent = fmtC(r.tempC);
    t.querySelector(".ts").textContent = r.quality !== "OK" ? r.quality : ago(r.ts);
    if (t.classList.contains("stale")) refreshSoon();
  }

  function sparkline(s, box) {
    if (!s.spark || s.spark[0].length < 2 || !window.uPlot) {
      box.append(el("span", { class: "where" }, "sparkline after the first minutes"));
      return;
    }
    const colour = { critical: "#f85149", warning: "#d29922", stale: "#6b7280" }[tileClass(s)] || "#58a6ff";
    const chart = new uPlot({
      width: box.clientWidth || 180, height: 40, pxAlign: false, cursor: { show: false },
      legend: { show: false }, select: { show: false },
      scales: { x: { time: true } },
      axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: colour, width: 1.5, fill: colour + "22" }],
    }, s.spark, box);
    state.charts.push(chart);
  }

  // ---- sensor page ------------------------------------------------------------------------------
  const RANGES = { "1 h": 3600e3, "24 h": 86400e3, "7 d": 7 * 86400e3 };

  async function renderSensor(deviceId, sensorId, quiet) {
    state.page = "sensor";
    state.sensorKey = deviceId + "/" + sensorId;
    state.range = state.range || "1 h";
    const to = new Date();
    const from = new Date(to.getTime() - RANGES[state.range]);
    const data = await api("GET", `/api/sensors/${sensorPath(deviceId, sensorId)}/series?from=${from.toISOString()}&to=${to.toISOString()}`);
    state.series = data;
    const latest = data.latest || {};
    const name = (data.config && data.config.name) || sensorId;
    const seg = el("div", { class: "seg" }, Object.keys(RANGES).map((r) =>
      el("button", { class: r === state.range ? "on" : "", onclick: () => { state.range = r; route(); } }, r)));
    const head = el("div", { class: "sensor-head" },
      el("a", { href: "#/" }, "← Overview"),
      el("h1", {}, name),
      el("span", { class: "big", id: "sensor-value" }, fmtC(latest.tempC), " °C"),
      el("span", { class: "muted", id: "sensor-ts" }, latest.ts ? ago(latest.ts) : "no reading"),
      el("span", { class: "muted" }, `${sensorId} · ${deviceId}`));
    const chartBox = el("div", { class: "chart", id: "chart" });
    const chartCard = el("div", { class: "card" },
      el("div", { class: "toolbar" }, el("h2", {}, "Temperature"), el("span", { class: "spacer" }), seg),
      chartBox,
      el("p", { class: "muted" }, `Resolution: ${data.resolution === "raw" ? "every reading" : data.resolution + " averages"}` +
        ` · dashed lines: HIGH ${fmtC(data.thresholds.highC)} °C, LOW ${fmtC(data.thresholds.lowC)} °C · shaded: alarms`));
    const alarms = el("div", { class: "card" }, el("h2", {}, "Alarms in this range"),
      data.alarms.length ? el("div", { class: "alarm-list" }, data.alarms.slice().reverse().map(alarmRow))
        : el("p", { class: "muted" }, "None."));
    view.replaceChildren(head, el("div", { class: "two" },
      el("div", {}, chartCard, el("br"), alarms), editor(deviceId, sensorId, data)));
    drawChart(chartBox, data);
  }

  function drawChart(box, data) {
    if (!window.uPlot) return;
    const t = data.points.t.map((ms) => ms / 1000);
    const v = data.points.v;
    const th = data.thresholds;
    const vals = v.filter((x) => x !== null);
    const top = Math.max(th.highC, ...vals) + 1;
    const bottom = Math.min(th.lowC, ...vals) - 1;
    const inAlarm = (ms) => data.alarms.some((a) =>
      Date.parse(a.openedAt) <= ms && (!a.clearedAt || ms <= Date.parse(a.clearedAt)));
    const shade = data.points.t.map((ms) => (inAlarm(ms) ? top : null));
    const width = box.clientWidth || 600;
    const chart = new uPlot({
      width, height: 320,
      scales: { x: { time: true }, y: { range: [bottom, top] } },
      axes: [{ stroke: "#8b9bab", grid: { stroke: "#2c3a47" } },
        { stroke: "#8b9bab", grid: { stroke: "#2c3a47" }, values: (u, ticks) => ticks.map((x) => x.toFixed(1) + "°") }],
      series: [{},
        { label: "°C", stroke: "#58a6ff", width: 2, spanGaps: false },
        { label: "HIGH", stroke: "#f85149", dash: [6, 4], width: 1.5, points: { show: false } },
        { label: "LOW", stroke: "#58c4ff", dash: [6, 4], width: 1.5, points: { show: false } },
        { label: "alarm", stroke: "transparent", fill: "rgba(248,81,73,0.18)", width: 0,
          fillTo: () => bottom, points: { show: false }, spanGaps: false }],
    }, [t, v, t.map(() => th.highC), t.map(() => th.lowC), shade], box);
    state.charts.push(chart);
    state.chart = chart;
  }

  function onSensorReading(r) {
    document.getElementById("sensor-value").firstChild.textContent = fmtC(r.tempC);
    document.getElementById("sensor-ts").textContent = ago(r.ts);
    const d = state.series;
    if (state.range === "1 h" && d && d.resolution === "raw" && state.chart) {
      d.points.t.push(Date.parse(r.ts));
      d.points.v.push(r.tempC);
      const t = d.points.t.map((ms) => ms / 1000);
      const inAlarm = state.chart.data[4];
      inAlarm.push(null);
      state.chart.setData([t, d.points.v, t.map(() => d.thresholds.highC), t.map(() => d.thresholds.lowC), inAlarm]);
    }
  }

  // [input name, label, whether the profile's defaults (data.profiles, from the API) hold a default for it]
  const FIELDS = [
    ["highC", "HIGH above (°C)", true], ["lowC", "LOW below (°C)", true],
    ["hysteresisC", "Clear hysteresis (°C)", true], ["maxRateCPerMin", "Max rate (°C/min)", true],
    ["spikeZ", "Spike sensitivity (z, lower = more)", true], ["minDurationS", "Alarm delay (s)", true],
    ["silentAfterS", "Silent after (s)", false],
  ];

  // What a profile runs and tolerates beyond the numbers of the form, in one line.
  function profileNote(p) {
    const parts = ["Checks " + p.detectors.map((k) => k.replace(/_/g, " ")).join(", ") + "."];
    if (p.defrostMaxS) parts.push(`Defrost tolerated up to ${Math.round(p.defrostMaxS / 60)} min` +
      (p.defrostCeilingC === null ? "." : ` and ${fmtC(p.defrostCeilingC)} °C.`));
    if (p.exposureMaxS) parts.push(`EXPOSURE after ${Math.round(p.exposureMaxS / 3600)} h beyond HIGH or LOW in ` +
      `${Math.round(p.exposureWindowS / 86400)} d.`);
    return parts.join(" ");
  }

  function editor(deviceId, sensorId, data) {
    const cfg = data.config || {};
    const select = el("select", { name: "profile", id: "profile" },
      el("option", { value: "" }, "none: the job's defaults"),
      Object.keys(data.profiles).filter((p) => p !== "CUSTOM").map((p) =>
        el("option", { value: p, selected: cfg.profile === p }, p.toLowerCase().replace(/_/g, " "))),
      el("option", { value: "CUSTOM", selected: cfg.profile === "CUSTOM" }, "custom: the job's defaults"));
    const note = el("p", { class: "muted wide", id: "profile-note" });
    const inputs = FIELDS.map(([f]) => el("input", { name: f, type: "number", step: "any", inputmode: "decimal",
      value: cfg[f] === null || cfg[f] === undefined ? "" : cfg[f] }));
    // Empty fields take the chosen profile's default: show it as the field's placeholder.
    const showDefaults = () => {
      const p = data.profiles[select.value || "CUSTOM"];
      FIELDS.forEach(([f, , profiled], i) => {
        inputs[i].placeholder = profiled ? `default ${p[f]}` : "default: 3× cadence";
      });
      note.textContent = profileNote(p);
    };
    select.addEventListener("change", showDefaults);
    showDefaults();
    const form = el("form", { class: "card editor", id: "thresholds" },
      el("h2", { class: "wide" }, "Thresholds"),
      el("label", { class: "wide" }, "Name", el("input", { name: "name", value: cfg.name || "", placeholder: sensorId })),
      el("label", { class: "wide" }, "Profile", select), note,
      FIELDS.map(([, label], i) => el("label", {}, label, inputs[i])),
      el("p", { class: "error wide", id: "editor-error", hidden: true }),
      el("div", { class: "actions" },
        el("button", { type: "submit", class: "primary", disabled: !isOperator() }, "Save thresholds"),
        el("span", { class: "muted" }, isOperator() ? "Empty = the profile's default." : "Viewers cannot change thresholds."),
        cfg.updatedBy ? el("span", { class: "muted" }, `Last change: ${cfg.updatedBy}, ${ago(cfg.updatedAt)}`) : null),
      isOperator() ? el("div", { class: "actions wide retire" },
        el("button", { type: "button", class: "danger", id: "retire", onclick: async () => {
          if (!confirm(`Retire ${sensorId}? The job clears its alarms and forgets it; it comes back if it reports again.`)) return;
          try {
            await api("POST", `/api/sensors/${sensorPath(deviceId, sensorId)}/retire`, {});
            toast("Sensor retired.");
            location.hash = "#/";
          } catch (e) { toast(e.message); }
        } }, "Retire sensor"),
        el("span", { class: "muted" }, "For a sensor taken away or replaced.")) : null);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const body = { profile: select.value || null };
      form.querySelectorAll("input, select").forEach((i) => i.classList.remove("bad"));
      for (const input of form.querySelectorAll("input")) {
        const raw = input.value.trim();
        if (input.name === "name") body.name = raw || null;
        else if (input.name === "minDurationS" || input.name === "silentAfterS") body[input.name] = raw === "" ? null : parseInt(raw, 10);
        else body[input.name] = raw === "" ? null : Number(raw);
      }
      const err = document.getElementById("editor-error");
      try {
        await api("PUT", `/api/sensors/${sensorPath(deviceId, sensorId)}/config`, body);
        err.hidden = true;
        toast("Thresholds saved — the job applies them from the next reading.");
        route();
      } catch (e) {
        err.textContent = e.message;
        err.hidden = false;
        const bad = e.field && form.querySelector(`[name="${CSS.escape(e.field)}"]`);
        if (bad) bad.classList.add("bad");
      }
    });
    return form;
  }

  // ---- alarms -------------------------------------------------------------------------------------
  // What an alarm is about: a pipeline stage, or a sensor (by its name when it has one).
  function alarmSubject(a) {
    if (a.kind === "PIPELINE_STALLED") return "stage " + a.sensorId;
    const s = state.sensors.find((x) => x.key === keyOf(a));
    return (s && s.name) || a.sensorId || a.deviceId;
  }

  // One comment box per active alarm: optional for Acknowledge, required for Resolve (the job
  // clears the alarm with it as the reason).
  function commandButton(a, comment, label, path, sent, required) {
    return el("button", { class: path + (path === "ack" ? " danger" : ""), onclick: async (ev) => {
      if (required && !comment.value.trim()) {
        comment.classList.add("bad");
        toast("Say in the comment why the alarm cannot end by itself.");
        return;
      }
      ev.target.disabled = true;
      try {
        await api("POST", `/api/alarms/${encodeURIComponent(a.alarmId)}/${path}`, { comment: comment.value });
        toast(sent);
        ev.target.textContent = "Sent…";
      } catch (e) { toast(e.message); ev.target.disabled = false; }
    } }, label);
  }

  // Who was told of an alarm, when, through what, and whether it arrived: the notifier's delivery
  // log, loaded when opened (and again when the list is drawn again while it is open).
  function notificationsOf(a) {
    const body = el("div", { class: "deliveries" }, el("span", { class: "meta" }, "Loading…"));
    const load = async () => {
      try {
        const data = await api("GET", `/api/alarms/${encodeURIComponent(a.alarmId)}/notifications`);
        body.replaceChildren(data.deliveries.length
          ? el("table", { class: "deliveries-table" },
            el("thead", {}, el("tr", {}, ["When", "Who", "Channel", "Why", "State", "Detail"].map((h) => el("th", {}, h)))),
            el("tbody", {}, data.deliveries.map((d) => el("tr", { "data-delivery": d.id },
              el("td", { title: d.at }, when(d.at)),
              el("td", {}, d.recipient || "(the channel's room)"),
              el("td", {}, d.channel),
              el("td", {}, d.reason + (d.reason === "ESCALATED" ? " " + d.level : d.reason === "REMINDER" ? " " + d.count : "")),
              el("td", {}, el("span", { class: "pill " + d.state }, d.state)),
              el("td", { class: "meta" }, d.detail || "")))))
          : el("span", { class: "meta" }, data.following
            ? "Nobody has been notified of this alarm (yet)."
            : "The delivery log cannot be read now."));
      } catch (e) { body.replaceChildren(el("span", { class: "meta" }, e.message)); }
    };
    const details = el("details", { class: "notifications", open: state.openDeliveries.has(a.alarmId), ontoggle: () => {
      if (details.open) { state.openDeliveries.add(a.alarmId); load(); } else state.openDeliveries.delete(a.alarmId);
    } }, el("summary", {}, "Notifications"), body);
    return details;
  }

  function alarmRow(a) {
    const pill = a.severity;
    const comment = el("input", { placeholder: "Comment: what you did (required to resolve)", maxlength: 500, class: "comment" });
    const acked = a.ackedBy ? el("div", { class: "act meta" }, `Acknowledged by ${a.ackedBy}${a.ackComment ? ": “" + a.ackComment + "”" : ""}`) : null;
    const act = a.state !== "CLEARED" && isOperator()
      ? el("div", { class: "act" }, comment,
        a.state === "OPEN" ? commandButton(a, comment, "Acknowledge", "ack", "Acknowledgement sent.", false) : null,
        commandButton(a, comment, "Resolve", "resolve", "Resolve sent: the job clears the alarm.", true))
      : null;
    return el("div", { class: "alarm " + a.state, "data-alarm": a.alarmId },
      el("div", {}, el("span", { class: "pill " + pill }, pill), " ",
        el("span", { class: "msg" }, `${a.kind.replace(/_/g, " ")} · ${alarmSubject(a)}`)),
      el("div", { class: "state pill " + a.state }, a.state),
      el("div", { class: "meta" }, a.message || ""),
      el("div", { class: "meta" }, `opened ${when(a.openedAt)}` + (a.clearedAt ? ` · cleared ${when(a.clearedAt)}` : "")),
      a.excursionSummary ? el("div", { class: "meta excursion" }, a.excursionSummary) : null,
      acked, act, notificationsOf(a));
  }

  async function renderAlarms() {
    state.page = "alarms";
    state.alarmFilter = state.alarmFilter || "";
    const filters = { "": "All", "OPEN,ACKNOWLEDGED": "Active", CLEARED: "History" };
    const data = await api("GET", "/api/alarms" + (state.alarmFilter ? "?state=" + state.alarmFilter : ""));
    const seg = el("div", { class: "seg" }, Object.entries(filters).map(([k, label]) =>
      el("button", { class: k === state.alarmFilter ? "on" : "", onclick: () => { state.alarmFilter = k; renderAlarms(); } }, label)));
    // The list is drawn again on every alarm event: keep what an operator is typing, and where.
    const typed = new Map();
    let focused = null;
    view.querySelectorAll(".alarm input").forEach((i) => {
      const key = i.closest(".alarm").dataset.alarm + " " + i.className.replace(/ ?bad/, "");
      if (i.value) typed.set(key, i.value);
      if (i === document.activeElement) focused = key;
    });
    const list = data.alarms.length ? el("div", { class: "alarm-list", id: "alarms" }, data.alarms.map(alarmRow))
      : el("div", { class: "empty" }, "No alarms. All quiet.");
    view.replaceChildren(el("div", { class: "toolbar" }, el("h1", {}, "Alarms"), el("span", { class: "spacer" }), seg), list);
    view.querySelectorAll(".alarm input").forEach((i) => {
      const key = i.closest(".alarm").dataset.alarm + " " + i.className;
      if (typed.has(key)) i.value = typed.get(key);
      if (key === focused) i.focus();
    });
  }

  // ---- fleet --------------------------------------------------------------------------------------
  async function renderFleet() {
    state.page = "fleet";
    const data = await api("GET", "/api/devices");
    const rows = data.devices.map((d) => el("tr", { "data-device": d.deviceId },
      el("td", {}, el("b", {}, d.deviceId)), el("td", {}, d.site),
      el("td", {}, el("span", { class: "pill " + d.state }, d.state)),
      el("td", { title: d.lastSeen }, ago(d.lastSeen)),
      el("td", { class: "num" }, d.outboxDepth ?? "—"), el("td", { class: "num" }, d.dropped ?? "—"),
      el("td", {}, d.agentVersion || "—"),
      el("td", { class: "num" }, d.uptimeS ? Math.round(d.uptimeS / 3600) + " h" : "—")));
    view.replaceChildren(el("div", { class: "toolbar" }, el("h1", {}, "Fleet"),
      el("span", { class: "muted" }, `${data.devices.filter((d) => d.state === "ONLINE").length} of ${data.devices.length} online`)),
      data.devices.length ? el("div", { class: "card table-wrap" }, el("table", { id: "devices" },
        el("thead", {}, el("tr", {}, ["Device", "Site", "State", "Last seen", "Outbox", "Dropped", "Version", "Uptime"]
          .map((h) => el("th", {}, h)))), el("tbody", {}, rows)))
        : el("div", { class: "empty" }, "No device has reported its status yet."));
  }

  // ---- notifications: the notifier's channels and "send test" ------------------------------------
  // The channels come from the notifier's catalogue; a test goes through the notifier like an alarm
  // would, and its row shows what the delivery log says: SENT with the server's answer, or FAILED.
  const terminal = (s) => s === "SENT" || s === "FAILED" || s === "SUPPRESSED";

  function testRow(t) {
    const row = el("tr", { "data-test": t.alarmId },
      el("td", { title: t.at }, when(t.at)), el("td", {}, t.channel), el("td", {}, t.recipient || "—"),
      el("td", {}, el("span", { class: "pill " + (t.state || "CLAIMED") }, t.state || "REQUESTED")),
      el("td", { class: "meta" }, t.detail || ""));
    return row;
  }

  async function pollTest(t) {
    for (let i = 0; i < 120 && !terminal(t.state); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      try {
        const data = await api("GET", `/api/alarms/${encodeURIComponent(t.alarmId)}/notifications`);
        const d = data.deliveries[data.deliveries.length - 1];
        if (d) { t.state = d.state; t.detail = d.detail; }
      } catch (e) { t.detail = e.message; }
      const row = view.querySelector(`tr[data-test="${t.alarmId}"]`);
      if (row) row.replaceWith(testRow(t));
    }
  }

  function channelRow(c, recipients) {
    const able = recipients.filter((r) => c.type === "EMAIL" ? r.email : c.type === "SMS" ? r.phone : true);
    const pick = c.needsRecipient
      ? el("select", { class: "recipient", "aria-label": "recipient for " + c.id },
        able.map((r) => el("option", { value: r.id }, `${r.name} (${r.id})`)))
      : el("span", { class: "meta" }, "the channel's own address");
    const send = isOperator() ? el("button", { class: "send-test", onclick: async (ev) => {
      ev.target.disabled = true;
      try {
        const body = { channel: c.id };
        if (c.needsRecipient) body.recipient = pick.value;
        const res = await api("POST", "/api/notifier/tests", body);
        const t = { alarmId: res.alarmId, channel: c.id, recipient: body.recipient, at: new Date().toISOString() };
        state.tests.unshift(t);
        const tbody = document.getElementById("tests-body");
        if (tbody) tbody.prepend(testRow(t));
        toast("Test requested: the notifier sends it now.");
        pollTest(t);
      } catch (e) { toast(e.message); }
      ev.target.disabled = false;
    } }, "Send test") : null;
    return el("tr", { "data-channel": c.id }, el("td", {}, el("b", {}, c.id)), el("td", {}, c.type),
      el("td", {}, c.needsRecipient && !able.length ? el("span", { class: "meta" }, "no recipient has an address for it") : pick),
      el("td", {}, c.needsRecipient && !able.length ? null : send));
  }

  async function renderNotify() {
    state.page = "notify";
    const data = await api("GET", "/api/notifier");
    const cat = data.catalogue;
    const head = el("div", { class: "toolbar" }, el("h1", {}, "Notifications"),
      el("span", { class: "muted" }, isOperator()
        ? "Channels, recipients and policies can be edited below (Settings)."
        : "Channels, recipients and policies are edited by an operator."));
    if (!cat) {
      view.replaceChildren(head, el("div", { class: "empty" }, data.following
        ? "The notifier has not listed its channels yet: is it running?"
        : "The notifier's settings cannot be read now."));
      return;
    }
    const channels = el("div", { class: "card table-wrap" }, el("h2", {}, "Channels"), el("table", { id: "channels" },
      el("thead", {}, el("tr", {}, ["Channel", "Type", "To", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, cat.channels.map((c) => channelRow(c, cat.recipients)))));
    // The latest tests by anyone, from the delivery log, after those asked for here and not yet in it.
    const logged = (data.recentTests || []).map((t) => ({ alarmId: t.alarmId, channel: t.delivery.channel,
      recipient: t.delivery.recipient, at: t.delivery.at, state: t.delivery.state, detail: t.delivery.detail }));
    const inLog = new Set(logged.map((t) => t.alarmId));
    const tests = el("div", { class: "card table-wrap stacked" }, el("h2", {}, "Recent tests"), el("table", { id: "tests" },
      el("thead", {}, el("tr", {}, ["When", "Channel", "Recipient", "State", "Detail"].map((h) => el("th", {}, h)))),
      el("tbody", { id: "tests-body" }, state.tests.filter((t) => !inLog.has(t.alarmId)).concat(logged).map(testRow))));
    const people = el("div", { class: "card table-wrap stacked" }, el("h2", {}, "Recipients"), el("table", { id: "recipients" },
      el("thead", {}, el("tr", {}, ["Id", "Name", "E-mail", "Phone"].map((h) => el("th", {}, h)))),
      el("tbody", {}, cat.recipients.length ? cat.recipients.map((r) => el("tr", {}, el("td", {}, r.id), el("td", {}, r.name),
        el("td", {}, r.email ? "yes" : "—"), el("td", {}, r.phone ? "yes" : "—")))
        : el("tr", {}, el("td", { colspan: 4, class: "meta" }, "No recipients: every channel sends to its own address.")))));
    const policies = el("div", { class: "card table-wrap stacked" }, el("h2", {}, "Policies"), el("table", { id: "policies" },
      el("thead", {}, el("tr", {}, ["Policy (first match decides)", "Levels"].map((h) => el("th", {}, h)))),
      el("tbody", {}, (cat.policies || []).map((p) => el("tr", {}, el("td", {}, p.name), el("td", { class: "num" }, p.levels))))));
    view.replaceChildren(head, channels, tests, people, policies);
    if (isOperator()) view.append(await settingsEditor());
  }

  // ---- notifier settings: channels, recipients and policies as the notifier's YAML sections ------
  // Saved to Kafka for the notifier, which checks them as it checks its file and applies them, or
  // reports every problem by its path; the editor waits for its answer. Secrets are references only.
  function settingsStatus(data) {
    const a = data.applied;
    if (!a) return el("p", { class: "meta" }, "The notifier has not reported its settings yet: is it running?");
    const lines = [el("p", { id: "settings-version" }, a.source === "file"
      ? `In effect: the notifier's file (version 0), since ${when(a.appliedAt)}.`
      : `In effect: version ${a.version}, saved by ${a.by} at ${when(a.at)}.`)];
    if (data.pending) lines.push(el("p", { class: "meta", id: "settings-pending" },
      `Version ${data.pending.version} saved by ${data.pending.by} is waiting for the notifier…`));
    if (a.rejected) lines.push(el("div", { class: "problems", id: "settings-problems", role: "alert" },
      el("p", {}, el("b", {}, `Version ${a.rejected.version} by ${a.rejected.by} was not applied:`)),
      el("ul", {}, a.rejected.problems.map((p) => el("li", {}, p)))));
    return el("div", { id: "settings-status" }, lines);
  }

  async function settingsEditor() {
    const data = await api("GET", "/api/notifier/settings");
    const a = data.applied;
    const status = el("div", {}, settingsStatus(data));
    const areas = {};
    const fields = ["channels", "recipients", "policies"].map((name) => {
      areas[name] = el("textarea", { id: "settings-" + name, rows: 10, spellcheck: "false", "aria-label": name + " (YAML)" });
      areas[name].value = a ? a[name] : "";
      return el("label", { class: "settings-section" }, el("span", {}, name[0].toUpperCase() + name.slice(1) + " (YAML)"), areas[name]);
    });
    const save = el("button", { id: "settings-save", disabled: !a || data.pending ? true : null, onclick: async () => {
      save.disabled = true;
      try {
        const body = { baseVersion: a.version };
        for (const n of Object.keys(areas)) body[n] = areas[n].value;
        const res = await api("PUT", "/api/notifier/settings", body);
        toast(`Version ${res.version} saved: the notifier checks and applies it.`);
        for (let i = 0; i < 60; i++) {
          await new Promise((r) => setTimeout(r, 1000));
          const now = await api("GET", "/api/notifier/settings");
          const ap = now.applied || {};
          const done = ap.version >= res.version || (ap.rejected && ap.rejected.version >= res.version);
          status.replaceChildren(settingsStatus(now));
          if (done) { if (ap.version >= res.version) renderNotify(); else save.disabled = false; return; }
        }
      } catch (e) { toast(e.message); }
      save.disabled = false;
    } }, "Save settings");
    return el("div", { class: "card", id: "settings" }, el("h2", {}, "Settings"),
      el("p", { class: "meta" }, "The notifier's channels, recipients and policies, in the syntax of notifier.yml" +
        " (docs/notifications.md). A password, token or signing secret is sealed below, or a reference to the" +
        " notifier's host (env:NAME, file:/path); never its plain value. A Slack or Teams webhook url holds its" +
        " token: seal it too."),
      status, el("div", { class: "settings-grid" }, fields), el("div", { class: "toolbar" }, save), sealer());
  }

  // A secret typed here is sealed by the console with the notifier's public key and never shown again:
  // the sealed text goes into a channel's password, token, secret or url, and only the notifier opens it.
  function sealer() {
    const input = el("input", { type: "password", id: "seal-value", autocomplete: "off", "aria-label": "secret to seal" });
    const out = el("input", { id: "seal-out", readonly: true, "aria-label": "sealed secret", placeholder: "sealed:v1:…" });
    const button = el("button", { id: "seal", onclick: async () => {
      try {
        const res = await api("POST", "/api/notifier/seal", { value: input.value });
        input.value = "";
        out.value = res.sealed;
        out.select();
        toast("Sealed: paste it as the channel's password, token, secret or webhook url.");
      } catch (e) { toast(e.message); }
    } }, "Seal");
    return el("div", { class: "sealer" }, el("h3", {}, "Seal a secret"),
      el("div", { class: "toolbar" }, input, button, out));
  }

  // ---- boot ---------------------------------------------------------------------------------------
  setInterval(() => { if (state.page === "overview") route(true); }, 30000);
  setInterval(pipeline, 5000);
  api("GET", "/api/session").then((s) => { state.session = s; start(); }).catch(() => {});
})();
