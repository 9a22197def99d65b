// Converts a Hugging Face byte-level BPE tokenizer.json (GPT-2 byte-to-unicode alphabet) into
// Tokenlab's compact rank table, and prints the SHA-256 of the equivalent tiktoken rank file.
//
//   node tools/convert-vocab.mjs byte-level IN/tokenizer.json OUT.ranks.gz
//
// Output format (gzip-compressed; all integers unsigned LEB128 varints):
//   magic "TLRANKS1", count, then for each rank 0..count-1: length, token bytes.
// Ranks in the JSON are the token ids; they must be dense from 0.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const [mode, input, output] = process.argv.slice(2);
if (mode !== 'byte-level' || !input || !output) {
  console.error('usage: node convert-vocab.mjs byte-level tokenizer.json out.ranks.gz');
  process.exit(2);
}

// GPT-2's bytes_to_unicode: printable bytes stand for themselves, the rest are shifted to 256+.
function unicodeToByte() {
  const map = new Map();
  const printable = (b) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    const cp = printable(b) ? b : 256 + shifted++;
    map.set(String.fromCodePoint(cp), b);
  }
  return map;
}

const json = JSON.parse(readFileSync(input, 'utf8'));
if (json.model?.type !== 'BPE') throw new Error(`${input}: model.type is ${json.model?.type}, expected BPE`);
const alphabet = unicodeToByte();
const vocab = Object.entries(json.model.vocab);
const tokens = new Array(vocab.length);
for (const [piece, id] of vocab) {
  if (!Number.isInteger(id) || id < 0 || id >= vocab.length) throw new Error(`id ${id} of ${piece} is not dense`);
  if (tokens[id]) throw new Error(`id ${id} appears twice`);
  const bytes = [];
  for (const ch of piece) {
    const b = alphabet.get(ch);
    if (b === undefined) throw new Error(`piece ${JSON.stringify(piece)} (id ${id}) has ${JSON.stringify(ch)}, outside the byte alphabet`);
    bytes.push(b);
  }
  tokens[id] = Buffer.from(bytes);
}

const varint = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return Buffer.from(out); };
const parts = [Buffer.from('TLRANKS1', 'ascii'), varint(tokens.length)];
const tiktoken = createHash('sha256');
tokens.forEach((t, rank) => {
  parts.push(varint(t.length), t);
  tiktoken.update(`${t.toString('base64')} ${rank}\n`);
});
writeFileSync(output, gzipSync(Buffer.concat(parts), { level: 9 }));
console.log(`${output}: ${tokens.length} ranks; tiktoken rank file sha256 ${tiktoken.digest('hex')}`);
