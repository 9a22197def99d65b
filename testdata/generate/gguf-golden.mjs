// Writes testdata/golden/gguf/<model>/{edge-cases,random,corpus}.tsv: golden ids from llama.cpp itself,
// through npm node-llama-cpp pinned to 3.21.1 (its prebuilt linux-x64 CPU binary of llama.cpp ships inside
// the npm package @node-llama-cpp/linux-x64; nothing is downloaded or built at run time: getLlama is told
// build "never" and skipDownload), for each vocabulary-only GGUF file of ../shared/models/gguf, loaded with
// vocabOnly. Then testdata/golden/gguf/DIFFERENCES.md: every case where llama.cpp's ids differ from those of
// Hugging Face's Rust library (testdata/golden/hf/<model>/, written by hf-golden.mjs) for the same text.
//
// What node-llama-cpp can ask of llama.cpp (read from its addon source, llama/addon/AddonModel.cpp):
//   model.tokenize(text, specialTokens)  → common_tokenize(vocab, text, add_special = false, parse_special =
//                                          specialTokens); node-llama-cpp returns [] for "" without a call
//   model.detokenize(ids, specialTokens) → llama_detokenize(vocab, ids, remove_special = false,
//                                          unparse_special = specialTokens)
//   model.tokens.bos / eos / sep, shouldPrependBosToken (llama_vocab_get_add_bos), shouldAppendEosToken
//   model.vocabularyType (spm, bpe, wpm, …)
// add_special = true is not reachable. llama_vocab::impl::tokenize (src/llama-vocab.cpp of the llama.cpp
// source node-llama-cpp bundles, llama/gitRelease.bundle, release v0.4.0) only puts tokens around the
// add_special = false output and never reads them back: SPM and BPE push BOS first when add_bos and EOS last
// when add_eos; WPM pushes BOS ([CLS]) first and SEP last, always. The SPM space prefix is due at the start
// with or without BOS (is_prev_special starts true and BOS sets it true), and every tokenizer session appends
// to the output without looking at what is already there (WPM's unknown-word rollback is relative to its own
// start). So the add_special = true columns are written as prefix + ids(add_special = false) + suffix,
// with prefix and suffix from the vocabulary as llama.cpp loaded it; the header says which.
//
// Before anything is written, each model must: have the SHA-256 that ../shared/README.md lists; be reported
// by llama.cpp (its load log) with the tokenizer.ggml.model and .pre its header holds; give its known "Hello
// world" ids; parse one control token's text to its id; and have the BOS/EOS/SEP llama.cpp reports agree
// with the header.
//
// Usage: node gguf-golden.mjs [model ...]   (through ./run, which installs the pinned package)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESCAPES, corpusFileList, escape, loadCases, randomStrings, specialTexts, unescape } from './cases.mjs';

const VERSION = '3.21.1';
const RANDOM_COUNT = 300; // the same strings as hf-golden.mjs's, where the special texts agree
const RANDOM_SEED = 20260523;

const here = dirname(fileURLToPath(import.meta.url));
const testdata = join(here, '..');
const shared = join(testdata, '..', '..', 'shared');
const out = join(testdata, 'golden', 'gguf');

// sha256: as ../shared/README.md lists it. hello: "Hello world" without special parsing or add_special
// (Llama 3 and Qwen3 as ../shared/README.md cites them; the others are the ids of hf-golden.mjs's checks).
// word: one known id of the model's own vocabulary and its token text in the GGUF token list. control: a
// control token's text, which special parsing must turn into that id. hf: the folder of golden/hf with the
// same vocabulary (llama2.gguf has none: golden/hf/mistral is a different vocabulary, and testdata keeps no
// golden ids of Meta's SentencePiece model — its conformance tests ask the C++ library at test time).
const MODELS = [
  { name: 'llama3', sha256: '8ccda17284d7a62ab0a1ecc4c373e500a1bbf36051cd740178a58c374f4c0b52',
    hello: [9906, 1917], word: [9906, 'Hello'], control: [128009, '<|eot_id|>'], hf: 'llama3' },
  { name: 'qwen3', sha256: 'fc3f2f6022a53f5bddbe24946017673cc89b9262631efe5d607ae8386994b796',
    hello: [9707, 1879], word: [9707, 'Hello'], control: [151644, '<|im_start|>'], hf: 'qwen3' },
  { name: 'deepseek_v3', sha256: 'a4dd382fd869a57e9bb01fc82cd0ad0831b8ce8c7e89d7e1dafef99b01715cfc',
    hello: [19923, 2058], word: [19923, 'Hello'], control: [0, '<\uff5cbegin\u2581of\u2581sentence\uff5c>'], hf: 'deepseek_v3' },
  { name: 'gptoss', sha256: '086bf957d3a8c7d9a65f066a5f43534fe5d5f69dd22b6f0f9b3ef6348faf9642',
    hello: [13225, 2375], word: [13225, 'Hello'], control: [200006, '<|start|>'], hf: 'gptoss' },
  { name: 'llama2', sha256: 'bd9d53d1e58a758ac50b31963d648c9a95203f3ca1f3bf18e619e079e00171d0',
    hello: [15043, 3186], word: [15043, '\u2581Hello'], control: [2, '</s>'], hf: null },
  { name: 'bert', sha256: 'd0038c30d5f0aa2b210fa125f026d6c1c841be7e6417457f21eb8f82a4d0b4ad',
    hello: [7592, 2088], word: [7592, '\u2581hello'], control: [103, '[MASK]'], hf: 'bert' },
];

