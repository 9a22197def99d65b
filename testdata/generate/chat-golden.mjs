// Adds the ids to testdata/golden/chat/<model>.jsonl and golden/chat-heldout/<model>.jsonl, which chat-golden.py writes with the rendered
// chat prompts. The ids are what Python transformers' apply_chat_template(tokenize=True) gives: the
// rendered text encoded with add_special_tokens=false (special-token text in the prompt is matched as
// the special token, and the post-processor adds no BOS: the template writes its own). The encoder is
// Hugging Face's Rust library through its npm binding tokenizers@0.23.2, as in hf-golden.mjs; the
// model's tokenizer.json is read from ../shared/models/hf (a .gz unpacked in memory) and must have the
// SHA-256 that ../shared/README.md lists.
//
// Each record keeps its dialog and text (or error) and gets "ids" (none for an error); the meta
// record gets "ids_by". Running it twice gives the same files.
//
// Usage: node chat-golden.mjs [model ...]   (through ./run, after chat-golden.py)
import { Tokenizer } from 'tokenizers';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = '0.23.2';
const SHA256 = {
  llama3: 'e134af98b985517b4f068e3755ae90d4e9cd2d45d328325dc503f1c6b2d06cc7',
  qwen3: 'aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4',
  deepseek_v3: '621ac2e32d0dba658404412318818aaa8ce8cda492e59830109d8da6b517fb41',
  gemma3: '4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795',
};

const here = dirname(fileURLToPath(import.meta.url));
const testdata = join(here, '..');
const shared = join(testdata, '..', '..', 'shared');
const outs = [join(testdata, 'golden', 'chat'), join(testdata, 'golden', 'chat-heldout')];

function fail(message) {
  console.error(`chat-golden: ${message}`);
  process.exit(1);
}

const pkg = JSON.parse(readFileSync(join(here, 'node_modules/tokenizers/package.json'), 'utf8'));
if (pkg.version !== VERSION) fail(`node_modules/tokenizers is ${pkg.version}, expected ${VERSION} (run ./run)`);

if (!existsSync(join(shared, 'models', 'hf'))) {
  if (process.env.CI === 'true') fail(`${join(shared, 'models', 'hf')} is missing (CI needs ../shared)`);
  console.log('chat-golden: ../shared/models/hf not found; chat ids not regenerated');
  process.exit(0);
}

function loadTokenizer(model) {
  const dir = join(shared, 'models', 'hf', model);
  const plain = join(dir, 'tokenizer.json');
  const bytes = existsSync(plain) ? readFileSync(plain) : gunzipSync(readFileSync(join(dir, 'tokenizer.json.gz')));
  const hash = createHash('sha256').update(bytes).digest('hex');
  if (hash !== SHA256[model]) fail(`${model}: tokenizer.json has SHA-256 ${hash}, expected ${SHA256[model]}`);
  const tokenizer = Tokenizer.fromString(bytes.toString('utf8'));
  tokenizer.disablePadding();
  tokenizer.disableTruncation();
  return tokenizer;
}

const models = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(SHA256);
for (const model of models) {
  if (!SHA256[model]) fail(`unknown model ${model}`);
  const tokenizer = loadTokenizer(model);
  for (const out of outs) {
    const path = join(out, `${model}.jsonl`);
    if (!existsSync(path)) fail(`${path} is missing: run chat-golden.py first`);
    const records = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
    const lines = [];
    for (const record of records) {
      if (record.meta) {
        const { ids_by, ...meta } = record.meta;
        lines.push({ meta: { ...meta, ids_by: `tokenizers@${VERSION} (npm, Hugging Face's Rust library), encode(text, add_special_tokens=false)` } });
      } else if (record.error !== undefined) {
        lines.push({ dialog: record.dialog, error: record.error });
      } else {
        const ids = (await tokenizer.encode(record.text, null, { addSpecialTokens: false })).getIds();
        lines.push({ dialog: record.dialog, text: record.text, ids: Array.from(ids) });
      }
    }
    writeFileSync(path, lines.map((r) => JSON.stringify(r)).join('\n') + '\n');
    console.log(`chat-golden: ${path.slice(testdata.length + 1)}: ids for ${lines.filter((r) => r.ids).length} prompts`);
  }
}
