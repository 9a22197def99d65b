// Writes the text of testdata/golden/gguf/DIFFERENCES.md for gguf-golden.mjs: every case where llama.cpp's ids
// (special parsing on, as the Rust library always matches added tokens) differ from Hugging Face's Rust
// `tokenizers` (testdata/golden/hf/<model>/, written by hf-golden.mjs) for the same text, with where the two
// first part and a one-line guess at the cause. The guesses are rules over the text near that point (see
// CAUSES); each was checked by hand against llama.cpp's source when it was written, but a rule is a guess.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { escape, unescape } from './cases.mjs';

// Code points that Unicode 16 and 17 assign and llama.cpp's tables (src/unicode-data.cpp of the bundled
// llama.cpp source, generated from Unicode 15.1) leave unassigned: computed once from that file against
// Node's Unicode 17 tables. llama.cpp treats them as no category at all (not \p{L}, \p{N}, \p{M}, …).
const NEWER_THAN_LLAMA = ('88f 897 c5c cdc 1acf-1add 1ae0-1aeb 1b4e-1b4f 1b7f 1c89-1c8a 20c1 2427-2429 2b96 31e4-31e5 '
  + 'a7cb-a7cf a7d2 a7d4 a7da-a7dc a7f1 fbc3-fbd2 fd90-fd91 fdc8-fdce 105c0-105f3 10940-10959 10d40-10d65 10d69-10d85 '
  + '10d8e-10d8f 10ec2-10ec7 10ed0-10ed8 10efa-10efc 11380-11389 1138b 1138e 11390-113b5 113b7-113c0 113c2 113c5 '
  + '113c7-113ca 113cc-113d5 113d7-113d8 113e1-113e2 116d0-116e3 11b60-11b67 11bc0-11be1 11bf0-11bf9 11db0-11ddb '
  + '11de0-11de9 11f5a 13460-143fa 16100-16139 16d40-16d79 16ea0-16eb8 16ebb-16ed3 16ff2-16ff6 187f8-187ff 18cff '
  + '18d09-18d1e 18d80-18df2 1cc00-1ccfc 1cd00-1ceb3 1ceba-1ced0 1cee0-1cef0 1e5d0-1e5fa 1e5ff 1e6c0-1e6de 1e6e0-1e6f5 '
  + '1e6fe-1e6ff 1f6d8 1f777-1f77a 1f8b2-1f8bb 1f8c0-1f8c1 1f8d0-1f8d8 1fa54-1fa57 1fa89-1fa8a 1fa8e-1fa8f 1fabe 1fac6 '
  + '1fac8 1facd 1fadc 1fadf 1fae9-1faea 1faef 1fbcb-1fbef 1fbfa 2b73a-2b73f 2cea2-2cead 323b0-33479')
  .split(' ').map((r) => r.split('-').map((h) => parseInt(h, 16))).map(([a, b]) => [a, b ?? a]);
const newerThanLlama = (cp) => NEWER_THAN_LLAMA.some(([a, b]) => cp >= a && cp <= b);

const cps = (s) => Array.from(s).map((c) => c.codePointAt(0));
const has = (re) => (s) => re.test(s);
const HANGUL_SYLLABLE = /[\uAC00-\uD7A3]/u;
const MARK = /\p{M}/u;
const MARK_NOT_MN = /[\p{Mc}\p{Me}]/u;

