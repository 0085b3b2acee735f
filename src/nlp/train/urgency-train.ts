/**
 * Trains the urgency model on the team's urgency-labelled messages: features from
 * urgency-features.ts (read through the freshly trained intent model), the shared SGD trainer,
 * and a temperature fitted on 5-fold out-of-fold predictions, so the model's confidence is
 * calibrated on messages it was not trained on. Deterministic (seeded).
 */
import { URGENCIES, type Urgency } from '../../core/model.js';
import type { NlpClassifier } from '../classifier.js';
import type { FeatureVector } from '../features.js';
import { softmax } from '../intent-model.js';
import { featurizeUrgency } from '../urgency-features.js';
import type { UrgencyModelFile } from '../urgency-model.js';
import type { Example } from './datasets.js';
import { quantise, trainRows, type Row, type RowTrainOptions } from './logreg.js';

export const URGENCY_OPTIONS: RowTrainOptions = {
  bits: 14,
  epochs: 12,
  learningRate: 0.5,
  seed: 20261207,
  balance: 0.5,
};

const LABELS: Urgency[] = [...URGENCIES];

export function urgencyRows(examples: Example[], classifier: NlpClassifier, bits: number): Row[] {
  return examples
    .filter((e): e is Example & { urgency: Urgency } => e.urgency !== undefined)
    .map((e) => ({
      x: featurizeUrgency(classifier.analyse(e.text).urgencyInput, bits),
      y: LABELS.indexOf(e.urgency),
      w: e.weight ?? 1,
    }));
}

function logitsOf(w: { weights: Float64Array; bias: Float64Array }, x: FeatureVector): Float64Array {
  const C = LABELS.length;
  const z = Float64Array.from(w.bias);
  for (let j = 0; j < x.index.length; j++) {
    const base = x.index[j]! * C;
    for (let c = 0; c < C; c++) z[c]! += w.weights[base + c]! * x.value[j]!;
  }
  return z;
}

/** The temperature with the lowest negative log-likelihood on held-out logits (grid search). */
export function fitTemperature(logits: Float64Array[], gold: number[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.3; t <= 4.0001; t += 0.05) {
    let loss = 0;
    logits.forEach((z, i) => {
      const p = softmax(z.map((v) => v / t));
      loss -= Math.log(Math.max(p[gold[i]!] ?? 0, 1e-12));
    });
    if (loss < bestLoss) {
      bestLoss = loss;
      best = Math.round(t * 100) / 100;
    }
  }
  return best;
}

export function trainUrgency(
  examples: Example[],
  classifier: NlpClassifier,
  log: (s: string) => void = () => {},
  opts: RowTrainOptions = URGENCY_OPTIONS,
): UrgencyModelFile {
  const rows = urgencyRows(examples, classifier, opts.bits);
  // Out-of-fold logits for the temperature: every 5th row (offset k) held out of fold k.
  const K = 5;
  const heldLogits: Float64Array[] = [];
  const heldGold: number[] = [];
  let correct = 0;
  for (let k = 0; k < K; k++) {
    const trainPart = rows.filter((_, i) => i % K !== k);
    const heldPart = rows.filter((_, i) => i % K === k);
    const w = trainRows(trainPart, LABELS, opts);
    for (const r of heldPart) {
      const z = logitsOf(w, r.x);
      heldLogits.push(z);
      heldGold.push(r.y);
      let bi = 0;
      z.forEach((v, i) => (v > z[bi]! ? (bi = i) : undefined));
      if (bi === r.y) correct++;
    }
  }
  const temperature = fitTemperature(heldLogits, heldGold);
  log(
    `urgency: ${rows.length} examples, ${K}-fold accuracy ${((100 * correct) / rows.length).toFixed(1)}%, temperature ${temperature}`,
  );
  const trained = trainRows(rows, LABELS, opts, log);
  const { scale, weights } = quantise(trained.weights);
  const counts: Record<string, number> = {};
  for (const r of rows) counts[LABELS[r.y]!] = (counts[LABELS[r.y]!] ?? 0) + 1;
  return {
    format: 'solodesk-urgency-logreg',
    version: 1,
    bits: opts.bits,
    labels: LABELS,
    scale,
    bias: Array.from(trained.bias, (v) => Number(v.toFixed(6))),
    weights,
    temperature,
    meta: {
      algorithm:
        'multinomial logistic regression, averaged SGD; features: deadline/money/outage/blocked/repeat/escalation/no-rush/praise cues crossed with the intent, words',
      seed: opts.seed,
      epochs: opts.epochs,
      learningRate: opts.learningRate,
      balance: opts.balance,
      examples: counts,
      outOfFoldAccuracy: Number((correct / rows.length).toFixed(4)),
      data: 'data-sets/team en-train.tsv and zh-train.tsv (urgency column), training probes with urgency gold',
    },
  };
}
