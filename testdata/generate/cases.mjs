// The edge-case file format shared by golden.mjs and hf-golden.mjs: NAME<TAB>TEXT per line, with the
// escapes \n \r \t \\ \s (a space), \uXXXX (one UTF-16 unit) and \x{XXXXX} (one code point); lines
// starting with # and blank lines are comments. The Java side reads it with dev.tokenlab.testing.EdgeCases.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

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
