/**
 * Deterministic trainer for the intent model: multinomial logistic regression by averaged
 * SGD over hashed features, class-balanced, with a seeded shuffle. Same data + seed ⇒ same bytes.
 */
import type { Intent } from '../../core/model.js';
import { prng } from '../../core/prng.js';
import { featurize, type FeatureVector } from '../features.js';
import { softmax, type IntentModelFile } from '../intent-model.js';
import type { Example } from './datasets.js';

export interface TrainOptions {
  bits: number;
  labels: Intent[];
  epochs: number;
  learningRate: number;
  seed: number;
  /** Multiplier of per-class balancing (0 = none, 1 = fully balanced). */
  balance: number;
}

/** One featurized training example: features, class index, weight. */
export interface Row {
  x: FeatureVector;
  y: number;
  w: number;
}

export interface TrainedWeights {
  weights: Float64Array;
  bias: Float64Array;
}

export function train(
  examples: Example[],
  opts: TrainOptions,
  log: (s: string) => void = () => {},
): TrainedWeights {
  const rows: Row[] = examples.map((e) => {
    const y = opts.labels.indexOf(e.intent);
    if (y < 0) throw new Error(`label ${e.intent} not in model labels`);
    return { x: featurize(e.text, opts.bits).features, y, w: e.weight ?? 1 };
  });
  return trainRows(rows, opts.labels, opts, log);
}

/** Options of the generic trainer (any label set, any features). */
export interface RowTrainOptions {
  bits: number;
  epochs: number;
  learningRate: number;
  seed: number;
  /** Multiplier of per-class balancing (0 = none, 1 = fully balanced). */
  balance: number;
}

/**
 * Multinomial logistic regression by averaged SGD over already featurized rows: the intent and
 * the urgency models share it. Same rows + seed ⇒ same weights.
 */
export function trainRows(
  rows: Row[],
  labels: readonly string[],
  opts: RowTrainOptions,
  log: (s: string) => void = () => {},
): TrainedWeights {
  const C = labels.length;
  const D = 1 << opts.bits;
  const counts = new Array<number>(C).fill(0);
  for (const r of rows) counts[r.y] = (counts[r.y] ?? 0) + r.w;
  const total = counts.reduce((a, b) => a + b, 0);
  const classWeight = counts.map((n) => Math.pow(total / (C * Math.max(n, 1)), opts.balance));
  log(
    `featurized ${rows.length} examples; class counts ${counts.map((n, i) => `${labels[i]}=${n}`).join(' ')}`,
  );

  const W = new Float64Array(D * C);
  const U = new Float64Array(D * C); // Σ t·Δ, for the averaged weights
  const b = new Float64Array(C);
  const bU = new Float64Array(C);
  const rand = prng(opts.seed);
  const order = rows.map((_, i) => i);
  const z = new Float64Array(C);
  let t = 1;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    const lr = opts.learningRate / (1 + epoch * 0.5);
    let loss = 0;
    for (const k of order) {
      const r = rows[k];
      if (!r) continue;
      z.set(b);
      for (let j = 0; j < r.x.index.length; j++) {
        const base = (r.x.index[j] ?? 0) * C;
        const v = r.x.value[j] ?? 0;
        for (let c = 0; c < C; c++) z[c] = (z[c] ?? 0) + (W[base + c] ?? 0) * v;
      }
      const p = softmax(z);
      loss -= Math.log(Math.max(p[r.y] ?? 0, 1e-12)) * r.w;
      const scale = lr * r.w * (classWeight[r.y] ?? 1);
      for (let c = 0; c < C; c++) {
        const g = ((p[c] ?? 0) - (c === r.y ? 1 : 0)) * scale;
        if (g === 0) continue;
        b[c] = (b[c] ?? 0) - g;
        bU[c] = (bU[c] ?? 0) - t * g;
        for (let j = 0; j < r.x.index.length; j++) {
          const idx = (r.x.index[j] ?? 0) * C + c;
          const d = g * (r.x.value[j] ?? 0);
          W[idx] = (W[idx] ?? 0) - d;
          U[idx] = (U[idx] ?? 0) - t * d;
        }
      }
      t++;
    }
    log(`epoch ${epoch + 1}/${opts.epochs} lr=${lr.toFixed(3)} loss=${(loss / rows.length).toFixed(4)}`);
  }
  for (let i = 0; i < W.length; i++) W[i] = (W[i] ?? 0) - (U[i] ?? 0) / t;
  for (let c = 0; c < C; c++) b[c] = (b[c] ?? 0) - (bU[c] ?? 0) / t;
  return { weights: W, bias: b };
}

/** int16 quantisation of a weight matrix (one scale), base64 for a JSON model file. */
export function quantise(weights: Float64Array): { scale: number; weights: string } {
  let max = 0;
  for (const v of weights) max = Math.max(max, Math.abs(v));
  const scale = max / 32767 || 1;
  const q = new Int16Array(weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round((weights[i] ?? 0) / scale);
  return { scale, weights: Buffer.from(q.buffer).toString('base64') };
}

/** Quantises to int16 (one scale for the matrix) and packs the model file. */
export function pack(
  trained: TrainedWeights,
  opts: TrainOptions,
  otherThreshold: number,
  meta: Record<string, unknown>,
  otherThresholdHan = 0,
  otherBiasHan = 0,
  otherFloor = 0,
): IntentModelFile {
  const { scale, weights } = quantise(trained.weights);
  return {
    format: 'solodesk-intent-logreg',
    version: 1,
    bits: opts.bits,
    labels: opts.labels,
    scale,
    bias: Array.from(trained.bias, (v) => Number(v.toFixed(6))),
    weights,
    otherThreshold,
    otherThresholdHan,
    otherBiasHan,
    otherFloor,
    meta,
  };
}
