// Static check: opens HTML pages made from executed notebooks (nbconvert's classic and lab templates, the kit's
// own site) from file:// and asserts that every Plotly output of the notebook drew a chart. nbconvert pages must
// have require.js loaded (Debian's nbconvert links its local copy), or they would not test the AMD case.
// Usage: node static-pages.mjs PROFILE_DIR LABEL=PAGE.html=NOTEBOOK.ipynb...   (LABEL starting "nbconvert" wants AMD)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { launchChromium, openPage, waitForCharts, plotlyOutputs } from './browser.mjs';

const [profileDir, ...specs] = process.argv.slice(2);
const drawTimeoutMs = 30_000;

const browser = await launchChromium(profileDir);
let failures = 0;
try {
  for (const spec of specs) {
    const [label, html, notebook] = spec.split('=');
    const expected = plotlyOutputs(JSON.parse(readFileSync(notebook, 'utf8')));
    const { page, errors } = await openPage(browser);
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    const amd = await page.evaluate(() => typeof window.define === 'function' && !!window.define.amd);
    const charts = await waitForCharts(page, expected, drawTimeoutMs);
    await page.close();

    const amdOk = amd || !label.startsWith('nbconvert');
    const ok = charts.ok && expected > 0 && amdOk;
    if (!ok) failures++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${label} ${html}: ${charts.drawn} of ${expected} Plotly outputs drew `
      + `(${charts.candidates} chart divs; require.js AMD on page: ${amd})`);
    if (!amdOk) console.log('     require.js did not load, so this page does not test charts under AMD');
    if (!ok) for (const e of errors.slice(0, 10)) console.log(`     ${e}`);
  }
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
