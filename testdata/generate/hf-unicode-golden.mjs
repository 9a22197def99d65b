// Writes testdata/golden/hf/unicode.tsv: what the Rust `tokenizers` library (npm tokenizers@0.23.2, the pinned
// reference) does with the Unicode data of its normalizers and pre-tokenizers, over every code point, as SHA-256
// digests (the full outputs would be megabytes). dev.tokenlab.hf.HfUnicodeConformanceTest recomputes each digest
// from the same inputs with Tokenlab's components.
//
// Checks (one line each: name, number of lines hashed, SHA-256 of those lines joined with "\n"):
//   cp/<component>   every code point U+0000–U+10FFFF but surrogates, alone; a line "<cp>\t<output>" (hex code points
//                    separated by spaces) for each code point the component changes. Components: NFC, NFD, NFKC,
//                    NFKD, StripAccents, Lowercase, BertClean (BertNormalizer with clean_text only), BertStrip
//                    (strip_accents only); and BertPre: "<cp>\t<pieces>" when BertPreTokenizer splits "a<cp>a" into
//                    other than one piece (punctuation: 3, whitespace: 2).
//   seq/<form>       SEQUENCES seeded random strings of 1–8 code points from POOL (marks of every combining class,
//                    Hangul jamo, composites, exclusions, code points newer than Unicode 9.0) or U+0300–U+036F, each
//                    "<input>\t<output>\t<offsets>": the normalized code points and, for each, the code point range
//                    of the input it maps to (the Rust library's alignments).
//   scripts          UnicodeScripts on every code point in order (chunks of 4096), and on every code point after "a"
//                    and after "α" (chunks of 2048 pairs): the pieces' code point ranges, one line per string.
//
// Usage: node hf-unicode-golden.mjs   (through ./run, which installs the pinned package)
import * as tk from 'tokenizers';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = '0.23.2';
const SEED = 20260601;
const SEQUENCES = 20000;
// Keep in sync with HfUnicodeConformanceTest.POOL.
const POOL = [0x61, 0x65, 0x6F, 0x75, 0x41, 0x73, 0x69, 0x20, 0xE9, 0x1EC7, 0x1D6, 0x212B, 0x1E9B, 0xFB01, 0xBD, 0x958, 0x344,
  0xF73, 0xF75, 0xF77, 0xF71, 0xF72, 0xF80, 0x2126, 0x1F23B, 0x11935, 0x11930, 0x11938, 0x1DF6, 0x1DF7, 0xCC6, 0xCC2, 0xCCA,
  0xCD5, 0xDD9, 0xDCF, 0xDCA, 0xDDD, 0xB47, 0xB3E, 0xB57, 0x1B05, 0x1B35, 0x5D0, 0x5B4, 0x5BC, 0x302A, 0x302B, 0x302E, 0x3099,
  0x309A, 0x304B, 0x30AB, 0xFF76, 0xFF9E, 0x1D15E, 0x1D165, 0x1D16E, 0x1D16D, 0x10FFFF, 0, 0x1100, 0x1112, 0x1113, 0x1161,
  0x1175, 0x1176, 0x11A7, 0x11A8, 0x11C2, 0x11C3, 0xAC00, 0xAC01, 0xD7A3, 0x3131, 0x1E0A, 0x1E0C, 0x307, 0x323, 0x301, 0x300,
  0x308, 0x304, 0x327, 0x328, 0x31B, 0x345, 0x3B1, 0x1FB3, 0x1F00, 0x399, 0x1FBE, 0x385, 0x2FA1D, 0xF900, 0x1E4EC, 0x1E4EF,
  0x10781, 0x1F16C, 0x16FF0, 0x1D1AA, 0x1A7F, 0x1AB0, 0x20D0, 0x20E3, 0x93C, 0x94D, 0x915, 0x929, 0x9C7, 0x9BE, 0x9D7, 0xBC6,
  0xBBE, 0xBD7, 0xC46, 0xC56, 0xD46, 0xD3E, 0xD57, 0x1025, 0x102E, 0x11099, 0x110BA, 0x1109A, 0x11131, 0x11127, 0x1112E,
  0x1134B, 0x11347, 0x1133E, 0x11357, 0x114B9, 0x114BA, 0x114B0, 0x115B8, 0x115AF, 0xE0100, 0x200D, 0x3000, 0x2460, 0x33FF,
  0x1F1E6];

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(here, 'node_modules/tokenizers/package.json'), 'utf8'));
if (pkg.version !== VERSION) throw new Error(`node_modules/tokenizers is ${pkg.version}, expected ${VERSION} (run ./run)`);

