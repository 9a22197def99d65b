// Writes testdata/golden/hf-synthetic/<name>.tsv: for each hand-written tokenizer.json of
// testdata/hf-synthetic/ (tiny vocabularies, one component or combination each), what Hugging Face's
// Rust `tokenizers` library (npm tokenizers@0.23.2, its N-API binding) gives for every case of
// testdata/edge-cases.txt, testdata/hf-edge-cases.txt and testdata/hf-synthetic/cases.txt: ids with
// add_special_tokens false and true, the decode, the offsets, in the shape of
// golden/hf/<model>/edge-cases.tsv. A case the library refuses (an unknown token without unk_id …) is
// written as an error row: `!error` in both id columns and the library's message in the decode column.
//
// A file may take its precompiled_charsmap from a SentencePiece model of ../shared: the value
// "@shared:PATH" stands for the base64 of that model's normalizer_spec.precompiled_charsmap (the Java
// test does the same substitution); without ../shared those files are skipped.
//
// Usage: node hf-synthetic-golden.mjs [name ...]   (through ./run, which installs the pinned package)
import { Tokenizer } from 'tokenizers';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCases } from './cases.mjs';

const VERSION = '0.23.2';
const here = dirname(fileURLToPath(import.meta.url));
const testdata = join(here, '..');
const shared = join(testdata, '..', '..', 'shared');
const sources = join(testdata, 'hf-synthetic');
const out = join(testdata, 'golden', 'hf-synthetic');

function fail(message) {
  console.error(`hf-synthetic-golden: ${message}`);
  process.exit(1);
}

const pkg = JSON.parse(readFileSync(join(here, 'node_modules/tokenizers/package.json'), 'utf8'));
if (pkg.version !== VERSION) fail(`node_modules/tokenizers is ${pkg.version}, expected ${VERSION} (run ./run)`);
const LIBRARY = `tokenizers@${VERSION} (npm: Hugging Face's Rust tokenizers through its N-API binding, prebuilt binary)`;

// The same escapes as hf-golden.mjs (EdgeCases.unescape reads them back).
const ESCAPES = '\\n \\r \\t \\\\, \\s for a space at either end, \\uXXXX for C0/C1 controls, '
  + 'DEL, U+2028, U+2029, U+FEFF, U+FFF0..U+FFFF and a leading #';
function escape(t) {
  const cps = Array.from(t);
  let s = '';
  cps.forEach((ch, i) => {
    const c = ch.codePointAt(0);
    if (ch === '\n') s += '\\n';
    else if (ch === '\r') s += '\\r';
    else if (ch === '\t') s += '\\t';
    else if (ch === '\\') s += '\\\\';
    else if (ch === ' ' && (i === 0 || i === cps.length - 1)) s += '\\s';
    else if (ch === '#' && i === 0) s += '\\u0023';
    else if (c >= 0xd800 && c <= 0xdfff) throw new Error('lone surrogate in output');
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0xfff0 && c <= 0xffff)) {
      s += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    } else s += ch;
  });
  return s;
}

// ---- precompiled_charsmap of a SentencePiece ModelProto: field 3 (normalizer_spec), its field 2
function varint(b, at) {
  let v = 0; let shift = 0; let i = at;
  for (;;) {
    const x = b[i++];
    v += (x & 0x7f) * 2 ** shift;
    if (x < 0x80) return [v, i];
    shift += 7;
  }
}
function field(b, wanted) {
  let i = 0;
  while (i < b.length) {
    let key; [key, i] = varint(b, i);
    const number = Math.floor(key / 8); const wire = key & 7;
    if (wire === 0) { [, i] = varint(b, i); } else if (wire === 1) { i += 8; } else if (wire === 5) { i += 4; } else if (wire === 2) {
      let len; [len, i] = varint(b, i);
      if (number === wanted) return b.subarray(i, i + len);
      i += len;
    } else throw new Error(`wire type ${wire}`);
  }
  return null;
}
function sharedCharsmap(path) {
  const model = readFileSync(join(shared, path));
  const spec = field(model, 3);
  const map = spec && field(spec, 2);
  if (!map) fail(`${path}: no normalizer_spec.precompiled_charsmap`);
  return Buffer.from(map).toString('base64');
}

