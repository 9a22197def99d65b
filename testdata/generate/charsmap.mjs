// Builds a SentencePiece precompiled_charsmap (the blob a Precompiled normalizer holds, base64) from
// readable rules, for hand-written tokenizer.json files such as testdata/hf-synthetic/norm-precompiled.json.
// Layout: a little-endian u32 trie size in bytes, a darts-clone double array of u32 units over the
// rules' UTF-8 sources, then the replacements, each NUL-terminated; a leaf's value is the offset of its
// replacement. Unit: bits 0-7 the label, bit 8 "has a leaf", bits 10-31 the offset to the children
// (XOR addressing: a node at p with offset o has its children at p ^ o ^ label, its leaf at p ^ o);
// a leaf unit is its value with bit 31 set.
//
// Usage: node charsmap.mjs RULES.json   (RULES.json: an object, source → replacement) → prints base64
import { readFileSync } from 'node:fs';

export function charsmap(rules) {
  const entries = Object.entries(rules).map(([k, v]) => [Buffer.from(k, 'utf8'), v]);
  let blob = Buffer.alloc(0);
  // trie of the sources
  const root = { children: new Map(), value: -1 };
  for (const [key, replacement] of entries) {
    if (key.length === 0 || key.includes(0)) throw new Error('a source must be non-empty and without NUL');
    let node = root;
    for (const b of key) {
      if (!node.children.has(b)) node.children.set(b, { children: new Map(), value: -1 });
      node = node.children.get(b);
    }
    node.value = blob.length;
    blob = Buffer.concat([blob, Buffer.from(replacement, 'utf8'), Buffer.from([0])]);
  }
  const units = [];
  const used = new Set([0]);
  const bases = new Set();
  const set = (i, v) => { while (units.length <= i) units.push(0); units[i] = v >>> 0; used.add(i); };
  const encode = (o) => {
    if (o >= 1 << 21) throw new Error('offset too large');
    return o << 10;
  };
  const queue = [[root, 0, 0]];
  set(0, 0);
  while (queue.length) {
    const [node, pos, label] = queue.shift();
    const labels = [...node.children.keys()].sort((a, b) => a - b);
    const leaf = node.value >= 0;
    let base = 1;
    for (;; base++) {
      if (bases.has(base)) continue;
      if (leaf && used.has(base)) continue;
      if (labels.some((l) => used.has(base ^ l))) continue;
      break;
    }
    bases.add(base);
    set(pos, (label | (leaf ? 1 << 8 : 0) | encode(pos ^ base)) >>> 0);
    if (leaf) set(base, (0x80000000 | node.value) >>> 0);
    for (const l of labels) {
      set(base ^ l, 0); // reserved now, written when its node is taken from the queue
      queue.push([node.children.get(l), base ^ l, l]);
    }
  }
  // a lookup reads p ^ o ^ label for any byte label: pad so that every such read stays inside
  const size0 = Math.max(...[...bases].map((b) => (b | 0xff) + 1), units.length);
  while (units.length < size0) units.push(0);
  const trie = Buffer.alloc(units.length * 4);
  units.forEach((u, i) => trie.writeUInt32LE(u, i * 4));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(trie.length, 0);
  return Buffer.concat([size, trie, blob]).toString('base64');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  console.log(charsmap(JSON.parse(readFileSync(process.argv[2], 'utf8'))));
}
