// The live site's engine: .NET on WebAssembly in a Web Worker, so a long cell never freezes the page.
// Messages in:  {type: "run", id, code}.  Messages out: {type: "ready", ms}, {type: "event", event}, {type: "done", id, outcome},
// {type: "failed", id, message}. The page stops a running cell by terminating this worker and starting a new one.
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
        const outcome = JSON.parse(await engine.Run(job.code));
        self.postMessage({ type: "done", id: job.id, outcome });
      } catch (error) {
        self.postMessage({ type: "failed", id: job.id, message: String(error && error.stack || error) });
      }
    }
  } finally { busy = false; }
}
void booting;
