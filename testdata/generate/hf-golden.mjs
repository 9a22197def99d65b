// Writes testdata/golden/hf/<model>/{edge-cases,random,corpus}.tsv: golden ids from Hugging Face's Rust
// `tokenizers` library, through its npm N-API binding pinned to tokenizers@0.23.2 (prebuilt native
// binaries inside the package; nothing is fetched at run time), for each tokenizer.json folder of
// ../shared/models/hf. These prove the pure-Java tokenizer.json reader id for id.
//
// Every tokenizer is loaded with Tokenizer.fromString from the file's text (a .gz is unpacked in
// memory, never onto disk). Padding and truncation are switched off (only bert's file sets them).
// Before any file is written, each model must give its known ids (see MODELS), its tokenizer.json must
// have the SHA-256 that ../shared/README.md lists, and offsets must count Unicode code points.
//
// Files (see testdata/README.md):
//   edge-cases.tsv  every case of testdata/edge-cases.txt and testdata/hf-edge-cases.txt (cases with a
//                   lone surrogate are listed as skipped: an N-API string cannot carry one)
//   random.tsv      RANDOM_COUNT seeded random strings per model, with the model's own added-token texts
//   corpus.tsv      every file of ../shared/corpus as one string: token count and SHA-256 of the ids
//
// Usage: node hf-golden.mjs [--jobs=1|2] [model ...]   (through ./run, which installs the pinned package)
import { Tokenizer } from 'tokenizers';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESCAPES, corpusFileList, escape, loadCases, randomStrings, specialTexts } from './cases.mjs';

const VERSION = '0.23.2';
const RANDOM_COUNT = 300;
const RANDOM_SEED = 20260523;

const here = dirname(fileURLToPath(import.meta.url));
const testdata = join(here, '..');
const shared = join(testdata, '..', '..', 'shared');
const out = join(testdata, 'golden', 'hf');

// sha256: of the uncompressed tokenizer.json, as ../shared/README.md lists it. hello: "Hello world"
// with add_special_tokens false and true. Llama 3 and Qwen3 are the ids ../shared/README.md cites;
// gpt-oss gives o200k_base's ids (as tiktoken does, testdata/golden/o200k_base.tsv, hello-world);
// Gemma 3, Mistral 7B and BERT uncased give their published ids; DeepSeek V3's come from its own
// vocab ("Hello" 19923, "Ġworld" 2058). token: one id → token pair of each vocabulary.
const MODELS = [
  { name: 'llama3', sha256: 'e134af98b985517b4f068e3755ae90d4e9cd2d45d328325dc503f1c6b2d06cc7', size: 128256,
    hello: [[9906, 1917], [128000, 9906, 1917]], token: [128009, '<|eot_id|>'] },
  { name: 'qwen3', sha256: 'aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4', size: 151669,
    hello: [[9707, 1879], [9707, 1879]], token: [151644, '<|im_start|>'] },
  { name: 'deepseek_v3', sha256: '621ac2e32d0dba658404412318818aaa8ce8cda492e59830109d8da6b517fb41', size: 128815,
    hello: [[19923, 2058], [19923, 2058]], token: [0, '<\uff5cbegin\u2581of\u2581sentence\uff5c>'] },
  { name: 'gemma3', sha256: '4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795', size: 262145,
    hello: [[9259, 1902], [2, 9259, 1902]], token: [106, '<end_of_turn>'] },
  { name: 'gptoss', sha256: '0614fe83cadab421296e664e1f48f4261fa8fef6e03e63bb75c20f38e37d07d3', size: 200019,
    hello: [[13225, 2375], [13225, 2375]], token: [200006, '<|start|>'] },
  { name: 'mistral', sha256: 'fc4f0bd70b3709312d9d1d9e5ba674794b6bc5abc17429897a540f93882f25fc', size: 32000,
    hello: [[22557, 1526], [1, 22557, 1526]], token: [2, '</s>'] },
  { name: 'bert', sha256: 'da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0', size: 30522,
    hello: [[7592, 2088], [101, 7592, 2088, 102]], token: [103, '[MASK]'] },
];

