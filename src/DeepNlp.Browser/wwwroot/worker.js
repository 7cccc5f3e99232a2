// The live site's engine: .NET on WebAssembly in a Web Worker, so a long cell never freezes the page.
// Messages in:  {type: "run", id, code}.  Messages out: {type: "ready", ms}, {type: "event", event}, {type: "done", id, outcome},
// {type: "failed", id, message}, {type: "progress", text}. The page stops a running cell by terminating this worker and
// starting a new one.
// Data sets: before a cell runs, the files of each data set it names (`Datasets.TinyShakespeare`; every one for
// `Datasets.Catalog`/`Datasets.Root`) are fetched once from the site's data/ folder (`course render --live` copies there
// the data sets its lectures use, with data/index.json) into the engine's in-memory /live/datasets.
import { dotnet } from "./_framework/dotnet.js";

const started = performance.now();
const queue = [];
let engine = null;

self.onmessage = (message) => { queue.push(message.data); pump(); };

// The kit's library where the notebooks' `#r "../artifacts/lib/DeepNlp.dll"` looks for it, with its dependencies beside
// it as in artifacts/lib/ (charts need Plotly.NET; the runtime also loads them from there, they are not in _framework).
// Fetched while the runtime boots, not after it.
const libFiles = fetch(new URL("lib/index.txt", self.location)).then((r) => r.text()).then((index) =>
  Promise.all(index.split(/\s+/).filter(Boolean).map(async (name) =>
    [name, new Uint8Array(await (await fetch(new URL("lib/" + name, self.location))).arrayBuffer())])));

async function boot() {
  self.postMessage({ type: "progress", text: "creating runtime" });
  const runtime = await dotnet.withConfig({ disableIntegrityCheck: true }).create();
  runtime.setModuleImports("deepnlp", { event: (json) => self.postMessage({ type: "event", event: JSON.parse(json) }) });
  const exports = (await runtime.getAssemblyExports("DeepNlp.Browser.dll")).DeepNlp.Browser.LiveEngine;
  self.postMessage({ type: "progress", text: "starting session" });
  exports.Start();
  for (const [name, bytes] of await libFiles) exports.WriteFile("../artifacts/lib/" + name, bytes);
  self.postMessage({ type: "progress", text: "warming up" });
  await exports.WarmUp();
  self.postMessage({ type: "ready", ms: performance.now() - started });
  return exports;
}

// Site-relative: this file is live/worker.js, the data sets are data/ beside live/.
const dataBase = new URL("../data/", self.location);
let dataIndex = null;
const fetched = new Set();

/** Fetches into the engine the data-set files the cell's code names and that are not there yet. */
async function fetchDatasets(code) {
  const names = new Set([...code.matchAll(/\bDatasets\.(\w+)/g)].map((m) => m[1]));
  if (!names.size) return;
  if (!dataIndex) {
    const response = await fetch(new URL("index.json", dataBase));
    // A site rendered without data sets has no index: the cell then fails with the engine's own "data set missing" error.
    dataIndex = response.ok ? await response.json() : { sets: {} };
  }
  const sets = names.has("Catalog") || names.has("Root")
    ? Object.values(dataIndex.sets)
    : [...names].map((n) => dataIndex.sets[n]).filter(Boolean);
  for (const set of sets) {
    for (const file of set.files) {
      const key = set.folder + "/" + file.name;
      if (fetched.has(key)) continue;
      self.postMessage({ type: "progress", text: `fetching data set ${key} (${(file.bytes / 1e6).toFixed(1)} MB)` });
      const response = await fetch(new URL(key, dataBase));
      if (!response.ok) throw new Error(`data set file data/${key} could not be fetched (HTTP ${response.status}); the site carries only the data sets its lectures use`);
      engine.WriteFile("../datasets/" + key, new Uint8Array(await response.arrayBuffer()));
      fetched.add(key);
    }
  }
  self.postMessage({ type: "progress", text: "running" });
}

let busy = false;
const booting = boot().then((e) => { engine = e; pump(); },
  (error) => self.postMessage({ type: "failed", id: null, message: String(error && error.stack || error) }));

async function pump() {
  if (busy || !engine) return;
  busy = true;
  try {
    while (queue.length) {
      const job = queue.shift();
      if (job.type !== "run") continue;
      try {
        await fetchDatasets(job.code);
        const outcome = JSON.parse(await engine.Run(job.code));
        self.postMessage({ type: "done", id: job.id, outcome });
      } catch (error) {
        self.postMessage({ type: "failed", id: job.id, message: String(error && error.stack || error) });
      }
    }
  } finally { busy = false; }
}
void booting;
