/** Accuracy and macro-F1 for the eval and threshold tuning. */
export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  perLabel: Record<string, { precision: number; recall: number; f1: number; support: number }>;
}

/** Macro-F1 is averaged over the labels that occur in the gold set. */
export function score(gold: string[], predicted: string[]): Scores {
  const labels = [...new Set(gold)].sort();
  const perLabel: Scores['perLabel'] = {};
  let correct = 0;
  gold.forEach((g, i) => (correct += g === predicted[i] ? 1 : 0));
  for (const l of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (p === l && g === l) tp++;
      else if (p === l) fp++;
      else if (g === l) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perLabel[l] = { precision, recall, f1, support: tp + fn };
  }
  const f1s = labels.map((l) => perLabel[l]?.f1 ?? 0);
  return {
    n: gold.length,
    accuracy: gold.length ? correct / gold.length : 0,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    perLabel,
  };
}
