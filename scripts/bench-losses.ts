/**
 * Loss benchmark (not a test): `npm run bench` (or `npx tsx scripts/bench-losses.ts
 * [--sizes=1e6,1e7] [--only=mse,huber] [--repeats=9]`), and
 * `npm run bench -- --peers [--only=…] [--repeats=7]`: lossbook against PyTorch and numpy;
 * `npm run bench -- --compare=/path/to/other/checkout [--only=…] [--repeats=20]`: another checkout's
 * losses (before) against this one's (after) in one process.
 *
 * For each n and each registry loss it times value, gradient and fused
 * value+gradient through the public API (the gradient functions allocate their
 * Float64Array), and fused value+gradient writing into a preallocated
 * `gradOut`, as nanoseconds of this process's CPU time per element (median of
 * repeated runs; on a quiet machine the same as the wall clock, on a shared
 * one not inflated by the other processes). The
 * reference is the "floor": a plain loop summing the difference of two
 * Float64Arrays, `for (i) total += b[i] - a[i]`, timed alternately with every
 * measurement so that both see the same machine load; each ratio is
 * median(loss) / median(floor). A 4-accumulator sum is printed as well: the
 * plain loop is bound by the latency of its one dependent addition chain, the
 * 4-accumulator one by memory bandwidth.
 *
 * Data (seeded): regression residuals a = ŷ − y ~ N(0, 1) (so about a third of
 * them lie beyond δ = β = 1), logits/scores ~ N(0, 2²), labels 0/1 and ±1 at
 * random, probabilities σ(logit), counts ~ Poisson-like 0…9, log-rates
 * ~ N(1, 0.5²); matrix losses use rows of 10 classes and report time per element
 * (row × class). Inputs are allocated once per n.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { createRandom } from "../src/data";
import { losses, type LossInfo } from "../src/losses";

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value = ""] = arg.replace(/^--/, "").split("=");
    return [key, value] as const;
  }),
);
const sizes = (args.get("sizes") ?? "1e6,1e7").split(",").map(Number);
const only = args.get("only")?.split(",");
const CLASSES = 10;


interface Inputs {
  n: number;
  targets: Float64Array;
  predictions: Float64Array;
  logits: Float64Array;
  labels01: Float64Array;
  labelsPlusMinus: Float64Array;
  probabilities: Float64Array;
  counts: Float64Array;
  logRates: Float64Array;
  classIndices: Float64Array;
  logitRows: Float64Array[];
  targetRows: Float64Array[];
  predictedRows: Float64Array[];
  gradOut: Float64Array;
  /** The same buffer as gradient rows of the matrix losses (views of gradOut). */
  gradOutRows: Float64Array[];
}

