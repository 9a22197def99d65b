// Headless Chromium check of the playground that `tokenlab serve` serves at / (issue 17).
//
//   node check-playground.mjs BASE_URL CHAT_COUNT SCREENSHOT.png
//
// BASE_URL is a running server (http://127.0.0.1:PORT); CHAT_COUNT is what `tokenlab chat -m llama3.1
// --format json` counts for the chat below. The check opens the page in Debian's Chromium (through
// playwright-core) and fails (exit 1) unless:
//   - after typing a text, each selected model's chips are exactly the tokens /v1/tokenize gives for it
//     (same ids, in order), and its count is shown;
//   - with special tokens allowed and BOS added, llama3's chips equal /v1/tokenize's with those options, and
//     <|begin_of_text|> and <|eot_id|> are the special chips;
//   - clicking a token shows its trace, and the trace names the token's merges (from /v1/explain);
//   - in chat mode, the count the page shows for llama3.1 equals CHAT_COUNT, special tokens are marked;
//   - in compare mode, a pasted document (COMPARE_FILE) shows each model's tokens and the words exactly as
//     `tokenlab compare --format json` (COMPARE_JSON, a file) counts them;
//   - the state is in the URL: reloading the page's URL restores the text and the models;
//   - the page's script runs without errors, and nothing is fetched from anywhere but the server.
// It saves a screenshot of the text mode to SCREENSHOT.png.
//
// playwright-core is found in PLAYWRIGHT_CORE_DIR (the folder of the installed package), else the usual way.

import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [base, chatCountArg, screenshot] = process.argv.slice(2);
if (!base || !chatCountArg || !screenshot) {
  console.error('usage: node check-playground.mjs BASE_URL CHAT_COUNT SCREENSHOT.png');
  process.exit(2);
}
const require = createRequire(process.env.PLAYWRIGHT_CORE_DIR
  ? pathToFileURL(join(resolve(process.env.PLAYWRIGHT_CORE_DIR), 'package.json'))
  : import.meta.url);
const { chromium } = require('playwright-core');

const TEXT = 'Hello wörld, naïve café!\n\tunhappiness costs 12,345 tokens  <|eot_id|>';
const MODELS = ['llama3', 'llama2', 'llama3.1'];
const CHAT = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'How many tokens is unhappiness?' }];
const failures = [];
const fail = (message) => failures.push(message);

async function tokenize(model, text, options = {}) {
  const r = await fetch(base + '/v1/tokenize', { method: 'POST', body: JSON.stringify(Object.assign({ model, text }, options)) });
  return (await r.json()).ids;
}

