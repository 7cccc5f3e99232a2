// The live site's engine: .NET on WebAssembly in a Web Worker, so a long cell never freezes the page.
// Messages in:  {type: "run", id, code}.  Messages out: {type: "ready", ms}, {type: "event", event}, {type: "done", id, outcome},
// {type: "failed", id, message}, {type: "progress", text}, {type: "mark", name, at} (a start-up milestone, `at` in ms
// since the epoch on the high-resolution clock, so that the page can place it on its own timeline from navigation).
// The page stops a running cell by terminating this worker and starting a new one.
// Data sets: before a cell runs, the files of each data set it names (`Datasets.TinyShakespeare`; every one for
// `Datasets.Catalog`/`Datasets.Root`) are fetched once from the site's data/ folder (`course render --live` copies there
// the data sets its lectures use, with data/index.json) into the engine's in-memory /live/datasets. The chart stack
// comes the same way, before the first cell that names charts (fetchCharts).
import { dotnet } from "./_framework/dotnet.js";

const started = performance.now();
const queue = [];
let engine = null;

/** Tells the page that `name` happened now (the live check prints these as measure lines). */
const mark = (name) => self.postMessage({ type: "mark", name, at: performance.timeOrigin + performance.now() });
/** Tells the page when the last of the worker's requests whose URL contains `part` finished (resource timing). */
const markFetched = (name, part) => {
  const ends = performance.getEntriesByType("resource").filter((e) => e.name.includes(part)).map((e) => e.responseEnd);
  if (ends.length) self.postMessage({ type: "mark", name, at: performance.timeOrigin + Math.max(...ends) });
};
mark("worker_started");

self.onmessage = (message) => { queue.push(message.data); pump(); };

// The kit's library where the notebooks' `#r "../artifacts/lib/DeepNlp.dll"` looks for it (lib/index.txt), fetched while
// the runtime boots, not after it. Its chart stack (lib/charts.txt: Plotly.NET, FSharp.Core and their dependencies, which
// the runtime also loads from there, they are not in _framework) goes beside it only before the first cell that names
// charts (see fetchCharts).
const fetchLib = (list) => fetch(new URL("lib/" + list, self.location)).then((r) => r.ok ? r.text() : "").then((index) =>
  Promise.all(index.split(/\s+/).filter(Boolean).map(async (name) =>
    [name, new Uint8Array(await (await fetch(new URL("lib/" + name, self.location))).arrayBuffer())])));
const libFiles = fetchLib("index.txt").then((files) => { mark("lib_fetched"); return files; });
// The assemblies the runtime needs at start, as one file (the project's PackStartAssemblies: assemblies.bin, indexed by
// name in assemblies.json), handed to the runtime by its resource loader; one request instead of sixty. A host published
// without it (no index) is loaded file by file as the boot config lists them.
const packIndex = fetch(new URL("_framework/assemblies.json", self.location)).then((r) => r.ok ? r.json() : null, () => null);
let pack = packIndex.then((index) => index && fetch(new URL("_framework/assemblies.bin", self.location)).then((r) => r.arrayBuffer()));
const fromPack = (index) => (type, name) => type === "assembly" && index && index[name]
  ? pack.then((bytes) => new Response(new Uint8Array(bytes, index[name][0], index[name][1])))
  : undefined;
let chartsAdded = false;

/** LazyFramework.Fetch (LazyFramework.cs): the image of a framework assembly the boot config marks lazy (not downloaded
 * at start), fetched synchronously (a worker may) when the runtime first needs it; null for any other name. */
const lazyAssembly = (config) => {
  const files = new Map((config.resources?.lazyAssembly ?? []).map((a) => [a.virtualPath.replace(/\.(dll|wasm)$/, ""), a.name]));
  return (name) => {
    const file = files.get(name);
    if (!file) return null;
    const request = new XMLHttpRequest();
    request.open("GET", new URL("_framework/" + file, self.location), false);
    request.responseType = "arraybuffer";
    request.send();
    return request.status === 200 ? new Uint8Array(request.response) : null;
  };
};

async function boot() {
  self.postMessage({ type: "progress", text: "creating runtime" });
  const runtime = await dotnet.withConfig({ disableIntegrityCheck: true }).withResourceLoader(fromPack(await packIndex)).create();
  pack = null; // the runtime has copied every assembly out of it (23 MB)
  markFetched("wasm_fetched", "dotnet.native.wasm");
  markFetched("framework_fetched", "/_framework/");
  mark("runtime_created");
  runtime.setModuleImports("deepnlp", {
    event: (json) => self.postMessage({ type: "event", event: JSON.parse(json) }),
    lazyAssembly: lazyAssembly(runtime.getConfig()),
  });
  const exports = (await runtime.getAssemblyExports("DeepNlp.Browser.dll")).DeepNlp.Browser.LiveEngine;
  self.postMessage({ type: "progress", text: "starting session" });
  exports.Start();
  mark("session_started");
  for (const [name, bytes] of await libFiles) exports.WriteFile("../artifacts/lib/" + name, bytes);
  mark("lib_written");
  // The warm-up submission loads and runs the compiler once so that a cell run later does not wait for that; when a
  // cell is already waiting (Run all, or a click during the download), that cell's own compilation does the same work,
  // and a warm-up first would only put its lambda and LINQ on the way to the first result.
  // Let a message the page posted while the runtime started reach the queue (it waits for a macrotask).
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (!queue.some((job) => job.type === "run")) {
    self.postMessage({ type: "progress", text: "warming up" });
    await exports.WarmUp();
    mark("warmed_up");
  }
  self.postMessage({ type: "ready", ms: performance.now() - started });
  return exports;
}

/** Before the first cell that names charts (Plotly.NET, the kit's Charts), writes the chart stack beside the kit and has
 * the engine add it as the cells' `#r` would have (the same references the native engine has from the first `#r`). */
async function fetchCharts(code) {
  if (chartsAdded || !/Chart|Plotly/.test(code)) return;
  self.postMessage({ type: "progress", text: "fetching the chart library (Plotly.NET)" });
  for (const [name, bytes] of await fetchLib("charts.txt")) engine.WriteFile("../artifacts/lib/" + name, bytes);
  engine.AddNewSiblingReferences();
  chartsAdded = true;
  mark("charts_added");
  self.postMessage({ type: "progress", text: "running" });
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
        const received = performance.now();
        await fetchCharts(job.code);
        await fetchDatasets(job.code);
        const fetchedData = performance.now();
        const json = await engine.Run(job.code);
        const ran = performance.now();
        const outcome = JSON.parse(json);
        // Where the worker's share of the cell went: data sets, the engine call as JavaScript sees it, and when the
        // answer was posted (the page subtracts that from when it arrived).
        outcome.worker = { dataMs: fetchedData - received, runMs: ran - fetchedData, postedAt: performance.timeOrigin + performance.now() };
        self.postMessage({ type: "done", id: job.id, outcome });
      } catch (error) {
        self.postMessage({ type: "failed", id: job.id, message: String(error && error.stack || error) });
      }
    }
  } finally { busy = false; }
}
void booting;