function makeInputs(n: number): Inputs {
  const random = createRandom(12345);
  const targets = new Float64Array(n);
  const predictions = new Float64Array(n);
  const logits = new Float64Array(n);
  const labels01 = new Float64Array(n);
  const labelsPlusMinus = new Float64Array(n);
  const probabilities = new Float64Array(n);
  const counts = new Float64Array(n);
  const logRates = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    targets[i] = 3 * random.normal();
    predictions[i] = targets[i] + random.normal();
    logits[i] = 2 * random.normal();
    labels01[i] = random.next() < 0.5 ? 0 : 1;
    labelsPlusMinus[i] = 2 * labels01[i] - 1;
    probabilities[i] = 1 / (1 + Math.exp(-logits[i]));
    counts[i] = Math.floor(10 * random.next() * random.next());
    logRates[i] = 1 + 0.5 * random.normal();
  }
  const rows = n / CLASSES;
  const classIndices = new Float64Array(rows);
  const logitRows: Float64Array[] = [];
  const targetRows: Float64Array[] = [];
  const predictedRows: Float64Array[] = [];
  // Rows are views into the long arrays: no extra memory for the matrix losses.
  for (let r = 0; r < rows; r++) {
    classIndices[r] = Math.floor(random.next() * CLASSES);
    logitRows.push(logits.subarray(r * CLASSES, (r + 1) * CLASSES));
    const p = probabilities.subarray(r * CLASSES, (r + 1) * CLASSES);
    const q = counts.subarray(r * CLASSES, (r + 1) * CLASSES);
    targetRows.push(p);
    predictedRows.push(q);
  }
  // The KL rows need distributions: normalise copies of two positive arrays.
  const pBuffer = Float64Array.from(probabilities);
  const qBuffer = Float64Array.from(counts, (c) => c + 1);
  for (let r = 0; r < rows; r++) {
    const p = pBuffer.subarray(r * CLASSES, (r + 1) * CLASSES);
    const q = qBuffer.subarray(r * CLASSES, (r + 1) * CLASSES);
    const sp = p.reduce((a, b) => a + b, 0);
    const sq = q.reduce((a, b) => a + b, 0);
    for (let c = 0; c < CLASSES; c++) {
      p[c] /= sp;
      q[c] /= sq;
    }
    targetRows[r] = p;
    predictedRows[r] = q;
  }
  const gradOut = new Float64Array(n);
  const gradOutRows = Array.from({ length: rows }, (_, r) => gradOut.subarray(r * CLASSES, (r + 1) * CLASSES));
  return {
    n, targets, predictions, logits, labels01, labelsPlusMinus, probabilities, counts, logRates,
    classIndices, logitRows, targetRows, predictedRows, gradOut, gradOutRows,
  };
}

/** The arguments each loss is benchmarked on, and a description of that data. */
function argumentsFor(info: LossInfo, inputs: Inputs): { yTrue: unknown; yPred: unknown; data: string } {
  switch (info.id) {
    case "poissonNLL":
      return { yTrue: inputs.counts, yPred: inputs.logRates, data: "counts, log-rates N(1, 0.5²)" };
    case "binaryCrossEntropy":
      return { yTrue: inputs.labels01, yPred: inputs.probabilities, data: "labels 0/1, p = σ(N(0, 2²))" };
    case "binaryCrossEntropyWithLogits":
    case "focal":
      return { yTrue: inputs.labels01, yPred: inputs.logits, data: "labels 0/1, logits N(0, 2²)" };
    case "hinge":
    case "squaredHinge":
      return { yTrue: inputs.labelsPlusMinus, yPred: inputs.logits, data: "labels ±1, scores N(0, 2²)" };
    case "softmaxCrossEntropy":
      return { yTrue: inputs.classIndices, yPred: inputs.logitRows, data: `${CLASSES} classes, logits N(0, 2²)` };
    case "klDivergence":
      return { yTrue: inputs.targetRows, yPred: inputs.predictedRows, data: `${CLASSES} classes, random rows` };
    default:
      return { yTrue: inputs.targets, yPred: inputs.predictions, data: "residuals N(0, 1)" };
  }
}

let sink = 0;

/** The floor: a plain loop summing the difference of two arrays. */
function plainSum(a: Float64Array, b: Float64Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += b[i] - a[i];
  return total;
}

/** The same with four accumulators: bound by memory bandwidth, not by addition latency. */
function fourAccumulatorSum(a: Float64Array, b: Float64Array): number {
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let i = 0;
  for (; i + 3 < a.length; i += 4) {
    t0 += b[i] - a[i];
    t1 += b[i + 1] - a[i + 1];
    t2 += b[i + 2] - a[i + 2];
    t3 += b[i + 3] - a[i + 3];
  }
  for (; i < a.length; i++) t0 += b[i] - a[i];
  return t0 + t1 + t2 + t3;
}

/** CPU time of `run` in ns (process.cpuUsage): the per-loss tables use it, so that other processes of a shared machine do not count. */
function cpuTime(run: () => unknown): number {
  const start = process.cpuUsage();
  const result = run();
  const elapsed = cpuNanoseconds(start);
  sink += typeof result === "number" ? result : 1;
  return elapsed;
}

function nanoseconds(run: () => unknown): number {
  const start = process.hrtime.bigint();
  const result = run();
  const elapsed = Number(process.hrtime.bigint() - start);
  sink += typeof result === "number" ? result : 1;
  return elapsed;
}