// mulberry32; HfUnicodeConformanceTest has the same generator.
function random(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const hex = (s) => [...s].map((c) => c.codePointAt(0).toString(16)).join(' ');
const lines = [];
function check(name, rows) {
  lines.push(`${name}\t${rows.length}\t${createHash('sha256').update(rows.join('\n')).digest('hex')}`);
}
function tokenizer(normalizer, preTokenizer) {
  return tk.Tokenizer.fromString(JSON.stringify({ version: '1.0', truncation: null, padding: null, added_tokens: [],
    normalizer, pre_tokenizer: preTokenizer, post_processor: null, decoder: null,
    model: { type: 'WordLevel', vocab: { '[UNK]': 0 }, unk_token: '[UNK]' } }));
}
const offsets = (e) => e.getOffsets().map((o) => o.join(':')).join(' ');

const components = {
  NFC: tk.nfcNormalizer(), NFD: tk.nfdNormalizer(), NFKC: tk.nfkcNormalizer(), NFKD: tk.nfkdNormalizer(),
  StripAccents: tk.stripAccentsNormalizer(), Lowercase: tk.lowercase(),
  BertClean: tk.bertNormalizer({ cleanText: true, handleChineseChars: false, stripAccents: false, lowercase: false }),
  BertStrip: tk.bertNormalizer({ cleanText: false, handleChineseChars: false, stripAccents: true, lowercase: false }),
};
const rows = Object.fromEntries(Object.keys(components).map((k) => [k, []]));
rows.BertPre = [];
const bert = tk.bertPreTokenizer();
for (let cp = 0; cp < 0x110000; cp++) {
  if (cp >= 0xD800 && cp <= 0xDFFF) continue;
  const s = String.fromCodePoint(cp);
  for (const [name, n] of Object.entries(components)) {
    const r = n.normalizeString(s);
    if (r !== s) rows[name].push(`${cp.toString(16)}\t${hex(r)}`);
  }
  const pieces = bert.preTokenizeString(`a${s}a`).length;
  if (pieces !== 1) rows.BertPre.push(`${cp.toString(16)}\t${pieces}`);
}
for (const [name, r] of Object.entries(rows)) check(`cp/${name}`, r);

const next = random(SEED);
const strings = [];
for (let i = 0; i < SEQUENCES; i++) {
  const n = 1 + Math.floor(next() * 8);
  const cps = [];
  for (let k = 0; k < n; k++) {
    cps.push(next() < 0.3 ? 0x300 + Math.floor(next() * 0x70) : POOL[Math.floor(next() * POOL.length)]);
  }
  strings.push(String.fromCodePoint(...cps));
}
for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD']) {
  const t = tokenizer({ type: form }, { type: 'Split', pattern: { String: '' }, behavior: 'Isolated', invert: false });
  const r = [];
  for (const s of strings) {
    r.push(`${hex(s)}\t${hex(components[form].normalizeString(s))}\t${offsets(await t.encode(s))}`);
  }
  check(`seq/${form}`, r);
}

const all = [];
for (let cp = 0; cp < 0x110000; cp++) if (cp < 0xD800 || cp > 0xDFFF) all.push(cp);
const scriptStrings = [];
for (let i = 0; i < all.length; i += 4096) scriptStrings.push(String.fromCodePoint(...all.slice(i, i + 4096)));
for (const sep of [0x61, 0x3B1]) {
  for (let i = 0; i < all.length; i += 2048) {
    scriptStrings.push(String.fromCodePoint(...all.slice(i, i + 2048).flatMap((cp) => [sep, cp])));
  }
}
const scripts = tokenizer(null, { type: 'UnicodeScripts' });
const r = [];
for (const s of scriptStrings) r.push(offsets(await scripts.encode(s)));
check('scripts', r);

const out = join(here, '..', 'golden', 'hf');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'unicode.tsv'), [
  '# Hugging Face tokenizers golden file: Unicode behaviour of normalizers and pre-tokenizers, as SHA-256 digests.',
  '# Generated by testdata/generate/run; do not edit.',
  '# generator: testdata/generate/hf-unicode-golden.mjs',
  `# library: tokenizers@${VERSION} (npm: Hugging Face's Rust tokenizers through its N-API binding, prebuilt binary)`,
  `# seed: ${SEED}, sequences: ${SEQUENCES}`,
  '# check\tlines\tsha256',
  ...lines, ''].join('\n'));
console.log(`wrote ${join(out, 'unicode.tsv')}: ${lines.length} checks`);
