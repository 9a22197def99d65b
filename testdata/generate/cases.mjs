// The edge-case file format shared by golden.mjs, hf-golden.mjs and gguf-golden.mjs: NAME<TAB>TEXT per line, with the
// escapes \n \r \t \\ \s (a space), \uXXXX (one UTF-16 unit) and \x{XXXXX} (one code point); lines
// starting with # and blank lines are comments. The Java side reads it with dev.tokenlab.testing.EdgeCases.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export function unescape(s, where) {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') { out += c; continue; }
    const e = s[++i];
    if (e === 'n') out += '\n';
    else if (e === 'r') out += '\r';
    else if (e === 't') out += '\t';
    else if (e === 's') out += ' ';
    else if (e === '\\') out += '\\';
    else if (e === 'u') { out += String.fromCharCode(parseInt(s.slice(i + 1, i + 5), 16)); i += 4; }
    else if (e === 'x') { const close = s.indexOf('}', i); out += String.fromCodePoint(parseInt(s.slice(i + 2, close), 16)); i = close; }
    else throw new Error(`${where}: unknown escape \\${e}`);
  }
  return out;
}

export function loadCases(file) {
  const name = basename(file);
  const lines = readFileSync(file, 'utf8').split('\n');
  const cases = [];
  lines.forEach((line, k) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new Error(`${name}:${k + 1}: expected NAME<TAB>TEXT`);
    cases.push({ name: line.slice(0, tab), text: unescape(line.slice(tab + 1), `${name}:${k + 1}`) });
  });
  return cases;
}

// The files of ../shared/corpus in golden order: botchan.txt, wagahaiwa_nekodearu.txt, then udhr/INDEX.tsv order.
export function corpusFileList(corpusDir) {
  return ['botchan.txt', 'wagahaiwa_nekodearu.txt',
    ...readFileSync(join(corpusDir, 'udhr', 'INDEX.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '')
      .map((l) => `udhr/${l.split('\t')[0]}`)];
}

// Escapes one string so a row stays one line: \n \r \t \\, \s for a space at either end, \uXXXX for
// C0/C1 controls, DEL, U+2028, U+2029, U+FEFF, U+FFF0..U+FFFF and a leading # (so no row reads as a
// comment); everything else (emoji too) as is.
// unescape above and the Java EdgeCases.unescape read it back.
export const ESCAPES = '\\n \\r \\t \\\\, \\s for a space at either end, \\uXXXX for C0/C1 controls, '
  + 'DEL, U+2028, U+2029, U+FEFF, U+FFF0..U+FFFF and a leading #';
export function escape(t) {
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

// Seeded random strings (mulberry32; the same sequence on every run and machine): count strings of 1 to 16
// pieces, each a pick from the groups below, a random code point below U+30000 (no lone surrogates) or one of
// specials (the model's own added-token texts, see specialTexts). hf-golden.mjs and gguf-golden.mjs use the
// same seed and lists, so a model's strings are the same in both when its special texts are.
export function randomStrings(specials, count, seed) {
  const random = () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (a) => a[Math.floor(random() * a.length)];
  const groups = [
    ['the', 'Hello', ' world', ' tokenizer', 'JSON', 'iPhone', "don't", " I'M", "we'll", 'x', 'ABC', ' a', 'Zebra', 'snake_case'],
    [' ', '  ', '    ', '\t', '\n', '\n\n', '\r\n', ' \n ', '\u00a0', '\u3000', '\u2003', '        '],
    ['7', '42', '2024', '1234567', '3.14', '1,000', '\uff11\uff12\uff13', '\u0661\u0662', '\u00bd', '00'],
    ['.', ',', '!?', '...', '--', '"', "'", '(', ')', '[', ']', '<', '>', '|', '{}', '#', '@', '$', '%', '&', '*', '/', '\\', '\u00ab', '\u00bb', '\u2026', '\u2014', '\uff0c', '\u3002'],
    ['caf\u00e9', 'na\u00efve', '\u00c5ngstr\u00f6m', 'e\u0301', 'A\u030a', 'Stra\u00dfe', '\ufb01', '\u00c9COLE', 'Ti\u1ebfng', '\u0130', '\u0301'],
    ['\u041f\u0440\u0438\u0432\u0435\u0442', ' \u043c\u0438\u0440', '\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1', '\u039f\u0394\u039f\u03a3', '\u0645\u0631\u062d\u0628\u0627', ' \u0627\u0644\u0639\u0627\u0644\u0645', '\u0928\u092e\u0938\u094d\u0924\u0947', '\u0939\u093f\u0928\u094d\u0926\u0940', '\u05e9\u05dc\u05d5\u05dd', '\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35'],
    ['\u65e5\u672c\u8a9e', '\u4e2d\u6587', '\u6f22\u5b57', '\u3053\u3093\u306b\u3061\u306f', '\u30ab\u30bf\u30ab\u30ca', '\u{20000}', '\u{2A6D6}', '\uc548\ub155\ud558\uc138\uc694', ' \uc138\uacc4', '\u1112\u1161\u11ab'],
    ['\u{1F600}', '\u{1F44D}\u{1F3FD}', '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}', '\u{1F3F3}\ufe0f\u200d\u{1F308}', '\u{1F1EF}\u{1F1F5}', '1\ufe0f\u20e3', '\u{1F9D1}\u200d\u{1F4BB}', '\u2764\ufe0f', '\u{1FAE8}'],
    ['\u2581', '\u2581\u2581', '\u{31350}', '\u{11F04}', '\u{10D50}', '\ue000', '\u{F0000}', '\ufeff', '\u200b', '\u0000', '\u001b', '\ufffd'],
  ];
  const texts = [];
  for (let n = 0; n < count; n++) {
    let t = '';
    const k = 1 + Math.floor(random() * 16);
    for (let i = 0; i < k; i++) {
      const r = random();
      if (r < 0.12) t += pick(specials);
      else if (r < 0.2) {
        let cp = Math.floor(random() * 0x30000);
        if (cp >= 0xd800 && cp <= 0xdfff) cp += 0x800; // no lone surrogates
        t += String.fromCodePoint(cp);
      } else t += pick(pick(groups));
    }
    texts.push(t);
  }
  return texts;
}

// A model's own added-token texts, in id order (placeholders such as <unused12> and reserved names left out
// but for the first and the last), and a few near misses.
export function specialTexts(contents) {
  const filler = /^<unused\d+>$|reserved|place\u2581holder/;
  const texts = contents.filter((t) => !filler.test(t));
  const fillers = contents.filter((t) => filler.test(t));
  if (fillers.length) texts.push(fillers[0], fillers[fillers.length - 1]);
  texts.push('<|', '|>', '<s', '[CLS');
  return texts;
}