/**
 * CPU time of this process since `start` (process.cpuUsage, user + system, µs
 * resolution), in ns: unlike the wall clock it does not count the time other
 * processes of a shared machine hold the core, so its ratios hold under load.
 */
function cpuNanoseconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) * 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Times `run` and the floor alternately; returns ns/element of both (medians).
 * `warmUp` first calls the same function many times on a small slice: V8 then
 * compiles it as a whole, as in a training loop. (Timing only a few calls on
 * huge arrays measures on-stack-replacement code, up to 2× slower.)
 */
function measure(run: () => unknown, warmUp: () => unknown, inputs: Inputs, repeats: number): { perElement: number; floor: number } {
  for (let k = 0; k < 300; k++) warmUp();
  run();
  const times: number[] = [];
  const floors: number[] = [];
  for (let k = 0; k < repeats; k++) {
    floors.push(cpuTime(() => plainSum(inputs.targets, inputs.predictions)));
    times.push(cpuTime(run));
  }
  return { perElement: median(times) / inputs.n, floor: median(floors) / inputs.n };
}

/** Elements (or rows) of the warm-up slices. */
const SMALL = 1000;

/** The first SMALL elements (rows) of the arguments, as views of the same types. */
function smallSlice(yTrue: unknown, yPred: unknown): { yTrue: unknown; yPred: unknown } {
  const count = Array.isArray(yPred) ? SMALL / CLASSES : SMALL;
  const cut = (x: unknown) => (x instanceof Float64Array ? x.subarray(0, count) : (x as unknown[]).slice(0, count));
  return { yTrue: cut(yTrue), yPred: cut(yPred) };
}

const format = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

function benchSize(n: number): void {
  const repeats = Number(args.get("repeats") ?? (n >= 1e7 ? 5 : 11));
  const inputs = makeInputs(n);
  for (let k = 0; k < 300; k++) plainSum(inputs.targets.subarray(0, SMALL), inputs.predictions.subarray(0, SMALL));
  const floor = median(Array.from({ length: repeats }, () => cpuTime(() => plainSum(inputs.targets, inputs.predictions)))) / n;
  for (let k = 0; k < 300; k++) fourAccumulatorSum(inputs.targets.subarray(0, SMALL), inputs.predictions.subarray(0, SMALL));
  const memory = median(Array.from({ length: repeats }, () => cpuTime(() => fourAccumulatorSum(inputs.targets, inputs.predictions)))) / n;
  console.log(`\n### n = ${n.toExponential(0).replace("+", "")} (CPU time, median of ${repeats} runs)\n`);
  console.log(`Floor (plain two-array sum): ${format(floor)} ns/element; 4-accumulator sum: ${format(memory)} ns/element.\n`);
  console.log("| loss | data | value ns/el | grad ns/el | fused ns/el | fused / floor | fused, gradOut ns/el | fused, gradOut / floor |");
  console.log("|---|---|---:|---:|---:|---:|---:|---:|");
  for (const info of losses) {
    if (only && !only.includes(info.id)) continue;
    const { yTrue, yPred, data } = argumentsFor(info, inputs);
    const small = smallSlice(yTrue, yPred);
    const value = measure(() => info.value(yTrue, yPred), () => info.value(small.yTrue, small.yPred), inputs, repeats);
    const grad = measure(() => info.grad(yTrue, yPred), () => info.grad(small.yTrue, small.yPred), inputs, repeats);
    const fused = measure(() => info.valueAndGrad(yTrue, yPred).value, () => info.valueAndGrad(small.yTrue, small.yPred), inputs, repeats);
    // With the caller's gradient buffer (rows of it for the matrix losses).
    const vector = info.input === "vector";
    const buffer = vector ? inputs.gradOut : inputs.gradOutRows;
    const smallBuffer = vector ? inputs.gradOut.subarray(0, SMALL) : inputs.gradOutRows.slice(0, SMALL / CLASSES);
    const withBuffer = measure(
      () => info.valueAndGrad(yTrue, yPred, { gradOut: buffer } as never).value,
      () => info.valueAndGrad(small.yTrue, small.yPred, { gradOut: smallBuffer } as never),
      inputs,
      repeats,
    );
    const reused = format(withBuffer.perElement);
    const reusedRatio = `${format(withBuffer.perElement / withBuffer.floor)}×`;
    console.log(
      `| ${info.id} | ${data} | ${format(value.perElement)} | ${format(grad.perElement)} | ${format(fused.perElement)} | ${format(fused.perElement / fused.floor)}× | ${reused} | ${reusedRatio} |`,
    );
  }
}

