// Headless Chromium check of the HTML report of `tokenlab compare --format html`.
//
//   node check-report.mjs REPORT.html EXPECTED.json SCREENSHOT.png
//
// EXPECTED.json is `tokenlab compare ... --format json` for the same inputs and models. The check opens
// the report in Debian's Chromium (through playwright-core, with no network), and fails (exit 1) unless:
//   - the page is not blank: input rows in table#inputs, one SVG bar per input and model, sample chips;
//   - every row's token counts, read from the DOM, equal the expected counts, and so do the totals;
//   - the page's script runs without errors (a header click re-sorts the rows, none lost);
//   - the page asks for nothing over the network (it must be self-contained).
// It saves a screenshot of the top of the page to SCREENSHOT.png.
//
// playwright-core is found in PLAYWRIGHT_CORE_DIR (the folder of the installed package), else the usual way.
// The browser is CHROMIUM (default /usr/bin/chromium).

import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [reportArg, expectedArg, screenshotArg] = process.argv.slice(2);
if (!reportArg || !expectedArg || !screenshotArg) {
  console.error('usage: node check-report.mjs REPORT.html EXPECTED.json SCREENSHOT.png');
  process.exit(2);
}

const require = createRequire(process.env.PLAYWRIGHT_CORE_DIR
  ? pathToFileURL(join(resolve(process.env.PLAYWRIGHT_CORE_DIR), 'package.json'))
  : import.meta.url);
const { chromium } = require('playwright-core');

const expected = JSON.parse(readFileSync(expectedArg, 'utf8'));
const models = expected.models.map((m) => m.model);
const failures = [];
const fail = (message) => failures.push(message);

const userDataDir = mkdtempSync(join(tmpdir(), 'tokenlab-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1600 },
  });
  const page = context.pages()[0] ?? await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const network = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) {
      return route.continue();
    }
    network.push(url);
    return route.abort();
  });

  await page.goto(pathToFileURL(resolve(reportArg)).href, { waitUntil: 'load' });

  const dom = await page.evaluate(() => {
    const rows = [...document.querySelectorAll('table#inputs tbody tr.input')].map((tr) => ({
      source: tr.getAttribute('data-source'),
      tokens: Object.fromEntries([...tr.querySelectorAll('td.tokens')].map((td) =>
        [td.getAttribute('data-model'), Number(td.textContent.trim())])),
    }));
    const total = document.querySelector('table#inputs tfoot tr.total');
    const bars = [...document.querySelectorAll('svg#chart rect.bar')];
    return {
      rows,
      total: total ? Object.fromEntries([...total.querySelectorAll('td.tokens')].map((td) =>
        [td.getAttribute('data-model'), Number(td.textContent.trim())])) : null,
      bars: bars.length,
      visibleBars: bars.filter((b) => b.getBoundingClientRect().width > 0).length,
      chips: document.querySelectorAll('div.sample span.tok').length,
      samples: document.querySelectorAll('div.sample').length,
      textLength: document.body.innerText.trim().length,
    };
  });

  // Not blank.
  if (dom.textLength === 0) fail('the page is blank');
  if (dom.rows.length === 0) fail('no input rows in table#inputs');
  if (dom.rows.length !== expected.inputs.length) fail(`${dom.rows.length} rows, expected ${expected.inputs.length}`);
  if (dom.bars === 0) fail('no SVG bars in svg#chart');
  if (dom.bars !== expected.inputs.length * models.length) {
    fail(`${dom.bars} bars, expected ${expected.inputs.length * models.length}`);
  }
  if (dom.visibleBars !== dom.bars) fail(`${dom.bars - dom.visibleBars} bars have no width`);
  if (dom.samples !== models.length || dom.chips === 0) fail(`sample views: ${dom.samples} models, ${dom.chips} chips`);

  // Counts from the DOM against the expected JSON.
  const want = new Map(expected.inputs.map((row) =>
    [row.source, Object.fromEntries(row.results.map((r) => [r.model, r.tokens]))]));
  let compared = 0;
  for (const row of dom.rows) {
    const w = want.get(row.source);
    if (!w) {
      fail(`row ${row.source} is not in the expected JSON`);
      continue;
    }
    for (const m of models) {
      compared++;
      if (row.tokens[m] !== w[m]) fail(`${row.source} on ${m}: page says ${row.tokens[m]}, expected ${w[m]}`);
    }
  }
  for (const r of expected.total.results) {
    if (!dom.total || dom.total[r.model] !== r.tokens) {
      fail(`total on ${r.model}: page says ${dom.total && dom.total[r.model]}, expected ${r.tokens}`);
    }
  }

  await page.screenshot({ path: screenshotArg, fullPage: false });
  if (statSync(screenshotArg).size < 10_000) fail(`the screenshot is suspiciously small (${statSync(screenshotArg).size} bytes)`);

  // The inline script sorts without losing rows.
  await page.click('table#inputs thead th:nth-child(3)');
  const afterSort = await page.$$eval('table#inputs tbody tr.input', (trs) => trs.length);
  if (afterSort !== dom.rows.length) fail(`after sorting: ${afterSort} rows, before ${dom.rows.length}`);

  for (const e of pageErrors) fail(`script error on the page: ${e}`);
  for (const url of network) fail(`the page requested ${url}: it must be self-contained`);

  if (failures.length === 0) {
    console.log(`html report ok: ${dom.rows.length} rows, ${dom.bars} bars, ${dom.chips} sample chips;`
      + ` ${compared} counts and the totals match ${expectedArg}; screenshot ${screenshotArg}`);
  }
} catch (e) {
  fail(`could not run the check: ${e && e.message ? e.message.split('\n')[0] : e}`);
} finally {
  if (context) await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

if (failures.length > 0) {
  for (const f of failures.slice(0, 20)) console.error(`html report check: ${f}`);
  if (failures.length > 20) console.error(`html report check: ... and ${failures.length - 20} more`);
  process.exit(1);
}