// The rules, tried in order on the text around the first difference (bert: the whole text). Each says what
// the Rust library does and what llama.cpp does instead.
const CAUSES = [
  { id: 'special', short: 'special-token matching differs', models: null,
    test: (x) => x.specialDiff != null,
    say: () => 'special tokens: llama.cpp splits the text at other special tokens than the Rust library does: its loader changes token types (Qwen3\'s plain vocabulary token `</s>` looks like a control token and becomes one; gpt-oss\'s `<|channel|>`, `<|constrain|>`, `<|message|>`, `<|start|>` become USER_DEFINED), and it matches the longest special token first over the whole text where the Rust library matches leftmost; the row says which ids' },
  { id: 'nfc', short: 'NFC in the Rust library only', models: ['qwen3'],
    test: (x) => x.near.normalize('NFC') !== x.near,
    say: () => 'normalizer: the Rust library puts the text in NFC first (the tokenizer.json normalizer is NFC); llama.cpp (pre qwen2) does not normalize' },
  { id: 'bert-long-word', short: 'word over 100 characters: [UNK] in the Rust library only', models: ['bert'],
    test: (x) => x.near.split(/\s+/u).some((w) => Array.from(w).length > 100),
    say: () => 'WordPiece max_input_chars_per_word 100: the Rust library gives one [UNK] for a longer word; llama.cpp has no limit' },
  { id: 'bert-hangul', short: 'Hangul syllable: llama.cpp keeps only its first jamo', models: ['bert'],
    test: (x) => HANGUL_SYLLABLE.test(x.near),
    say: () => 'accent stripping (NFD): the Rust library decomposes a Hangul syllable into its two or three jamo; llama.cpp\'s NFD table maps a code point to the first code point of its decomposition only, so a syllable keeps its initial consonant and loses the rest' },
  { id: 'bert-u2581', short: 'U+2581 inside a word starts a word in llama.cpp', models: ['bert'],
    test: (x) => x.near.includes('\u2581'),
    say: () => 'U+2581 in the text: llama.cpp\'s WPM vocabulary marks word starts with U+2581 (▁of is the word "of"), so a U+2581 inside a word starts a word there; the Rust library finds no piece for the word and gives [UNK]' },
  { id: 'bert-control-space', short: 'U+000B/U+000C: deleted by the Rust library, a space to llama.cpp', models: ['bert'],
    test: (x) => /[\u000B\u000C]/u.test(x.text),
    say: () => 'whitespace: the Rust library\'s BertNormalizer deletes U+000B and U+000C as control characters; llama.cpp splits words on them (White_Space)' },
  { id: 'bert-marks', short: 'spacing/enclosing mark: dropped by llama.cpp only', models: ['bert'],
    test: (x) => MARK_NOT_MN.test(x.near.normalize('NFD')),
    say: () => 'accent stripping: the Rust library drops only nonspacing marks (Mn); llama.cpp drops every \\p{M}: spacing (Mc) and enclosing (Me) marks too' },
  { id: 'bert-unicode8', short: "mark or punctuation newer than Unicode 8.0 (the Rust library's BERT tables)", models: ['bert'],
    test: (x) => /[^\p{ASCII}](?<=[\p{M}\p{P}])/u.test(x.near),
    say: () => 'Unicode version (likely): the Rust library\'s BERT normalizer and pre-tokenizer use Unicode 8.0 categories (crate unicode_categories), so a mark or punctuation sign added later is a plain letter there; llama.cpp (Unicode 15.1) drops the mark or splits at the punctuation' },
  { id: 'unicode', short: "code point newer than llama.cpp's Unicode 15.1 tables", models: null,
    test: (x) => cps(x.near).some(newerThanLlama),
    say: () => 'Unicode version: a code point that Unicode 16 or 17 assigns (a letter to the Rust library) is unassigned in llama.cpp\'s tables (Unicode 15.1), so llama.cpp\'s regex puts it with punctuation' },
  { id: 'gpt4o-marks', short: "combining mark ends the word in llama.cpp's gpt-4o regex", models: ['gptoss'],
    test: (x) => MARK.test(x.near),
    say: () => 'pre-tokenizer regex: o200k\'s pattern keeps combining marks in words ([\\p{L}\\p{M}]); llama.cpp\'s gpt-4o regex (std::regex, letters as (?=\\p{L})) has no \\p{M}, so a mark ends the word and starts a piece of its own' },
  { id: 'gpt4o-case', short: "non-ASCII capital splits a capitalised word in llama.cpp's gpt-4o regex", models: ['gptoss'],
    test: (x) => /[^\P{L}A-Za-z]/u.test(x.near),
    say: () => 'pre-tokenizer regex: o200k splits words by case (\\p{Lu}…\\p{Ll}); llama.cpp\'s gpt-4o regex takes "upper" as any letter but a-z and "lower" as any letter but A-Z, so a non-ASCII capital inside a capitalised word splits it (ARTÍCULO: ARTÍ CULO)' },
];