const PEERS_PYTHON = process.env.LOSSBOOK_PEERS_VENV ? `${process.env.LOSSBOOK_PEERS_VENV}/bin/python` : "node_modules/.cache/lossbook-peers-venv/bin/python";

/**
 * `--peers`: value + gradient of every loss at n = 1e6, lossbook's public
 * `…ValueAndGrad` with `gradOut` (a Float64Array, or gradient rows for the matrix losses, as a training loop reuses it)
 * against PyTorch CPU autograd (one thread, float64: loss(…).backward()) and
 * numpy (the value and the hand-written gradient), all called as a user would:
 * `repeats` calls on the full arrays, no warm-up on small slices. The calls
 * alternate (lossbook, then one PyTorch + numpy call in scripts/peers/bench-peers.py)
 * so that all see the same machine load; medians; ratio = peer time / lossbook time,
 * by the wall clock and by each process's CPU time (which a loaded machine
 * inflates far less: there the wall clock mostly measures the scheduler).
 */
async function benchPeers(): Promise<void> {
  if (!existsSync(PEERS_PYTHON)) throw new Error(`no peers venv at ${PEERS_PYTHON}: run npm run fixtures:peers once (it creates it)`);
  const n = Number(args.get("n") ?? 1e6);
  const repeats = Number(args.get("repeats") || 7);
  const python = spawn(PEERS_PYTHON, ["scripts/peers/bench-peers.py", String(n)], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: python.stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value as string);
  const header = await next();
  const inputs = makeInputs(n);
  console.log(`\n### value + gradient, n = ${n.toExponential(0).replace("+", "")}, ns/element (median of ${repeats} alternating calls; PyTorch ${header.versions.torch}, ${header.threads} thread; numpy ${header.versions.numpy})\n`);
  console.log("| loss | lossbook | PyTorch | numpy | PyTorch / lossbook | numpy / lossbook | CPU time: lossbook | PyTorch | PyTorch / lossbook | lossbook, calls 21–30 | PyTorch / that |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const info of losses) {
    if (only && !only.includes(info.id)) continue;
    const { yTrue, yPred } = argumentsFor(info, inputs);
    // Both kinds write into the caller's gradient buffer, as a training loop does.
    const options = { gradOut: info.input === "vector" ? inputs.gradOut : inputs.gradOutRows };
    const own: number[] = [];
    const ownCpu: number[] = [];
    const torch: number[] = [];
    const torchCpu: number[] = [];
    const numpy: number[] = [];
    for (let k = 0; k < repeats; k++) {
      const cpuStart = process.cpuUsage();
      own.push(nanoseconds(() => info.valueAndGrad(yTrue, yPred, options).value) / n);
      ownCpu.push(cpuNanoseconds(cpuStart) / n);
      python.stdin.write(`${info.id}\n`);
      const peer = await next();
      torch.push(peer.PyTorch);
      torchCpu.push(peer.PyTorchCpu);
      numpy.push(peer.numpy);
    }
    const [a, b, c] = [median(own), median(torch), median(numpy)];
    const [cpuOwn, cpuTorch] = [median(ownCpu), median(torchCpu)];
    // Then the same call 10 more times after calls up to the 20th: V8 compiles a
    // hot function on a background thread, which a loaded machine delays (the
    // first calls then run unoptimised code); PyTorch has no such tier-up.
    for (let k = repeats; k < 20; k++) info.valueAndGrad(yTrue, yPred, options);
    const later = Array.from({ length: 10 }, () => nanoseconds(() => info.valueAndGrad(yTrue, yPred, options).value) / n);
    const d = median(later);
    console.log(
      `| ${info.id} | ${format(a)} | ${format(b)} | ${format(c)} | **${format(b / a)}×** | ${format(c / a)}× | ${format(cpuOwn)} | ${format(cpuTorch)} | **${format(cpuTorch / cpuOwn)}×** | ${format(d)} | ${format(b / d)}× |`,
    );
  }
  python.stdin.end();
}