const LONE_SURROGATE = /[\uD800-\uDFFF]/u; // with the u flag, only unpaired surrogates match
const TOKEN_TYPES = { 1: 'NORMAL', 2: 'UNKNOWN', 3: 'CONTROL', 4: 'USER_DEFINED', 5: 'UNUSED', 6: 'BYTE' };

function fail(message) {
  console.error(`gguf-golden: ${message}`);
  process.exit(1);
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// ---- a small GGUF reader (header and metadata only; these files have no tensors)
function readGguf(bytes) {
  let p = 0;
  const u32 = () => { const v = bytes.readUInt32LE(p); p += 4; return v; };
  const u64 = () => { const v = bytes.readBigUInt64LE(p); p += 8; return Number(v); };
  const str = () => { const n = u64(); const s = bytes.toString('utf8', p, p + n); p += n; return s; };
  const value = (type) => {
    switch (type) {
      case 0: return bytes.readUInt8(p++);
      case 1: return bytes.readInt8(p++);
      case 2: { const v = bytes.readUInt16LE(p); p += 2; return v; }
      case 3: { const v = bytes.readInt16LE(p); p += 2; return v; }
      case 4: return u32();
      case 5: { const v = bytes.readInt32LE(p); p += 4; return v; }
      case 6: { const v = bytes.readFloatLE(p); p += 4; return v; }
      case 7: return bytes.readUInt8(p++) !== 0;
      case 8: return str();
      case 9: { const t = u32(); const n = u64(); const a = new Array(n); for (let i = 0; i < n; i++) a[i] = value(t); return a; }
      case 10: return u64();
      case 11: { const v = bytes.readBigInt64LE(p); p += 8; return Number(v); }
      case 12: { const v = bytes.readDoubleLE(p); p += 8; return v; }
      default: throw new Error(`unknown GGUF value type ${type} at byte ${p}`);
    }
  };
  if (bytes.toString('latin1', 0, 4) !== 'GGUF') throw new Error('no GGUF magic');
  p = 4;
  const version = u32();
  const tensors = u64();
  const count = u64();
  const kv = new Map();
  for (let i = 0; i < count; i++) { const key = str(); kv.set(key, value(u32())); }
  return { version, tensors, kv };
}

// ---- the reference library, pinned; prebuilt binary only
function packageVersion(name) {
  const file = join(here, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null;
}
if (process.platform !== 'linux' || process.arch !== 'x64') {
  // The goldens are llama.cpp's as node-llama-cpp's linux-x64 binary builds it; another binary may well agree,
  // but it is not the one the files name.
  if (process.env.CI === 'true') fail(`the llama.cpp goldens come from the linux-x64 binary; this is ${process.platform}-${process.arch}`);
  console.log(`gguf-golden: ${process.platform}-${process.arch}, not linux-x64; llama.cpp golden files not regenerated`);
  process.exit(0);
}
for (const name of ['node-llama-cpp', '@node-llama-cpp/linux-x64']) {
  const v = packageVersion(name);
  if (v !== VERSION) fail(`node_modules/${name} is ${v ?? 'missing'}, expected ${VERSION} (run ./run)`);
}

const ggufDir = join(shared, 'models', 'gguf');
if (!existsSync(ggufDir)) {
  if (process.env.CI === 'true') fail(`${ggufDir} is missing (CI needs ../shared)`);
  console.log('gguf-golden: ../shared/models/gguf not found; llama.cpp golden files not regenerated');
  process.exit(0);
}

const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
let logs = [];
const llama = await getLlama({
  gpu: false, build: 'never', skipDownload: true, usePrebuiltBinaries: true, progressLogs: false,
  logLevel: LlamaLogLevel.info, logger: (level, message) => logs.push({ level, message: String(message).trim() }),
});
if (llama.buildType !== 'prebuilt') fail(`node-llama-cpp uses a ${llama.buildType} binary; expected its prebuilt one`);
const release = llama.llamaCppRelease;
const LIBRARY = `node-llama-cpp@${VERSION} (npm), its prebuilt linux-x64 CPU binary of llama.cpp `
  + `(${release.repo} release ${release.release}), model loaded with vocabOnly`;

async function loadModel(m) {
  const file = join(ggufDir, `${m.name}.gguf`);
  const bytes = readFileSync(file);
  const hash = sha256(bytes);
  if (hash !== m.sha256) fail(`${m.name}: ${m.name}.gguf has SHA-256 ${hash}, expected ${m.sha256}`);
  const gguf = readGguf(bytes);
  logs = [];
  const model = await llama.loadModel({ modelPath: file, vocabOnly: true, gpuLayers: 0 });
  // llama.cpp's log lines reach JavaScript through the event loop, possibly after loadModel resolves: wait for
  // the last line of its vocabulary summary.
  for (let waited = 0; !logs.some((l) => l.message.startsWith('print_info: max token length')); waited += 10) {
    if (waited >= 10000) fail(`${m.name}: llama.cpp's load log did not arrive`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // What llama.cpp says while loading (node-llama-cpp first tries a full load to estimate memory; it fails
  // for want of <arch>.context_length, which a vocab-only file lacks, and is not ours to report).
  const said = logs.map((l) => l.message);
  const kvSaid = (key) => {
    const line = said.find((s) => new RegExp(`^llama_model_loader: - kv +\\d+: +${key.replace(/\./g, '\\.')} str += `).test(s));
    return line ? line.replace(/^.*? str += /, '') : null;
  };
  const printed = (what) => {
    const line = said.find((s) => s.startsWith(`print_info: ${what} `));
    return line ? line.replace(/^[^=]*= /, '') : null;
  };
  const warnings = [...new Set(logs.filter((l) => l.level === LlamaLogLevel.warn && /^load: /.test(l.message))
    .map((l) => l.message.replace(/^load: /, '')))].sort();
  // The texts special parsing adds to the split (CONTROL and UNKNOWN tokens, with the attributes llama.cpp
  // gave them at load; USER_DEFINED ones are split on either way): llama_vocab::impl::tokenizer_st_partition
  // is parse_special's only reader, so a text holding none of them tokenizes the same with it or without.
  const tokens = gguf.kv.get('tokenizer.ggml.tokens');
  const attributes = tokens.map((_, id) => model.getTokenAttributes(id));
  const splitOnlyWithParse = tokens.filter((_, id) => attributes[id].control || attributes[id].unknown);
  const specialIds = new Set(tokens.map((_, id) => id).filter((id) => attributes[id].control || attributes[id].unknown || attributes[id].userDefined));
  const parseMatters = new RegExp(splitOnlyWithParse.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'u');
  return { model, vocabularyType: model.vocabularyType, gguf, hash, file, kvSaid, printed, warnings, parseMatters, splitOnlyWithParse, specialIds };
}

// The tokens llama.cpp adds with add_special (see the top of this file), from the vocabulary as loaded.
function specialFrame(m, loaded) {
  const { model, gguf } = loaded;
  const t = model.tokens;
  const type = model.vocabularyType;
  const flag = (key) => gguf.kv.get(`tokenizer.ggml.${key}`);
  if (type === 'wpm') {
    if (t.bos == null || t.sep == null) fail(`${m.name}: WPM without BOS or SEP`);
    return { prefix: [t.bos], suffix: [t.sep],
      rule: `WPM: BOS ${t.bos} first and SEP ${t.sep} last, always (llama.cpp's WPM ignores add_bos/add_eos)` };
  }
  if (type !== 'spm' && type !== 'bpe') fail(`${m.name}: vocabulary type ${type} is not SPM, BPE or WPM`);
  const addBos = t.shouldPrependBosToken;
  const addEos = t.shouldAppendEosToken;
  if (addBos !== (flag('add_bos_token') ?? addBos) || addEos !== (flag('add_eos_token') ?? addEos)) {
    fail(`${m.name}: llama.cpp says add_bos ${addBos}, add_eos ${addEos}; the header says ${flag('add_bos_token')}, ${flag('add_eos_token')}`);
  }
  if (addBos && t.bos !== flag('bos_token_id')) fail(`${m.name}: BOS ${t.bos}, header ${flag('bos_token_id')}`);
  if (addEos && t.eos !== flag('eos_token_id')) fail(`${m.name}: EOS ${t.eos}, header ${flag('eos_token_id')}`);
  const words = [addBos ? `BOS ${t.bos} first (add_bos_token true)` : 'no BOS (add_bos_token false)',
    addEos ? `EOS ${t.eos} last (add_eos_token true)` : 'no EOS (add_eos_token false)'];
  return { prefix: addBos ? [t.bos] : [], suffix: addEos ? [t.eos] : [], rule: `${type.toUpperCase()}: ${words.join(', ')}` };
}

function checkIdentity(m, loaded) {
  const { model, gguf, kvSaid, printed } = loaded;
  const tokens = gguf.kv.get('tokenizer.ggml.tokens');
  const types = gguf.kv.get('tokenizer.ggml.token_type');
  for (const key of ['tokenizer.ggml.model', 'tokenizer.ggml.pre']) {
    if ((kvSaid(key) ?? null) !== (gguf.kv.get(key) ?? null)) fail(`${m.name}: llama.cpp reports ${key} ${kvSaid(key)}, the header holds ${gguf.kv.get(key)}`);
  }
  if (Number(printed('n_vocab')) !== tokens.length) fail(`${m.name}: llama.cpp reports n_vocab ${printed('n_vocab')}, the header has ${tokens.length} tokens`);
  const hello = model.tokenize('Hello world', false);
  if (!same(hello, m.hello)) fail(`${m.name}: "Hello world" gives [${hello}], expected [${m.hello}]: wrong file or library`);
  if (tokens[m.word[0]] !== m.word[1]) fail(`${m.name}: token ${m.word[0]} is ${JSON.stringify(tokens[m.word[0]])}, expected ${JSON.stringify(m.word[1])}`);
  if (tokens[m.control[0]] !== m.control[1] || types[m.control[0]] !== 3) fail(`${m.name}: token ${m.control[0]} is not the control token ${m.control[1]}`);
  const control = model.tokenize(m.control[1], true);
  if (!same(control, [m.control[0]])) fail(`${m.name}: ${m.control[1]} with special parsing gives [${control}], expected [${m.control[0]}]`);
  if (!loaded.parseMatters.test(`a${loaded.splitOnlyWithParse[0]}b`) || loaded.parseMatters.test('Hello world')) fail(`${m.name}: the special-text test is broken`);
  const nul = model.tokenize('a\u0000b', false);
  if (model.detokenize(nul, false) !== 'a\u0000b' && m.name !== 'bert') fail(`${m.name}: a NUL does not cross N-API intact`);
}

function header(m, loaded, frame, what, columns, extra = []) {
  const { gguf, hash, kvSaid, printed, warnings } = loaded;
  return [
    `# llama.cpp golden file: ${what}. Generated by testdata/generate/run; do not edit.`,
    '# generator: testdata/generate/gguf-golden.mjs',
    `# library: ${LIBRARY}`,
    `# model: ${m.name}`,
    `# gguf: ../shared/models/gguf/${m.name}.gguf (GGUF v${gguf.version}, ${gguf.tensors} tensors)`,
    `# gguf sha256: ${hash}`,
    `# llama.cpp reports: tokenizer.ggml.model ${kvSaid('tokenizer.ggml.model')}, tokenizer.ggml.pre ${kvSaid('tokenizer.ggml.pre') ?? '(absent)'}, `
      + `vocab type ${printed('vocab type')}, n_vocab ${printed('n_vocab')}`,
    `# llama.cpp load warnings (sorted): ${warnings.length ? warnings.join(' | ') : 'none'}`,
    `# known ids: "Hello world" → ${m.hello.join(' ')}; token ${m.word[0]} is ${m.word[1]}; `
      + `${m.control[1]} with special parsing → ${m.control[0]}`,
    '# parse_special: llama_tokenize\'s flag (node-llama-cpp tokenize(text, specialTokens)); false still matches USER_DEFINED tokens',
    '# add_special: node-llama-cpp always passes false; the add_special=true columns are the add_special=false ids with '
      + `what llama_vocab::impl::tokenize puts around them for this vocabulary: ${frame.rule} (see gguf-golden.mjs)`,
    ...extra.map((line) => `# ${line}`),
    `# ${columns.join('\t')}`,
  ];
}

const ID_COLUMNS = ['ids, parse_special=false add_special=false', 'ids, parse_special=false add_special=true',
  'ids, parse_special=true add_special=false', 'ids, parse_special=true add_special=true'];
const DETOKENIZE = 'detokenize(ids parse_special=false add_special=false), escaped';
const DETOKENIZE_NOTE = 'detokenize: llama_detokenize(ids, remove_special=false, unparse_special=false) (node-llama-cpp '
  + 'detokenize(ids, false)): control tokens print as nothing';

// The four id lists of one text. shortcut: skip the parse_special=true call where it cannot matter (see
// loadModel); only the corpus takes it, where it halves the time.
function encodeAll(model, frame, text, parseMatters = null) {
  const plain = model.tokenize(text, false);
  const special = parseMatters && !parseMatters.test(text) ? plain : model.tokenize(text, true);
  const wrap = (ids) => [...frame.prefix, ...ids, ...frame.suffix];
  return { plain, lists: [plain, wrap(plain), special, wrap(special)] };
}

// ---- edge cases
const cases = [...loadCases(join(testdata, 'edge-cases.txt')), ...loadCases(join(testdata, 'hf-edge-cases.txt'))];
{
  const seen = new Set();
  for (const c of cases) { if (seen.has(c.name)) fail(`duplicate edge-case name ${c.name}`); seen.add(c.name); }
}

function edgeCases(m, loaded, frame) {
  const { model } = loaded;
  const skipped = cases.filter((c) => LONE_SURROGATE.test(c.text)).map((c) => c.name);
  const rows = header(m, loaded, frame, 'edge cases', ['name', ...ID_COLUMNS, DETOKENIZE], [
    'cases: testdata/edge-cases.txt then testdata/hf-edge-cases.txt, in file order',
    DETOKENIZE_NOTE,
    `escapes (detokenize column): ${ESCAPES}`,
    `skipped (a lone surrogate cannot cross N-API into llama.cpp, which would get U+FFFD instead): ${skipped.join(' ') || 'none'}`,
  ]);
  const results = new Map();
  for (const c of cases) {
    if (LONE_SURROGATE.test(c.text)) continue;
    const { plain, lists } = encodeAll(model, frame, c.text);
    results.set(c.name, lists);
    rows.push([c.name, ...lists.map((l) => l.join(' ')), escape(model.detokenize(plain, false))].join('\t'));
  }
  return { rows, results };
}

// ---- seeded random strings: hf-golden.mjs's generator and seed; the special texts are this file's
// CONTROL, USER_DEFINED and UNKNOWN tokens in id order (for the five models with a tokenizer.json, exactly
// its added_tokens, so the strings are the same as in golden/hf/<model>/random.tsv)
function random(m, loaded, frame) {
  const { model, gguf } = loaded;
  const tokens = gguf.kv.get('tokenizer.ggml.tokens');
  const types = gguf.kv.get('tokenizer.ggml.token_type');
  const specials = tokens.filter((_, i) => types[i] === 2 || types[i] === 3 || types[i] === 4);
  const rows = header(m, loaded, frame, `${RANDOM_COUNT} seeded random strings`, ['text, escaped', ...ID_COLUMNS], [
    `escapes (text column): ${ESCAPES}`,
    `strings: randomStrings of testdata/generate/cases.mjs (mulberry32 seeded ${RANDOM_SEED}, as hf-golden.mjs), `
      + `with this file's ${specials.length} CONTROL, USER_DEFINED and UNKNOWN token texts spliced in`,
  ]);
  const results = new Map();
  for (const t of randomStrings(specialTexts(specials), RANDOM_COUNT, RANDOM_SEED)) {
    const { lists } = encodeAll(model, frame, t);
    results.set(escape(t), lists);
    rows.push([escape(t), ...lists.map((l) => l.join(' '))].join('\t'));
  }
  return { rows, results };
}

// ---- the corpus, each file as one string
const corpusDir = join(shared, 'corpus');
const corpusFiles = corpusFileList(corpusDir);
let corpusTexts = null;
function corpus() {
  if (!corpusTexts) {
    const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    corpusTexts = corpusFiles.map((f) => utf8.decode(readFileSync(join(corpusDir, f))));
  }
  return corpusTexts;
}

function corpusRows(m, loaded, frame, stats) {
  const { model } = loaded;
  const rows = header(m, loaded, frame, 'every corpus file as one string', ['path under ../shared/corpus',
    ...ID_COLUMNS.flatMap((c) => [`token count, ${c.slice(5)}`, `sha256 of the ${c}`]), 'sha256 of the detokenize'], [
    'input: the whole file as UTF-8 text (a leading BOM stays U+FEFF); files: botchan.txt, wagahaiwa_nekodearu.txt, then udhr/INDEX.tsv order',
    'sha256 of ids: over the ASCII text of the ids as decimal numbers joined by single spaces (no trailing newline; no ids → the empty string)',
    'parse_special=true: asked of llama.cpp only for a file that holds the text of a CONTROL or UNKNOWN token (as llama.cpp '
      + 'loaded them); otherwise it equals parse_special=false, since tokenizer_st_partition, parse_special\'s only reader, '
      + 'would split on nothing more',
    `sha256 of the detokenize: over the UTF-8 bytes of the ${DETOKENIZE.replace(', escaped', '')}; ${DETOKENIZE_NOTE}`,
  ]);
  const results = new Map();
  const texts = corpus();
  for (let k = 0; k < corpusFiles.length; k++) {
    const { plain, lists } = encodeAll(model, frame, texts[k], loaded.parseMatters);
    if (loaded.parseMatters.test(texts[k])) stats.parsed++;
    const decoded = model.detokenize(plain, false);
    if (decoded === texts[k]) stats.roundTrips++;
    stats.tokens += plain.length;
    const summary = lists.map((l) => [l.length, sha256(l.join(' '))]);
    results.set(corpusFiles[k], summary);
    rows.push([corpusFiles[k], ...summary.flat(), sha256(Buffer.from(decoded, 'utf8'))].join('\t'));
  }
  return { rows, results };
}

// ---- main
const wanted = process.argv.slice(2);
for (const a of wanted) if (!MODELS.some((m) => m.name === a)) fail(`unknown argument ${a} (expected model names)`);
const models = MODELS.filter((m) => wanted.length === 0 || wanted.includes(m.name));
const started = performance.now();
const outcomes = [];
for (const m of models) {
  const t0 = performance.now();
  const loaded = await loadModel(m);
  checkIdentity(m, loaded);
  const frame = specialFrame(m, loaded);
  const t1 = performance.now();
  const edge = edgeCases(m, loaded, frame);
  const t2 = performance.now();
  const rand = random(m, loaded, frame);
  const t3 = performance.now();
  const stats = { tokens: 0, roundTrips: 0, parsed: 0 };
  const corp = corpusRows(m, loaded, frame, stats);
  const t4 = performance.now();
  const dir = join(out, m.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'edge-cases.tsv'), edge.rows.join('\n') + '\n');
  writeFileSync(join(dir, 'random.tsv'), rand.rows.join('\n') + '\n');
  writeFileSync(join(dir, 'corpus.tsv'), corp.rows.join('\n') + '\n');
  const s = (a, b) => ((b - a) / 1000).toFixed(1);
  console.log(`golden/gguf/${m.name}: ${loaded.kvSaid('tokenizer.ggml.model')}/${loaded.kvSaid('tokenizer.ggml.pre') ?? '-'} `
    + `(${loaded.printed('vocab type')}), load ${s(t0, t1)} s, edge cases ${s(t1, t2)} s, random ${s(t2, t3)} s, `
    + `corpus ${s(t3, t4)} s (${stats.tokens} tokens, ${stats.roundTrips}/${corpusFiles.length} files detokenize to their text, ${stats.parsed} hold special-token text)`);
  const corpusIds = (path) => loaded.model.tokenize(corpus()[corpusFiles.indexOf(path)], true);
  outcomes.push({ m, loaded, frame, edge: edge.results, random: rand.results, corpus: corp.results, corpusIds });
}
console.log(`golden/gguf: ${models.length} models in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (models.length === MODELS.length) {
  const { differences } = await import('./gguf-differences.mjs');
  const HF_LIBRARY = `tokenizers@${packageVersion('tokenizers')} (npm)`;
  const corpusTexts = new Map(corpusFiles.map((f, k) => [f, corpus()[k]]));
  const t0 = performance.now();
  writeFileSync(join(out, 'DIFFERENCES.md'), await differences(outcomes, { testdata, shared, cases, corpusTexts, LIBRARY, HF_LIBRARY }));
  console.log(`golden/gguf/DIFFERENCES.md written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
for (const o of outcomes) await o.loaded.model.dispose();
await llama.dispose();