const LONE_SURROGATE = /[\uD800-\uDFFF]/u; // with the u flag, only unpaired surrogates match
const OFFSET_PROBE = '\u{1F600}\u{1F600} x'; // ends at 4 code points, 6 UTF-16 units, 10 bytes

function fail(message) {
  console.error(`hf-golden: ${message}`);
  process.exit(1);
}

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// ---- the reference library, pinned
const pkg = JSON.parse(readFileSync(join(here, 'node_modules/tokenizers/package.json'), 'utf8'));
if (pkg.version !== VERSION) fail(`node_modules/tokenizers is ${pkg.version}, expected ${VERSION} (run ./run)`);
const LIBRARY = `tokenizers@${VERSION} (npm: Hugging Face's Rust tokenizers through its N-API binding, prebuilt binary)`;

if (!existsSync(join(shared, 'models', 'hf'))) {
  if (process.env.CI === 'true') fail(`${join(shared, 'models', 'hf')} is missing (CI needs ../shared)`);
  console.log('hf-golden: ../shared/models/hf not found; Hugging Face golden files not regenerated');
  process.exit(0);
}

function loadModel(m) {
  const dir = join(shared, 'models', 'hf', m.name);
  let source = `models/hf/${m.name}/tokenizer.json`;
  let bytes;
  if (existsSync(join(dir, 'tokenizer.json'))) bytes = readFileSync(join(dir, 'tokenizer.json'));
  else { bytes = gunzipSync(readFileSync(join(dir, 'tokenizer.json.gz'))); source += '.gz (unpacked in memory)'; }
  const hash = sha256(bytes);
  if (hash !== m.sha256) fail(`${m.name}: tokenizer.json has SHA-256 ${hash}, expected ${m.sha256}`);
  const text = bytes.toString('utf8');
  const json = JSON.parse(text);
  const tokenizer = Tokenizer.fromString(text);
  const settings = [];
  if (json.padding) settings.push(`padding ${JSON.stringify(json.padding.strategy)}`);
  if (json.truncation) settings.push(`truncation max_length ${json.truncation.max_length}`);
  tokenizer.disablePadding();
  tokenizer.disableTruncation();
  const padding = settings.length ? `the file sets ${settings.join(' and ')}; both are switched off here` : 'none in the file';
  return { tokenizer, json, source, hash, padding };
}

async function encode(tokenizer, text, addSpecialTokens) {
  return tokenizer.encode(text, null, { addSpecialTokens });
}

async function checkIdentity(m, tokenizer) {
  const plain = (await encode(tokenizer, 'Hello world', false)).getIds();
  const special = (await encode(tokenizer, 'Hello world', true)).getIds();
  if (!same(plain, m.hello[0]) || !same(special, m.hello[1])) {
    fail(`${m.name}: "Hello world" gives [${plain}] / [${special}], expected [${m.hello[0]}] / [${m.hello[1]}]: wrong vocabulary or package`);
  }
  const size = tokenizer.getVocabSize(true);
  if (size !== m.size) fail(`${m.name}: vocabulary size ${size}, expected ${m.size}`);
  if (tokenizer.idToToken(m.token[0]) !== m.token[1]) fail(`${m.name}: id ${m.token[0]} is ${tokenizer.idToToken(m.token[0])}, expected ${m.token[1]}`);
  const offsets = (await encode(tokenizer, OFFSET_PROBE, false)).getOffsets();
  const end = offsets[offsets.length - 1][1];
  if (end !== 4) fail(`${m.name}: offsets of ${JSON.stringify(OFFSET_PROBE)} end at ${end}; expected 4 (code points)`);
}

