// Hugging Face's Rust `tokenizers` (the npm N-API binding, pinned to 0.23.2 in package.json) on the
// benchmark inputs, for the core ÷ Rust ratios of benchmarks/results/hf.md. Run by the Java runner
// (`benchmarks/run hf`), which writes the inputs and unpacks the tokenizer.json files first; it can be
// run by hand too:
//
//   node bench.mjs --model NAME=PATH/tokenizer.json --input NAME=PATH.txt [--input …] \
//        [--warmup SECONDS] [--time SECONDS] [--loads N] [--batches]
//
// For the model: load time of Tokenizer.fromFile (N loads; the first, and the median of all), then for
// each input encode of the whole text as one string (addSpecialTokens false, padding and truncation
// off): warmup, then repeated timed calls until --time seconds have passed (at least 3), MB/s of UTF-8
// input from the median call and the best one. The timed call includes what a caller pays to get the
// ids (Encoding.getIds()), as core's encode returns an int[].
// With --batches, also encodeBatch over the input's lines (each line with its "\n", as one sequence
// each), single-threaded: run with RAYON_NUM_THREADS=1 (the Java runner sets it), else Rayon uses every core.
// Each input also reports its token count and the SHA-256 of the ids (decimal, joined by spaces), so the
// runner can check that core and Rust tokenized the same text the same way.
//
// Prints one JSON object on stdout.
import { Tokenizer } from 'tokenizers';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const VERSION = require('tokenizers/package.json').version;

function parseArgs(argv) {
  const o = { inputs: [], warmup: 1, time: 3, loads: 3, batches: false, model: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    const pair = (s) => {
      const at = s.indexOf('=');
      if (at <= 0) fail(`expected NAME=PATH, found ${s}`);
      return { name: s.slice(0, at), path: s.slice(at + 1) };
    };
    switch (a) {
      case '--model': o.model = pair(next()); break;
      case '--input': o.inputs.push(pair(next())); break;
      case '--warmup': o.warmup = Number(next()); break;
      case '--time': o.time = Number(next()); break;
      case '--loads': o.loads = Math.max(1, Number(next())); break;
      case '--batches': o.batches = true; break;
      default: fail(`unknown argument ${a}`);
    }
  }
  if (!o.model) fail('--model NAME=PATH is required');
  return o;
}

function fail(message) {
  console.error(`rust-tokenizers bench: ${message}`);
  process.exit(2);
}

const now = () => Number(process.hrtime.bigint()) / 1e9;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs `call` for `warmup` seconds (at least twice), then times calls for `time` seconds (at least 3). */
async function timeCalls(call, warmup, time) {
  let start = now();
  for (let k = 0; k < 2 || now() - start < warmup; k++) {
    await call();
  }
  const times = [];
  start = now();
  while (times.length < 3 || now() - start < time) {
    const t0 = now();
    await call();
    times.push(now() - t0);
  }
  return times;
}

function load(path, loads) {
  const times = [];
  let tokenizer = null;
  for (let k = 0; k < loads; k++) {
    tokenizer = null;
    if (global.gc) global.gc();
    const t0 = now();
    tokenizer = Tokenizer.fromFile(path);
    times.push(now() - t0);
  }
  tokenizer.disablePadding();
  tokenizer.disableTruncation();
  return { tokenizer, times };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const { tokenizer, times: loadTimes } = load(o.model.path, o.loads);
  const result = {
    library: `tokenizers@${VERSION} (npm, Rust)`,
    node: process.version,
    rayonThreads: process.env.RAYON_NUM_THREADS ?? null,
    model: o.model.name,
    loadSecondsFirst: loadTimes[0],
    loadSecondsMedian: median(loadTimes),
    loads: loadTimes.length,
    inputs: {},
  };
  for (const input of o.inputs) {
    const text = readFileSync(input.path, 'utf8');
    const bytes = Buffer.byteLength(text, 'utf8');
    const encode = async () => (await tokenizer.encode(text, null, { addSpecialTokens: false })).getIds();
    const ids = await encode();
    const sha256 = createHash('sha256').update(ids.join(' ')).digest('hex');
    const times = await timeCalls(encode, o.warmup, o.time);
    const entry = {
      bytes,
      tokens: ids.length,
      idsSha256: sha256,
      encodeCalls: times.length,
      encodeMBps: bytes / median(times) / 1e6,
      encodeBestMBps: bytes / Math.min(...times) / 1e6,
    };
    if (o.batches) {
      const lines = text.split(/(?<=\n)/);
      const batch = async () => {
        const encodings = await tokenizer.encodeBatch(lines, { addSpecialTokens: false });
        let n = 0;
        for (const e of encodings) n += e.getIds().length;
        return n;
      };
      const batchTimes = await timeCalls(batch, o.warmup, o.time);
      entry.lines = lines.length;
      entry.batchTokens = await batch();
      entry.batchCalls = batchTimes.length;
      entry.batchMBps = bytes / median(batchTimes) / 1e6;
    }
    result.inputs[input.name] = entry;
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
