/**
 * `npm run --silent classify`: JSON lines in, JSON lines out, in order.
 *   in:  {"text": "...", "channel": "email"}   (channel, customerLanguage and name optional)
 *   out: {"language","intent","confidence","urgency","sentiment","requestedChannel",
 *         "recommendedChannel","reason","entities","draft"}
 * A line that is not valid input yields {"error": "..."} in its place, so order is kept.
 * Only results go to stdout; diagnostics go to stderr.
 */
import { createInterface } from 'node:readline';
import { CHANNELS, classificationOutput, DRAFT_CHANNEL_FOR, type Channel } from '../src/core/model.js';
import { createClassifier, createDrafter } from '../src/nlp/index.js';

/** The concrete channel a reply takes when the input did not say where it came from. */
const classifier = createClassifier();
const drafter = createDrafter({
  ...(process.env.KNOWLEDGE_DIR ? { knowledgeDir: process.env.KNOWLEDGE_DIR } : {}),
});

function handle(line: string): unknown {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { error: 'invalid JSON' };
  }
  const o = (input ?? {}) as {
    text?: unknown;
    channel?: unknown;
    customerLanguage?: unknown;
    name?: unknown;
  };
  if (typeof o.text !== 'string') return { error: 'expected {"text": string, "channel"?: string}' };
  const channel =
    typeof o.channel === 'string' && (CHANNELS as readonly string[]).includes(o.channel)
      ? (o.channel as Channel)
      : undefined;
  const c = classifier.classify(o.text, {
    ...(channel ? { channel } : {}),
    ...(typeof o.customerLanguage === 'string' ? { customerLanguage: o.customerLanguage } : {}),
  });
  const draft = drafter.draft({
    text: o.text,
    classification: c,
    channel: channel ?? DRAFT_CHANNEL_FOR[c.recommendedChannel],
    ...(typeof o.name === 'string' ? { customerName: o.name } : {}),
  });
  return {
    ...classificationOutput(c),
    draft: draft.text,
  };
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
const out: string[] = [];
rl.on('line', (line) => {
  if (!line.trim()) return;
  out.push(JSON.stringify(handle(line)));
  if (out.length >= 256) process.stdout.write(out.splice(0).join('\n') + '\n');
});
rl.on('close', () => {
  if (out.length) process.stdout.write(out.join('\n') + '\n');
});