function header(m, model, what, columns, extra = []) {
  return [
    `# Hugging Face tokenizers golden file: ${what}. Generated by testdata/generate/run; do not edit.`,
    '# generator: testdata/generate/hf-golden.mjs',
    `# library: ${LIBRARY}`,
    `# model: ${m.name}`,
    `# tokenizer.json: ../shared/${model.source}`,
    `# tokenizer.json sha256: ${model.hash}`,
    `# padding and truncation: ${model.padding}`,
    ...extra.map((line) => `# ${line}`),
    `# ${columns.join('\t')}`,
  ];
}

// ---- edge cases
const cases = [...loadCases(join(testdata, 'edge-cases.txt')), ...loadCases(join(testdata, 'hf-edge-cases.txt'))];
{
  const seen = new Set();
  for (const c of cases) { if (seen.has(c.name)) fail(`duplicate edge-case name ${c.name}`); seen.add(c.name); }
}

async function edgeCases(m, model) {
  const { tokenizer } = model;
  const skipped = cases.filter((c) => LONE_SURROGATE.test(c.text)).map((c) => c.name);
  const rows = header(m, model, 'edge cases', [
    'name', 'ids, add_special_tokens=false', 'ids, add_special_tokens=true',
    'decode(ids false, skip_special_tokens=false), escaped', 'offsets of ids false, start:end',
  ], [
    'cases: testdata/edge-cases.txt then testdata/hf-edge-cases.txt, in file order',
    'offsets: Unicode code points of the input text (not UTF-16 units, not bytes), end exclusive, as the binding returns them;'
      + ` e.g. ${escape(OFFSET_PROBE)} ends at 4 (UTF-16 would be 6, UTF-8 10)`,
    `escapes (decode column): ${ESCAPES}`,
    `skipped (a lone surrogate cannot cross N-API, which would pass U+FFFD instead): ${skipped.join(' ') || 'none'}`,
  ]);
  for (const c of cases) {
    if (LONE_SURROGATE.test(c.text)) continue;
    const plain = await encode(tokenizer, c.text, false);
    const special = await encode(tokenizer, c.text, true);
    const ids = plain.getIds();
    const decoded = await tokenizer.decode(ids, false);
    const offsets = plain.getOffsets().map(([s, e]) => `${s}:${e}`).join(' ');
    rows.push(`${c.name}\t${ids.join(' ')}\t${special.getIds().join(' ')}\t${escape(decoded)}\t${offsets}`);
  }
  return rows;
}

async function random(m, model) {
  const { tokenizer } = model;
  const rows = header(m, model, `${RANDOM_COUNT} seeded random strings`, [
    'text, escaped', 'ids, add_special_tokens=false', 'ids, add_special_tokens=true',
  ], [
    `escapes (text column): ${ESCAPES}`,
    `strings: mulberry32 seeded ${RANDOM_SEED} (see hf-golden.mjs), this model's own added-token texts spliced in`,
  ]);
  for (const t of randomStrings(specialTexts(model.json.added_tokens.map((t) => t.content)), RANDOM_COUNT, RANDOM_SEED)) {
    const plain = (await encode(tokenizer, t, false)).getIds();
    const special = (await encode(tokenizer, t, true)).getIds();
    rows.push(`${escape(t)}\t${plain.join(' ')}\t${special.join(' ')}`);
  }
  return rows;
}

// ---- the corpus, each file as one string
const corpusDir = join(shared, 'corpus');
const corpusFiles = corpusFileList(corpusDir);
let corpusTexts = null;
function corpus() {
  if (!corpusTexts) {
    const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    corpusTexts = corpusFiles.map((f) => {
      const text = utf8.decode(readFileSync(join(corpusDir, f)));
      if (LONE_SURROGATE.test(text)) fail(`corpus/${f} has a lone surrogate`);
      return text;
    });
  }
  return corpusTexts;
}