function readTsv(file) {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split('\t'));
}
const ids = (s) => (s === '' ? [] : s.split(' ').map(Number));
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// GPT-2's byte ↔ character map, to turn byte-level tokens back into bytes.
const BYTE_OF = (() => {
  const bs = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = bs.slice();
  let n = 0;
  for (let b = 0; b < 256; b++) if (!bs.includes(b)) { bs.push(b); cs.push(256 + n++); }
  return new Map(cs.map((c, i) => [String.fromCodePoint(c), bs[i]]));
})();

function vocabulary(o) {
  const tokens = o.loaded.gguf.kv.get('tokenizer.ggml.tokens');
  const types = o.loaded.gguf.kv.get('tokenizer.ggml.token_type');
  const special = o.loaded.specialIds;
  const byteLevel = o.loaded.vocabularyType === 'bpe';
  const bytesOf = (list) => Buffer.concat(list.map((id) => {
    const t = tokens[id];
    if (!byteLevel || special.has(id)) return Buffer.from(t, 'utf8');
    return Buffer.from(Array.from(t).map((c) => BYTE_OF.get(c) ?? 0x3f));
  }));
  return { tokens, types, special, byteLevel, bytesOf };
}

// Where two id lists part, and the text there (byte-level models: from the bytes of the common prefix;
// bert: the tokens, since its normalizer moves text around).
function where(vocab, text, ll, hf) {
  let i = 0;
  while (i < ll.length && i < hf.length && ll[i] === hf[i]) i++;
  if (!vocab.byteLevel) {
    // WPM: count the words llama.cpp finished before the lists part (tokens starting with U+2581, and special
    // tokens) and take the text of the words around there, as llama.cpp's WPM splits it.
    const show = (l) => l.slice(i, i + 4).map((id) => vocab.tokens[id] ?? id).join(' ') + (l.length > i + 4 ? ' …' : '');
    const starts = (id) => vocab.special.has(id) || (vocab.tokens[id] ?? '').startsWith('\u2581');
    let w = ll.slice(0, i).filter(starts).length;
    if (i < ll.length && !starts(ll[i])) w--;
    const words = wpmWords(text, vocab);
    const near = words.slice(Math.max(0, w - 1), Math.max(0, w) + 1).join(' ');
    return { index: i, near, label: `token ${i}: ${show(ll) || '(end)'} / ${show(hf) || '(end)'}, near «${escape(near)}»` };
  }
  const offset = vocab.bytesOf(ll.slice(0, i)).length;
  const chars = Array.from(text);
  let at = 0;
  let bytes = 0;
  while (at < chars.length && bytes + Buffer.byteLength(chars[at]) <= offset) bytes += Buffer.byteLength(chars[at++]);
  const near = chars.slice(Math.max(0, at - 2), at + 8).join('');
  return { index: i, near, label: `token ${i}, character ${at}: «${escape(chars.slice(at, at + 8).join(''))}»` };
}

