// The reference ids of a text file, for tools/heldout-check: the Rust tokenizers library (npm tokenizers@0.23.2) for a
// tokenizer.json, llama.cpp (npm node-llama-cpp@3.21.1, its prebuilt binary, vocabulary only) for a GGUF. Special-token
// text is matched, as `tokenlab encode --special allow` does; with "add", the special tokens the model adds are added
// (the Rust post-processor; llama.cpp's add_special: BOS/EOS as the file says, [CLS] … [SEP] for WordPiece). The
// tokenizer.json's truncation and padding are switched off (batching settings that Tokenlab does not apply).
//   node heldout-ids.mjs hf|gguf MODEL_FILE TEXT_FILE OUT_FILE [add]
import { readFileSync, writeFileSync } from 'node:fs';

const [kind, modelFile, textFile, outFile, add] = process.argv.slice(2);
const text = readFileSync(textFile, 'utf8');
let ids;
if (kind === 'hf') {
  const { Tokenizer } = await import('tokenizers');
  const t = Tokenizer.fromFile(modelFile);
  t.disableTruncation();
  t.disablePadding();
  ids = (await t.encode(text, null, { addSpecialTokens: add === 'add' })).getIds();
} else if (kind === 'gguf') {
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
  const llama = await getLlama({ gpu: false, build: 'never', skipDownload: true, usePrebuiltBinaries: true,
    progressLogs: false, logLevel: LlamaLogLevel.error, logger: () => {} }); // its vocabOnly load logs the hyperparameters it skips as errors
  const model = await llama.loadModel({ modelPath: modelFile, vocabOnly: true, gpuLayers: 0 });
  ids = Array.from(model.tokenize(text, true));
  if (add === 'add') {
    if (model.vocabularyType === 'wpm') {
      ids = [model.tokens.bos, ...ids, model.tokens.sep];
    } else {
      if (model.tokens.shouldPrependBosToken) ids = [model.tokens.bos, ...ids];
      if (model.tokens.shouldAppendEosToken) ids = [...ids, model.tokens.eos];
    }
  }
} else {
  throw new Error(`expected hf or gguf, found ${kind}`);
}
writeFileSync(outFile, Array.from(ids).join('\n') + '\n'); // a file, not stdout: a pipe may be cut at exit
process.exit(0);