async function corpusRows(m, model, stats) {
  const { tokenizer } = model;
  const rows = header(m, model, 'every corpus file as one string', [
    'path under ../shared/corpus', 'token count, add_special_tokens=false', 'sha256 of the ids false',
    'token count, add_special_tokens=true', 'sha256 of the ids true', 'sha256 of decode(ids false, skip_special_tokens=false)',
  ], [
    'input: the whole file as UTF-8 text (a leading BOM stays U+FEFF); files: botchan.txt, wagahaiwa_nekodearu.txt, then udhr/INDEX.tsv order',
    'sha256 of ids: over the ASCII text of the ids as decimal numbers joined by single spaces (no trailing newline; no ids → the empty string)',
    'sha256 of decode: over the decoded text\'s UTF-8 bytes',
  ]);
  const texts = corpus();
  for (let k = 0; k < corpusFiles.length; k++) {
    const plain = (await encode(tokenizer, texts[k], false)).getIds();
    const special = (await encode(tokenizer, texts[k], true)).getIds();
    const decoded = await tokenizer.decode(plain, false);
    if (decoded === texts[k]) stats.roundTrips++;
    stats.tokens += plain.length;
    rows.push([corpusFiles[k], plain.length, sha256(plain.join(' ')), special.length, sha256(special.join(' ')),
      sha256(Buffer.from(decoded, 'utf8'))].join('\t'));
  }
  return rows;
}

// ---- main: with one model, generate it here; otherwise run one child process per model (so each
// tokenizer's memory goes with its process: peak ~0.9 GB, for gemma3), at most --jobs=N (1 or 2) at once.
async function generate(m) {
  const t0 = performance.now();
  const model = loadModel(m);
  await checkIdentity(m, model.tokenizer);
  const t1 = performance.now();
  const edge = await edgeCases(m, model);
  const t2 = performance.now();
  const rand = await random(m, model);
  const t3 = performance.now();
  const stats = { tokens: 0, roundTrips: 0 };
  const corp = await corpusRows(m, model, stats);
  const t4 = performance.now();
  const dir = join(out, m.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'edge-cases.tsv'), edge.join('\n') + '\n');
  writeFileSync(join(dir, 'random.tsv'), rand.join('\n') + '\n');
  writeFileSync(join(dir, 'corpus.tsv'), corp.join('\n') + '\n');
  const s = (a, b) => ((b - a) / 1000).toFixed(1);
  console.log(`golden/hf/${m.name}: load ${s(t0, t1)} s, edge cases ${s(t1, t2)} s, random ${s(t2, t3)} s, `
    + `corpus ${s(t3, t4)} s (${stats.tokens} tokens, ${stats.roundTrips}/${corpusFiles.length} files decode to their text)`);
}

let jobs = 1;
const wanted = [];
for (const a of process.argv.slice(2)) {
  if (/^--jobs=[12]$/.test(a)) jobs = Number(a.slice(7));
  else if (MODELS.some((m) => m.name === a)) wanted.push(a);
  else fail(`unknown argument ${a} (expected --jobs=1, --jobs=2 or model names)`);
}
const models = MODELS.filter((m) => wanted.length === 0 || wanted.includes(m.name));
if (models.length === 1) {
  await generate(models[0]);
} else {
  const started = performance.now();
  const queue = models.slice();
  const child = (m) => new Promise((resolve, reject) => {
    spawn(process.execPath, [fileURLToPath(import.meta.url), m.name], { stdio: 'inherit' })
      .on('error', reject)
      .on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${m.name}: exit ${code ?? signal}`))));
  });
  try {
    await Promise.all(Array.from({ length: jobs }, async () => { while (queue.length) await child(queue.shift()); }));
  } catch (e) {
    queue.length = 0;
    fail(e.message);
  }
  console.log(`golden/hf: ${models.length} models in ${((performance.now() - started) / 1000).toFixed(1)} s (${jobs} at a time)`);
}