function load(file) {
  let text = readFileSync(join(sources, file), 'utf8');
  const uses = [...text.matchAll(/"@shared:([^"]+)"/g)].map((m) => m[1]);
  if (uses.length && !existsSync(shared)) return null;
  for (const path of uses) text = text.replace(`"@shared:${path}"`, `"${sharedCharsmap(path)}"`);
  return { source: readFileSync(join(sources, file)), tokenizer: Tokenizer.fromString(text), uses };
}

const cases = [...loadCases(join(testdata, 'edge-cases.txt')), ...loadCases(join(testdata, 'hf-edge-cases.txt')),
  ...loadCases(join(sources, 'cases.txt'))];
{
  const seen = new Set();
  for (const c of cases) { if (seen.has(c.name)) fail(`duplicate case name ${c.name}`); seen.add(c.name); }
}
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

async function rows(name, model) {
  const { tokenizer } = model;
  const skipped = cases.filter((c) => LONE_SURROGATE.test(c.text)).map((c) => c.name);
  const lines = [
    `# Hugging Face tokenizers golden file: synthetic tokenizer ${name}. Generated by testdata/generate/run; do not edit.`,
    '# generator: testdata/generate/hf-synthetic-golden.mjs',
    `# library: ${LIBRARY}`,
    `# tokenizer.json: testdata/hf-synthetic/${name}.json`,
    `# tokenizer.json sha256: ${createHash('sha256').update(model.source).digest('hex')}`
      + (model.uses.length ? ` (before "@shared:" is replaced by the charsmap of ../shared/${model.uses.join(', ../shared/')})` : ''),
    '# cases: testdata/edge-cases.txt, testdata/hf-edge-cases.txt, testdata/hf-synthetic/cases.txt, in file order',
    '# offsets: Unicode code points of the input text, end exclusive, as the binding returns them',
    '# errors: a case the library refuses has !error in both id columns and its message in the decode column',
    `# escapes (decode column): ${ESCAPES}`,
    `# skipped (a lone surrogate cannot cross N-API): ${skipped.join(' ') || 'none'}`,
    '# name\tids, add_special_tokens=false\tids, add_special_tokens=true\tdecode(ids false, skip_special_tokens=false), escaped\toffsets of ids false, start:end',
  ];
  for (const c of cases) {
    if (LONE_SURROGATE.test(c.text)) continue;
    let plain;
    try {
      plain = await tokenizer.encode(c.text, null, { addSpecialTokens: false });
    } catch (e) {
      lines.push(`${c.name}\t!error\t!error\t${escape(String(e.message).split('\n')[0])}\t`);
      continue;
    }
    const special = await tokenizer.encode(c.text, null, { addSpecialTokens: true });
    const ids = plain.getIds();
    const decoded = await tokenizer.decode(ids, false);
    const offsets = plain.getOffsets().map(([s, e]) => `${s}:${e}`).join(' ');
    lines.push(`${c.name}\t${ids.join(' ')}\t${special.getIds().join(' ')}\t${escape(decoded)}\t${offsets}`);
  }
  return lines;
}

const wanted = process.argv.slice(2);
const files = readdirSync(sources).filter((f) => f.endsWith('.json')).sort()
  .filter((f) => wanted.length === 0 || wanted.includes(f.slice(0, -5)));
if (wanted.length && files.length !== wanted.length) fail(`unknown synthetic tokenizer in ${wanted.join(' ')}`);
mkdirSync(out, { recursive: true });
let written = 0;
for (const file of files) {
  const name = file.slice(0, -5);
  let model;
  try {
    model = load(file);
  } catch (e) {
    fail(`${file}: the library refuses to load it: ${e.message}`);
  }
  if (!model) {
    if (process.env.CI === 'true') fail(`${file} needs ../shared`);
    console.log(`hf-synthetic-golden: ${file} needs ../shared; not regenerated`);
    continue;
  }
  writeFileSync(join(out, `${name}.tsv`), (await rows(name, model)).join('\n') + '\n');
  written++;
}
console.log(`golden/hf-synthetic: ${written} synthetic tokenizers, ${cases.length} cases each`);