/**
 * `--compare=<checkout>`: value + gradient (`…ValueAndGrad` with `gradOut`, n = 1e6 or `--n`) of this
 * checkout's losses against another checkout's (e.g. a `git worktree` of main), both loaded in this one
 * process, their calls alternating in ABBA order (neither always runs second, on data the other just
 * brought into the cache), no warm-up, CPU time, medians of `--repeats` (default 20) each. Also says
 * whether the two give the same value and gradient bit for bit.
 */
async function benchCompare(checkout: string): Promise<void> {
  const other = ((await import(`${checkout.replace(/\/$/, "")}/src/losses/index.ts`)) as { losses: LossInfo[] }).losses;
  const n = Number(args.get("n") ?? 1e6);
  const repeats = Number(args.get("repeats") || 20);
  const inputs = makeInputs(n);
  const ownBuffer = inputs.gradOut;
  const otherBuffer = new Float64Array(n);
  const otherRows = Array.from({ length: n / CLASSES }, (_, r) => otherBuffer.subarray(r * CLASSES, (r + 1) * CLASSES));
  console.log(`\n### value + gradient, n = ${n.toExponential(0).replace("+", "")}: ${checkout} (before) against this checkout (after), one process, CPU ns/element (medians of ${repeats} ABBA calls each)\n`);
  console.log("| loss | before | after | before / after | same numbers |");
  console.log("|---|---:|---:|---:|---|");
  for (const info of losses) {
    if (only && !only.includes(info.id)) continue;
    const before = other.find((candidate) => candidate.id === info.id);
    if (before === undefined) continue;
    const { yTrue, yPred } = argumentsFor(info, inputs);
    const vector = info.input === "vector";
    const ownOptions = { gradOut: vector ? ownBuffer : inputs.gradOutRows } as never;
    const otherOptions = { gradOut: vector ? otherBuffer : otherRows } as never;
    const times: Record<"before" | "after", number[]> = { before: [], after: [] };
    const values: Record<"before" | "after", unknown> = { before: undefined, after: undefined };
    const call = (which: "before" | "after") => {
      const start = process.cpuUsage();
      values[which] = (which === "before" ? before : info).valueAndGrad(yTrue, yPred, which === "before" ? otherOptions : ownOptions).value;
      times[which].push(cpuNanoseconds(start) / n);
      sink += typeof values[which] === "number" ? (values[which] as number) : 1;
    };
    for (let k = 0; k < repeats; k++) {
      const order = k % 2 === 0 ? (["before", "after"] as const) : (["after", "before"] as const);
      for (const which of order) call(which);
    }
    let same = Object.is(values.before, values.after);
    for (let i = 0; same && i < n; i++) same = Object.is(ownBuffer[i], otherBuffer[i]);
    const [a, b] = [median(times.before), median(times.after)];
    console.log(`| ${info.id} | ${format(a)} | ${format(b)} | **${format(a / b)}×** | ${same ? "yes" : "no"} |`);
  }
}

console.log(`## Loss benchmark: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average at start ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
const finish = () => console.log(`\nLoad average at end: ${loadavg().map((x) => x.toFixed(1)).join(" ")}. (checksum ${sink > 0 ? "ok" : sink})`);
if (args.has("compare")) {
  benchCompare(args.get("compare") || "../main").then(finish, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else if (args.has("peers")) {
  benchPeers().then(finish, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  for (const n of sizes) benchSize(n);
  finish();
}
