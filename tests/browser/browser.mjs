// Shared pieces of the browser checks: Debian's Chromium through puppeteer-core, loopback only, and the
// "every Plotly output drew" assertion that both the live notebook and the static pages use.
import puppeteer from 'puppeteer-core';

/** Starts Debian's Chromium headless with a fresh profile (puppeteer-core never downloads a browser). */
export async function launchChromium(profileDir) {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--user-data-dir=${profileDir}`, '--window-size=1280,900',
    ],
    defaultViewport: { width: 1280, height: 900 },
    protocolTimeout: 300_000,   // waiting for a notebook's cells runs inside one protocol call
  });
}

/** Opens a tab that may reach only loopback and local files, and collects the page's errors for the report. */
export async function openPage(browser) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(`pageerror: ${e.message}`));
  page.on('console', m => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  // Charts must draw offline: any request off this machine is refused, so a chart that needs a CDN fails here.
  await page.setRequestInterception(true);
  page.on('request', r => {
    const url = new URL(r.url());
    const local = ['file:', 'data:', 'blob:'].includes(url.protocol) || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (local) r.continue(); else { errors.push(`blocked off-machine request: ${r.url()}`); r.abort(); }
  });
  return { page, errors };
}

/**
 * Waits until every chart container on the page has drawn an SVG (Plotly's .main-svg) and their count is
 * `expected`; returns { candidates, drawn, expected } as last seen, with ok telling whether it got there.
 * Chart containers are the kit's HTML fallback divs (id "plotly-…") and the site's chart divs (.output.chart).
 */
export async function waitForCharts(page, expected, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await page.evaluate(() => {
      const divs = [...document.querySelectorAll('div[id^="plotly-"], div.output.chart')];
      return { candidates: divs.length, drawn: divs.filter(d => d.querySelector('.main-svg')).length };
    });
    const ok = seen.candidates === expected && seen.drawn === expected;
    if (ok || Date.now() > deadline) return { ...seen, expected, ok };
    await new Promise(r => setTimeout(r, 250));
  }
}

/** Number of outputs in an nbformat notebook (JSON object) that carry Plotly JSON. */
export function plotlyOutputs(notebook) {
  return notebook.cells
    .flatMap(c => c.outputs ?? [])
    .filter(o => o.data && 'application/vnd.plotly.v1+json' in o.data).length;
}
