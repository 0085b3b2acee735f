/**
 * The realistic probes in data-sets/team/probe-N/ and how they are split (issue 17, fourth pass).
 * Whole folders, so that the held-out writers are writers the model never saw:
 *   training    — read by `npm run train` (intent, weighted; urgency where the probe has it);
 *   calibration — never trained on; fits the intent model's confidence temperature only;
 *   test        — never read by `npm run train` at all; `npm run eval`'s held-out figures and ECE.
 * Used only by scripts/train.ts and scripts/eval.ts, never at run time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTENTS, URGENCIES, type Intent, type Urgency } from '../../core/model.js';
import { DATA_SETS_DIR, type Example } from './datasets.js';

export const TRAINING_PROBES = [
  ...['probe-2', 'probe-3', 'probe-4', 'probe-5', 'probe-6', 'probe-8', 'probe-9'],
  ...['probe-10', 'probe-11', 'probe-14', 'probe-15', 'probe-16', 'probe-17', 'probe-18'],
  ...['probe-20', 'probe-21'],
] as const;
/** probe-7 is by a blind writer, probe-12 by the team: two styles for the temperature. */
export const CALIBRATION_PROBES = ['probe-7', 'probe-12'] as const;
/**
 * probe-13 is the team's last held-out probe, probe-19 a blind probe (with urgency gold, scored once
 * after the fifth pass), probe-22 a blind probe scored before and after the sixth pass, 23, 24 and 25
 * blind probes scored before and after the seventh.
 * The blind probes 16, 17 and 18 were test folders until the sixth pass, 20 and 21 until the
 * seventh, which train on them for more writers (their labels checked against PRODUCT.md first, see
 * data-sets/team/SOURCE.md).
 */
export const TEST_PROBES = [
  ...['probe-13', 'probe-19', 'probe-22', 'probe-23', 'probe-24', 'probe-25'],
] as const;

/**
 * One probe file in either format: `intent<TAB>requestedChannel<TAB>text` (probes 2-13, no
 * header, `\n` = new line) or a header `text<TAB>intent<TAB>urgency<TAB>requestedChannel`
 * (probes 14 onwards, with urgency gold).
 */
export function probeSet(dir: string, lang: 'en' | 'zh'): Example[] {
  const file = `${dir}/${lang}.tsv`;
  const lines = readFileSync(join(DATA_SETS_DIR, 'team', file), 'utf8').split('\n');
  const headed = lines[0]?.startsWith('text\tintent\turgency');
  return lines.slice(headed ? 1 : 0).flatMap((line, i) => {
    if (!line.trim()) return [];
    const cols = line.split('\t');
    const [intent, urgency, text] = headed ? [cols[1], cols[2], cols[0]] : [cols[0], undefined, cols[2]];
    if (!intent || !text || !INTENTS.includes(intent as Intent))
      throw new Error(`${file}:${i + 1 + (headed ? 1 : 0)}: unexpected line`);
    const known = urgency !== undefined && URGENCIES.includes(urgency as Urgency);
    return [
      {
        text: text.replace(/\\n/g, '\n'),
        intent: intent as Intent,
        source: `${dir}-${lang}`,
        ...(known ? { urgency: urgency as Urgency } : {}),
      },
    ];
  });
}

/** Both languages of several probe folders. */
export function probes(dirs: readonly string[], lang?: 'en' | 'zh'): Example[] {
  return dirs.flatMap((d) => (lang ? probeSet(d, lang) : [...probeSet(d, 'en'), ...probeSet(d, 'zh')]));
}
