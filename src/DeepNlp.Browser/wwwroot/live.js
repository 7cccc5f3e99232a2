// The live page's side of the engine: editable cells, Run buttons, outputs from the worker (worker.js), interrupt.
// A cell runs in a Web Worker, so the page stays responsive; interrupt ends the worker (a single-threaded runtime
// cannot stop a running cell) and starts a fresh one, and says that the state is gone.
// A cell that needs a local kernel (ILGPU) prints so, and the page puts the stored outputs of the native run back under
// it, labelled; on a lecture whose setup cell needs one (09, marked by the renderer) no cell is sent to the engine.
// A cell tagged native-output (data-native-output, Course.Cli/Rendering/NativeOutput.cs) needs more compute than a tab
// has: Run all leaves its stored, labelled native output in place (status NativeOutput) instead of running it; its own
// Run button runs it here on demand.
(function () {
  const base = window.deepnlpLive || "live/";
  const status = document.getElementById("engine-status");
  const say = (text) => { if (status) status.textContent = text; };
  let worker = null, nextId = 1, pending = new Map(), current = null;
  const displays = new Map();
  const wholeLectureNeedsLocalKernel = !!document.querySelector(".needs-local-kernel");
  // The outputs the page was rendered with (the native run's, when the site was rendered from executed notebooks).
  const stored = new Map();
  const nativeOutputs = (cell) => stored.get(cell) || [];
  // marks: start-up milestones in ms from navigation (the page's time origin), the worker's and the page's own.
  window.deepnlpLiveState = { ready: false, readyMs: null, runs: 0, restarts: 0, marks: {} };
  const markPage = (name, at) => {
    const marks = window.deepnlpLiveState.marks;
    if (!(name in marks)) marks[name] = (at ?? performance.timeOrigin + performance.now()) - performance.timeOrigin;
  };

  function start() {
    const state = window.deepnlpLiveState;
    state.ready = false;
    say("engine: starting (downloads .NET the first time)…");
    // The page's first script started the worker already (course render's LiveBoot) and kept its messages; a restart
    // after an interrupt starts a new one here.
    const early = window.deepnlpLiveBoot;
    window.deepnlpLiveBoot = null;
    const t0 = early ? early.t0 : performance.now();
    markPage("worker_created", performance.timeOrigin + t0);
    worker = early ? early.worker : new Worker(base + "worker.js", { type: "module" });
    worker.onmessage = (m) => receive(m.data, t0);
    worker.onerror = (e) => say("engine: failed to start: " + (e.message || e));
    if (early) for (const message of early.messages) receive(message, t0);
    if (early && early.error) say("engine: failed to start: " + early.error);
  }

  function receive(msg, t0) {
    const state = window.deepnlpLiveState;
    if (msg.type === "ready") { state.ready = true; state.readyMs = performance.now() - t0; markPage("ready"); say("engine: ready"); return; }
    if (msg.type === "mark") { markPage(msg.name, msg.at); return; }
    if (msg.type === "progress") { say("engine: " + msg.text); return; }
    if (msg.type === "event") { if (current) show(current.out, msg.event); return; }
    if (msg.type === "done" || msg.type === "failed") {
      const job = pending.get(msg.id);
      if (msg.type === "failed") {
        if (job) append(job.out, "pre", "output error", "engine failure: " + msg.message);
        else say("engine: failed to start: " + msg.message);
      }
      if (!job) return;
      pending.delete(msg.id);
      if (msg.outcome && msg.outcome.worker) {
        const now = performance.timeOrigin + performance.now();
        msg.outcome.page = { roundTripMs: performance.now() - job.sentAt, messageMs: now - msg.outcome.worker.postedAt };
        markPage("first_cell_done");
      }
      say("engine: ready");
      const status = msg.outcome ? msg.outcome.status : "EngineFailure";
      job.prompt.textContent = status === "NeedsLocalKernel" ? "In [–]:" : "In [" + (msg.outcome ? msg.outcome.count : "!") + "]:";
      if (status === "NeedsLocalKernel") showNative(job.out, job.cell);
      job.cell.classList.remove("running");
      job.cell.dataset.status = msg.outcome ? msg.outcome.status : "EngineFailure";
      state.runs++;
      current = null;
      job.resolve(msg.outcome || { status: "EngineFailure" });
      runNext();
    }
  }

  function showNative(out, cell) {
    const nodes = nativeOutputs(cell);
    if (!nodes.length) return;
    // A native-output cell's stored nodes start with the renderer's own label.
    if (!nodes.some((n) => n.classList && n.classList.contains("native-run-label")))
      append(out, "div", "output native-run-label", "Output of the native run (stored in the notebook, not computed here):");
    out.append(...nodes);
  }

  const queue = [];
  // options.runAll: run as "Run all" does, which leaves a native-output cell's stored output in place.
  function run(cell, options) {
    if (cell.dataset.nativeOutput && options && options.runAll) {
      const out = cell.querySelector(".outputs");
      out.replaceChildren();
      showNative(out, cell);
      cell.querySelector(".prompt").textContent = "In [–]:";
      cell.dataset.status = "NativeOutput";
      return Promise.resolve({ status: "NativeOutput" });
    }
    if (wholeLectureNeedsLocalKernel) {
      const out = cell.querySelector(".outputs");
      out.replaceChildren();
      append(out, "pre", "output stderr", "This lecture needs a local kernel (ILGPU): its cells do not run in the browser. Run it in Jupyter or with `course run`.");
      showNative(out, cell);
      cell.dataset.status = "NeedsLocalKernel";
      return Promise.resolve({ status: "NeedsLocalKernel" });
    }
    return new Promise((resolve) => {
      const out = cell.querySelector(".outputs");
      out.replaceChildren();
      if (cell.dataset.nativeOutput)
        append(out, "div", "output native-run-label", "Running here on demand: this cell needs more compute than a browser tab has and may take minutes (reload the page to see the native run's output again).");
      cell.classList.add("running");
      cell.dataset.status = "queued";
      const prompt = cell.querySelector(".prompt");
      prompt.textContent = "In [*]:";
      queue.push({ id: nextId++, cell, out, prompt, resolve, code: cell.querySelector("textarea.source").value });
      runNext();
    });
  }
  function runNext() {
    if (current || !queue.length) return;
    current = queue.shift();
    pending.set(current.id, current);
    current.sentAt = performance.now();
    markPage("first_cell_sent");
    worker.postMessage({ type: "run", id: current.id, code: current.code });
  }

  function append(out, tag, cls, text) {
    const el = document.createElement(tag);
    el.className = cls;
    if (text !== undefined) el.textContent = text;
    out.appendChild(el);
    return el;
  }

  function renderBundle(el, data) {
    el.innerHTML = "";
    const plotly = data["application/vnd.plotly.v1+json"];
    if (plotly && window.Plotly) {
      const fig = JSON.parse(plotly);
      const div = document.createElement("div");
      div.className = "output chart";
      el.appendChild(div);
      window.Plotly.newPlot(div, fig.data, fig.layout || {}, { responsive: true });
    } else if (data["text/html"]) {
      const div = document.createElement("div");
      div.className = "output html";
      div.innerHTML = data["text/html"];
      el.appendChild(div);
    } else {
      const pre = document.createElement("pre");
      pre.className = "output text";
      pre.textContent = data["text/plain"] || "";
      el.appendChild(pre);
    }
    if (window.MathJax && window.MathJax.typesetPromise) window.MathJax.typesetPromise([el]).catch(() => {});
  }

  function show(out, e) {
    if (e.kind === "stream") {
      const last = out.lastElementChild;
      if (last && last.dataset.stream === e.name) last.textContent += e.text;
      else append(out, "pre", "output " + e.name, e.text).dataset.stream = e.name;
    } else if (e.kind === "display" || e.kind === "result") {
      const holder = append(out, "div", "output " + e.kind);
      if (e.displayId) displays.set(e.displayId, holder);
      renderBundle(holder, e.data);
    } else if (e.kind === "update") {
      const holder = displays.get(e.displayId);
      if (holder) renderBundle(holder, e.data);
    } else if (e.kind === "error") {
      const where = e.line ? " (cell line " + e.line + ")" : "";
      append(out, "pre", "output error", e.name + where + ": " + e.text + (e.traceback && e.traceback.length ? "\n" + e.traceback.join("\n") : ""));
    }
  }

  function interrupt() {
    if (worker) worker.terminate();
    for (const job of [...pending.values(), ...queue]) {
      append(job.out, "pre", "output error", "Interrupted: the engine was restarted, so every variable is gone; run the cells above again.");
      job.cell.classList.remove("running");
      job.cell.dataset.status = "Interrupted";
      job.prompt.textContent = "In [ ]:";
      job.resolve({ status: "Interrupted" });
    }
    pending.clear(); queue.length = 0; current = null; displays.clear();
    window.deepnlpLiveState.restarts++;
    start();
    say("engine: restarted after interrupt (state lost)");
  }

  const cells = [...document.querySelectorAll(".cell.code")];
  for (const cell of cells) stored.set(cell, [...cell.querySelector(".outputs").childNodes]);
  for (const cell of cells) cell.querySelector("button.run").addEventListener("click", () => run(cell));
  const runAll = document.getElementById("run-all");
  if (runAll) runAll.addEventListener("click", async () => { for (const cell of cells) await run(cell, { runAll: true }); });
  const stop = document.getElementById("interrupt");
  if (stop) stop.addEventListener("click", interrupt);
  window.deepnlpLiveRun = (index, options) => run(cells[index], options);
  window.deepnlpLiveInterrupt = interrupt;
  start();
})();