// The words of llama.cpp's WPM pre-split (llama_vocab's llm_tokenizer_wpm_session::preprocess) in the original
// text: special-token texts, then whitespace ends a word, punctuation, ASCII symbols and CJK ideographs are words
// of their own, controls vanish. Only for finding the place; the characters stay as written.
const WPM_SPACE = /[\t-\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/u;
const CJK = /[\u4E00-\u9FFF\u3400-\u4DBF\u{20000}-\u{2A6DF}\u{2A700}-\u{2B73F}\u{2B740}-\u{2B81F}\u{2B920}-\u{2CEAF}\uF900-\uFAFF\u{2F800}-\u{2FA1F}]/u;
function wpmWords(text, vocab) {
  if (!vocab.specialRe) {
    const texts = [...vocab.special].map((id) => vocab.tokens[id]).sort((a, b) => b.length - a.length);
    vocab.specialRe = new RegExp(`(${texts.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'u');
  }
  const words = [];
  text.split(vocab.specialRe).forEach((part, k) => {
    if (k % 2 === 1) { words.push(part); return; }
    let word = '';
    const end = () => { if (word) words.push(word); word = ''; };
    for (const ch of part) {
      if (WPM_SPACE.test(ch)) end();
      else if (/[\p{Cc}\p{Cf}\p{Co}\uFFFD]/u.test(ch)) continue;
      else if (/\p{P}/u.test(ch) || (ch < '\u007F' && /\p{S}/u.test(ch)) || CJK.test(ch)) { end(); words.push(ch); }
      else word += ch;
    }
    end();
  });
  return words;
}

function specialDiff(vocab, unk, ll, hf) {
  const pick = (l) => l.filter((id) => vocab.special.has(id) && id !== unk);
  const a = pick(ll);
  const b = pick(hf);
  if (same(a, b)) return null;
  const name = (id) => `${id} ${vocab.tokens[id]}${vocab.types[id] === 1 ? ' (NORMAL in the file; llama.cpp\'s loader made it a control token, as it looks like one)' : ''}`;
  const onlyLl = a.filter((id) => !b.includes(id));
  const onlyHf = b.filter((id) => !a.includes(id));
  const parts = [];
  if (onlyLl.length) parts.push(`llama.cpp matches ${[...new Set(onlyLl)].map(name).join(', ')} as special where the Rust library reads text`);
  if (onlyHf.length) parts.push(`the Rust library matches ${[...new Set(onlyHf)].map(name).join(', ')} where llama.cpp reads text`);
  if (!parts.length) parts.push('the same special tokens are matched at other places (overlapping special-token texts)');
  return parts.join('; ');
}

function explain(o, vocab, text, ll, hf) {
  const w = where(vocab, text, ll, hf);
  const x = { text, near: w.near, specialDiff: specialDiff(vocab, o.loaded.gguf.kv.get('tokenizer.ggml.unknown_token_id') ?? -1, ll, hf) };
  const rule = CAUSES.find((c) => (c.models == null || c.models.includes(o.m.name)) && c.test(x));
  const cause = !rule ? '`other`: not classified' : rule.id === 'special' ? `\`special\`: ${x.specialDiff}` : `\`${rule.id}\`: ${rule.short}`;
  return { where: w.label, cause, id: rule ? rule.id : 'other' };
}

const code = (s) => {
  const t = s.replace(/\|/g, '\\|');
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
};
const cell = (l) => code(l.join(' ') || '(none)');

// The tokens the Rust library puts around its add_special_tokens=false ids, read off its own golden rows.
function hfFrame(rows, pick) {
  for (const r of rows) {
    const [plain, special] = pick(r);
    if (plain.length === 0) continue;
    for (let p = 0; p + plain.length <= special.length; p++) {
      if (same(special.slice(p, p + plain.length), plain)) return { prefix: special.slice(0, p), suffix: special.slice(p + plain.length) };
    }
  }
  return null;
}

// The Rust library itself (npm tokenizers, installed beside node-llama-cpp by ./run), for the corpus files.
async function rustTokenizer(shared, name) {
  const { Tokenizer } = await import('tokenizers');
  const file = join(shared, 'models', 'hf', name, 'tokenizer.json');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : gunzipSync(readFileSync(`${file}.gz`)).toString('utf8');
  const tokenizer = Tokenizer.fromString(text);
  tokenizer.disablePadding();
  tokenizer.disableTruncation();
  return tokenizer;
}

export async function differences(outcomes, ctx) {
  const { testdata, cases, corpusTexts, LIBRARY, HF_LIBRARY } = ctx;
  const textOf = new Map(cases.map((c) => [c.name, c.text]));
  const lines = [
    '# llama.cpp vs Hugging Face tokenizers: where the ids differ',
    '',
    'Generated by `testdata/generate/run` (`gguf-golden.mjs`, rules in `gguf-differences.mjs`); do not edit.',
    '',
    'Every case where llama.cpp gives other ids than Hugging Face\'s Rust `tokenizers` (its goldens in'
      + ' `testdata/golden/hf/<model>/`) for the same text, vocabulary by vocabulary: the GGUF files of'
      + ' `../shared/models/gguf` were written from the `tokenizer.json` files of `../shared/models/hf`.'
      + ' The Rust library always matches added tokens in the text, so llama.cpp\'s ids are taken with special parsing on'
      + ' (`parse_special=true`); `add_special_tokens=false` is compared with `add_special=false`. `add_special=true` adds'
      + ' the same tokens around every text on either side, so it is compared once per model (first line of each section).'
      + ' "Where" is the first token at which the two lists part and the text from there; the cause is a guess made by'
      + ' the rules of `gguf-differences.mjs` (checked by hand against llama.cpp\'s source when they were written).'
      + ' Tokens are spelt as in the GGUF file (bert: U+2581 starts a word, no `##`). See testdata/README.md for an example of each cause.',
    '',
    `- llama.cpp: ${LIBRARY}`,
    `- Rust tokenizers: ${HF_LIBRARY}`,
    '',
    'llama2 is not compared: no golden file here has the ids of the same vocabulary (`golden/hf/mistral` is Mistral\'s'
      + ' vocabulary; Meta\'s SentencePiece model is checked against the C++ library at test time, not through a golden file).',
    '',
    '| model | llama.cpp tokenizer | edge cases differing | random strings differing | corpus files differing | add_special | causes (rows) |',
    '|---|---|---|---|---|---|---|',
  ];
  const sections = [];
  const totals = new Map();
  for (const o of outcomes) {
    if (!o.m.hf) continue;
    const vocab = vocabulary(o);
    const hfDir = join(testdata, 'golden', 'hf', o.m.hf);
    const hfEdge = readTsv(join(hfDir, 'edge-cases.tsv'));
    const hfRandom = readTsv(join(hfDir, 'random.tsv'));
    const hfCorpus = readTsv(join(hfDir, 'corpus.tsv'));
    const counts = new Map();
    const count = (id) => counts.set(id, (counts.get(id) ?? 0) + 1);

    // add_special: one framing each side
    const hf = hfFrame(hfEdge, (r) => [ids(r[1]), ids(r[2])]);
    const llFrame = o.frame;
    const frameSame = same(hf.prefix, llFrame.prefix) && same(hf.suffix, llFrame.suffix);
    const unframed = [...hfEdge.map((r) => [r[0], ids(r[1]), ids(r[2])]), ...hfRandom.map((r) => [escape(unescape(r[0])), ids(r[1]), ids(r[2])])]
      .filter(([, p, s]) => !same(s, [...hf.prefix, ...p, ...hf.suffix])).map(([n]) => n);
    const frameText = (f) => `[${f.prefix.join(' ')}] … [${f.suffix.join(' ')}]`;
    const section = [`## ${o.m.name}`, '',
      `llama.cpp: \`tokenizer.ggml.model\` ${o.loaded.kvSaid('tokenizer.ggml.model')}, \`tokenizer.ggml.pre\` ${o.loaded.kvSaid('tokenizer.ggml.pre') ?? '(absent)'}.`
        + ` add_special: llama.cpp puts ${frameText(llFrame)} around the ids, the Rust library ${frameText(hf)}: `
        + (frameSame ? 'the same, so add_special=true differs exactly where add_special=false does.'
          : `**different on every text** (${llFrame.rule}; the Rust library's post-processor adds ${frameText(hf)}), so every add_special=true row differs; the lists below compare add_special=false.`)
        + (unframed.length ? ` Rows where the Rust library's add_special_tokens=true ids are not its false ids framed so: ${unframed.join(', ')}.` : ''),
      ''];

    // edge cases
    const edgeRows = [];
    let edgeCompared = 0;
    for (const r of hfEdge) {
      const lists = o.edge.get(r[0]);
      if (!lists) continue;
      edgeCompared++;
      const ll = lists[2];
      const h = ids(r[1]);
      if (same(ll, h)) continue;
      const e = explain(o, vocab, textOf.get(r[0]), ll, h);
      count(e.id);
      edgeRows.push(`| ${r[0]} | ${code(escape(textOf.get(r[0])))} | ${cell(ll)} | ${cell(h)} | ${e.where.replace(/\|/g, '\\|')} | ${e.cause} |`);
    }
    section.push(`### Edge cases: ${edgeRows.length} of ${edgeCompared} differ`, '');
    if (edgeRows.length) section.push('| case | text | llama.cpp | Rust tokenizers | where | cause |', '|---|---|---|---|---|---|', ...edgeRows, '');

    // random strings (the same strings on both sides: the same generator, seed and special texts)
    const randomRows = [];
    let randomCompared = 0;
    for (const r of hfRandom) {
      const lists = o.random.get(r[0]);
      if (!lists) continue;
      randomCompared++;
      const ll = lists[2];
      const h = ids(r[1]);
      if (same(ll, h)) continue;
      const e = explain(o, vocab, unescape(r[0]), ll, h);
      count(e.id);
      randomRows.push(`| ${randomCompared} | ${code(r[0])} | ${cell(ll)} | ${cell(h)} | ${e.where.replace(/\|/g, '\\|')} | ${e.cause} |`);
    }
    if (randomCompared !== hfRandom.length) throw new Error(`${o.m.name}: only ${randomCompared} of ${hfRandom.length} random strings are the same on both sides`);
    section.push(`### Random strings: ${randomRows.length} of ${randomCompared} differ`, '');
    if (randomRows.length) section.push('| row | text | llama.cpp | Rust tokenizers | where | cause |', '|---|---|---|---|---|---|', ...randomRows, '');

    // corpus: the golden files keep counts and hashes only, so the place is found by asking the Rust library
    // again (its ids must hash to its golden file's) for the files that differ
    const corpusRows = [];
    let tokenizer = null;
    for (const r of hfCorpus) {
      const summary = o.corpus.get(r[0]);
      if (!summary || summary[2][1] === r[2]) continue;
      const text = corpusTexts.get(r[0]);
      tokenizer ??= await rustTokenizer(ctx.shared, o.m.hf);
      const h = (await tokenizer.encode(text, null, { addSpecialTokens: false })).getIds();
      if (createHash('sha256').update(h.join(' ')).digest('hex') !== r[2]) throw new Error(`${o.m.name}: ${r[0]}: the Rust library's ids no longer hash as in its golden file`);
      const e = explain(o, vocab, text, o.corpusIds(r[0]), h);
      count(e.id);
      corpusRows.push(`| ${r[0]} | ${summary[2][0]} | ${r[1]} | ${e.where.replace(/\|/g, '\\|')} | ${e.cause} |`);
    }
    section.push(`### Corpus: ${corpusRows.length} of ${hfCorpus.length} files differ`, '');
    if (corpusRows.length) {
      section.push('| file | llama.cpp tokens | Rust tokenizers tokens | where | cause |', '|---|---|---|---|---|', ...corpusRows, '');
    }
    sections.push(...section);
    for (const [id, n] of counts) totals.set(`${o.m.name} ${id}`, n);
    const causes = [...counts].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id} ${n}`).join(', ') || '—';
    lines.push(`| ${o.m.name} | ${o.loaded.kvSaid('tokenizer.ggml.model')} / ${o.loaded.kvSaid('tokenizer.ggml.pre') ?? '(none)'} | ${edgeRows.length} / ${edgeCompared} | `
      + `${randomRows.length} / ${randomCompared} | ${corpusRows.length} / ${hfCorpus.length} | ${frameSame ? 'same' : `differs: ${frameText(llFrame)} vs ${frameText(hf)}`} | ${causes} |`);
  }
  lines.push('', '## Causes', '', 'The rules of `gguf-differences.mjs`, tried in this order on the text where the lists part (bert: the words'
    + ' around there, as llama.cpp\'s WPM splits them); the first that fits names the cause. `other`: no rule fits.', '');
  for (const c of CAUSES) {
    const n = outcomes.map((o) => [o.m.name, totals.get(`${o.m.name} ${c.id}`)]).filter(([, k]) => k).map(([m, k]) => `${m} ${k}`);
    lines.push(`- \`${c.id}\` (${c.models ? c.models.join(', ') : 'every model'}; rows: ${n.join(', ') || 'none'}): ${c.say()}`);
  }
  lines.push('', ...sections);
  return lines.join('\n').replace(/\n*$/, '\n');
}