const userDataDir = mkdtempSync(join(tmpdir(), 'tokenlab-playground-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const outside = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base + '/') || url === base || url.startsWith('data:')) {
      return route.continue();
    }
    outside.push(url);
    return route.abort();
  });

  // text mode: three models, a typed text
  await page.goto(base + '/#models=' + MODELS.join(','));
  await page.waitForSelector('.panel[data-model="llama3"] .chip');
  await page.fill('#text', '');
  await page.type('#text', TEXT, { delay: 2 });
  await page.waitForFunction((text) => new URLSearchParams(document.location.hash.slice(1)).get('text') === text, TEXT);
  let compared = 0;
  for (const model of MODELS) {
    const expected = await tokenize(model, TEXT);
    await page.waitForFunction(([m, n]) => document.querySelectorAll(`.panel[data-model="${m}"] .chip`).length === n
      && document.querySelector(`.panel[data-model="${m}"] .stats`).dataset.count === String(n), [model, expected.length])
      .catch(() => fail(`${model}: the page never showed ${expected.length} chips`));
    const shown = await page.$$eval(`.panel[data-model="${model}"] .chip`, (chips) => chips.map((c) => Number(c.dataset.id)));
    if (JSON.stringify(shown) !== JSON.stringify(expected)) {
      fail(`${model}: the page shows ids ${JSON.stringify(shown)}, /v1/tokenize gives ${JSON.stringify(expected)}`);
    }
    const count = await page.$eval(`.panel[data-model="${model}"] .stats`, (s) => Number(s.dataset.count));
    if (count !== expected.length) fail(`${model}: the page counts ${count}, not ${expected.length}`);
    compared++;
  }
  await page.check('#show-ids');
  await page.waitForSelector('.panel[data-model="llama3"] .chip small');
  await page.screenshot({ path: screenshot, fullPage: false });
  if (statSync(screenshot).size < 10_000) fail(`the screenshot is suspiciously small (${statSync(screenshot).size} bytes)`);

  // click the token "appiness" of llama3: its trace shows the merges that made it
  const llama3 = await tokenize('llama3', TEXT);
  const index = llama3.indexOf(67391);
  if (index < 0) fail('llama3 has no token 67391 ("appiness") for the text');
  await page.click(`.panel[data-model="llama3"] .chip[data-index="${index}"]`);
  await page.waitForFunction(() => !document.getElementById('explain').hidden && document.getElementById('trace').textContent.includes('step'));
  const trace = await page.textContent('#trace');
  if (!trace.includes('unhappiness" (chars') || !trace.includes('→ appiness') || !trace.includes('(rank ')) {
    fail('the trace of "appiness" does not show its merges: ' + trace.slice(0, 400));
  }

  // special tokens allowed and BOS added: <|eot_id|> in the text becomes one special chip, and llama3's chips equal
  // /v1/tokenize with the same options
  await page.selectOption('#special', 'allow');
  await page.check('#add-special');
  const withSpecials = await tokenize('llama3', TEXT, { special: 'allow', add_special: true });
  await page.waitForFunction((ids) => {
    const shown = [...document.querySelectorAll('.panel[data-model="llama3"] .chip')].map((c) => Number(c.dataset.id));
    return JSON.stringify(shown) === JSON.stringify(ids);
  }, withSpecials).catch(() => fail('with special tokens allowed and BOS added, llama3\'s chips are not /v1/tokenize\'s ' + withSpecials));
  const specialChips = await page.$$eval('.panel[data-model="llama3"] .chip.special', (c) => c.map((x) => x.firstChild.textContent));
  if (JSON.stringify(specialChips) !== JSON.stringify(['<|begin_of_text|>', '<|eot_id|>'])) {
    fail('with special tokens allowed, the special chips are ' + JSON.stringify(specialChips));
  }
  if (!withSpecials.includes(128009) || withSpecials[0] !== 128000) fail('/v1/tokenize did not allow <|eot_id|> or add BOS: ' + withSpecials);
  await page.selectOption('#special', 'text');
  await page.uncheck('#add-special');

  // the state is in the URL
  const url = page.url();
  const again = await context.newPage();
  await again.goto(url);
  await again.waitForSelector('.panel[data-model="llama3.1"] .chip');
  if ((await again.inputValue('#text')) !== TEXT) fail('reloading the URL did not restore the text');
  await again.close();

  // chat mode: the count equals the CLI's
  await page.goto(base + '/#mode=chat&models=llama3.1&chat=' + encodeURIComponent(JSON.stringify(CHAT)));
  await page.waitForSelector('.panel[data-model="llama3.1"] .chat-count');
  const chatCount = Number(await page.textContent('.panel[data-model="llama3.1"] .chat-count'));
  if (chatCount !== Number(chatCountArg)) fail(`chat mode counts ${chatCount}, tokenlab chat counts ${chatCountArg}`);
  const specials = await page.$$eval('.panel[data-model="llama3.1"] .chip.special', (c) => c.map((x) => x.textContent));
  if (!specials.includes('<|begin_of_text|>') || !specials.includes('<|eot_id|>')) fail('chat mode does not mark the special tokens: ' + specials);

  // compare mode: a pasted document's totals equal tokenlab compare's
  let compared2 = 'not run (no COMPARE_FILE)';
  if (process.env.COMPARE_FILE) {
    const expected = JSON.parse(readFileSync(process.env.COMPARE_JSON, 'utf8')).inputs[0];
    const models = expected.results.map((r) => r.model);
    await page.goto(base + '/#mode=compare&models=' + models.join(','));
    await page.fill('#text', readFileSync(process.env.COMPARE_FILE, 'utf8'));
    await page.waitForFunction((n) => document.querySelectorAll('#compare-table td.count').length === n
      && document.querySelector('.panel p.stats').textContent.length > 0, models.length);
    for (const r of expected.results) {
      const shown = Number(await page.textContent(`#compare-table tr[data-model="${r.model}"] td.count`));
      if (shown !== r.tokens) fail(`compare mode: ${r.model} shows ${shown} tokens, tokenlab compare counts ${r.tokens}`);
    }
    const note = await page.textContent('.panel p.stats');
    if (!note.includes(`${expected.characters} characters`) || !note.includes(`${expected.words} words`)) {
      fail(`compare mode: "${note}" is not ${expected.characters} characters and ${expected.words} words`);
    }
    compared2 = expected.results.map((r) => `${r.model} ${r.tokens}`).join(', ') + `, ${expected.words} words`;
  }

  if (pageErrors.length) fail('script errors: ' + pageErrors.join('; '));
  if (outside.length) fail('the page asked for something outside the server: ' + outside.join(', '));
  if (failures.length === 0) {
    console.log(`playground check passed: ${compared} models' chips equal /v1/tokenize, the trace of a click,`
      + ` chat count ${chatCount} = tokenlab chat, compare mode = tokenlab compare (${compared2}),`
      + ` the URL restores the state, no outside requests; screenshot ${screenshot}`);
  }
} catch (e) {
  fail(String(e && e.stack || e));
} finally {
  if (context) await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
if (failures.length) {
  for (const f of failures) console.error('playground check: ' + f);
  process.exit(1);
}
