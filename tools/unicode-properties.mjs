// Prints the Unicode properties that tools/GenerateHfUnicodeTables.java needs, from one of the npm
// packages @unicode/unicode-<version> (node-unicode-data, MIT; the data is the Unicode Character
// Database of that version), as plain text the Java generator reads:
//   <property> TAB <value> TAB <start>-<end>[,<start>-<end>…]      (hex, inclusive ranges)
// Properties: General_Category (the 30 two-letter values, by long name), Script (every script, by
// name) and the binary properties named below.
// With --lowercase, prints instead every code point's full lowercase without context (what Rust's
// char::to_lowercase gives: the unconditional SpecialCasing mapping if there is one, else the simple one),
// for each code point whose lowercase is not itself:
//   Lowercase TAB <code point> TAB <code point>[ <code point>…]      (hex)
//
// With --simple-lowercase, prints every code point's simple lowercase (UnicodeData.txt's field 13 alone, what
// llama.cpp's unicode tables hold), in the same form, for each code point that has one.
//
// Usage: node tools/unicode-properties.mjs <unpacked package folder> [--lowercase | --simple-lowercase] > out.tsv
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
if (!dir || !existsSync(join(dir, 'package.json'))) {
  console.error('usage: node tools/unicode-properties.mjs <unpacked @unicode/unicode-X package folder>');
  process.exit(2);
}
const LEAF_CATEGORIES = ['Uppercase_Letter', 'Lowercase_Letter', 'Titlecase_Letter', 'Modifier_Letter', 'Other_Letter',
  'Nonspacing_Mark', 'Spacing_Mark', 'Enclosing_Mark', 'Decimal_Number', 'Letter_Number', 'Other_Number',
  'Connector_Punctuation', 'Dash_Punctuation', 'Open_Punctuation', 'Close_Punctuation', 'Initial_Punctuation',
  'Final_Punctuation', 'Other_Punctuation', 'Math_Symbol', 'Currency_Symbol', 'Modifier_Symbol', 'Other_Symbol',
  'Space_Separator', 'Line_Separator', 'Paragraph_Separator', 'Control', 'Format', 'Surrogate', 'Private_Use',
  'Unassigned'];
const BINARY = ['Full_Composition_Exclusion', 'Expands_On_NFD', 'Expands_On_NFKD', 'White_Space'];

async function ranges(folder) {
  const mod = await import(pathToFileURL(join(dir, folder, 'ranges.mjs')).href);
  return mod.default.map((r) => `${r.begin.toString(16)}-${(r.end - 1).toString(16)}`).join(',');
}

const lines = [];
if (process.argv[3] === '--simple-lowercase') {
  const simple = (await import(pathToFileURL(join(dir, 'Simple_Case_Mapping/Lowercase', 'code-points.mjs')).href)).default;
  for (let cp = 0; cp < 0x110000; cp++) {
    if (simple.has(cp) && simple.get(cp) !== cp) {
      lines.push(`Lowercase\t${cp.toString(16)}\t${simple.get(cp).toString(16)}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
  process.exit(0);
}
if (process.argv[3] === '--lowercase') {
  const load = async (f) => (await import(pathToFileURL(join(dir, f, 'code-points.mjs')).href)).default;
  const simple = await load('Simple_Case_Mapping/Lowercase');
  const special = await load('Special_Casing/Lowercase');
  for (let cp = 0; cp < 0x110000; cp++) {
    const lower = special.has(cp) ? special.get(cp) : simple.has(cp) ? [simple.get(cp)] : [cp];
    if (lower.length !== 1 || lower[0] !== cp) {
      lines.push(`Lowercase\t${cp.toString(16)}\t${lower.map((c) => c.toString(16)).join(' ')}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
  process.exit(0);
}
for (const c of LEAF_CATEGORIES) {
  lines.push(`General_Category\t${c}\t${await ranges(join('General_Category', c))}`);
}
for (const s of readdirSync(join(dir, 'Script')).sort()) {
  lines.push(`Script\t${s}\t${await ranges(join('Script', s))}`);
}
for (const b of BINARY) {
  lines.push(`Binary_Property\t${b}\t${await ranges(join('Binary_Property', b))}`);
}
process.stdout.write(lines.join('\n') + '\n');
