// Live check in the classic Jupyter Notebook 6 (require.js on the page): opens each notebook, runs all cells
// through the page with the kit's kernel, and asserts that every Plotly output drew a chart. Writes the executed
// notebook (as the page holds it) for the static-page checks, and a screenshot of the first drawn chart.
// Usage: node classic-notebook.mjs BASE_URL TOKEN PROFILE_DIR EXECUTED_DIR SHOTS_DIR NOTEBOOK_PATH...
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { launchChromium, openPage, waitForCharts, plotlyOutputs } from './browser.mjs';

const [base, token, profileDir, executedDir, shotsDir, ...notebooks] = process.argv.slice(2);
const runTimeoutMs = 240_000;   // lecture 06, the slowest here, runs in about 40 s on two busy cores
const drawTimeoutMs = 30_000;

mkdirSync(executedDir, { recursive: true });
mkdirSync(shotsDir, { recursive: true });
const browser = await launchChromium(profileDir);
let failures = 0;
try {
  for (const path of notebooks) {
    try {
      if (!await check(path)) failures++;
    } catch (e) {
      failures++;
      console.log(`FAIL classic notebook ${path}: ${e.message.split('\n')[0]}`);
    }
  }
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);

/** Runs one notebook through the page; prints its ok/FAIL line and returns whether it passed. */
async function check(path) {
  const started = Date.now();
  const { page, errors } = await openPage(browser);
  await page.goto(`${base}/notebooks/${path}?token=${token}`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(
    () => window.Jupyter?.notebook?._fully_loaded && Jupyter.notebook.kernel?.info_reply?.protocol_version,
    { timeout: 120_000, polling: 250 });
  const amd = await page.evaluate(() => typeof window.define === 'function' && !!window.define.amd);

  await page.evaluate(() => { Jupyter.notebook.set_autosave_interval(0); Jupyter.notebook.execute_all_cells(); });
  await page.waitForFunction(
    () => Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').every(c => c.input_prompt_number !== '*'),
    { timeout: runTimeoutMs, polling: 500 });
  const model = await page.evaluate(() => Jupyter.notebook.toJSON());
  const cellErrors = model.cells.flatMap(c => c.outputs ?? []).filter(o => o.output_type === 'error')
    .map(o => `${o.ename}: ${o.evalue}`);
  const expected = plotlyOutputs(model);
  const charts = await waitForCharts(page, expected, drawTimeoutMs);

  const name = basename(path, '.ipynb');
  writeFileSync(join(executedDir, `${name}.ipynb`), JSON.stringify(model, null, 1));
  await page.evaluate(() => document.querySelector('.js-plotly-plot .main-svg')?.closest('.cell')?.scrollIntoView());
  await page.screenshot({ path: join(shotsDir, `classic-${name}.png`) });
  await page.evaluate(() => new Promise(done => Jupyter.notebook.session.delete(done, done)));
  await page.close();

  const ok = charts.ok && expected > 0 && cellErrors.length === 0;
  console.log(`${ok ? 'ok  ' : 'FAIL'} classic notebook ${path}: ${charts.drawn} of ${charts.expected} Plotly outputs drew `
    + `(${charts.candidates} chart divs; require.js AMD on page: ${amd}; ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const e of cellErrors) console.log(`     cell error: ${e}`);
  if (!ok) for (const e of errors.slice(0, 10)) console.log(`     ${e}`);
  return ok;
}
