/**
 * The feedback loop's part of `/cs stats` (issue 18): draft outcomes by source (template,
 * remembered answer, owner note) and the ratings given after replies from each source —
 * automatic ones apart — and after the most-rated remembered answers.
 */
import { outcomesBySource, type AnswerOutcome } from '../src/core/answers/outcomes.js';
import {
  ratedByAnswer,
  ratedBySource,
  REPLY_SOURCES,
  type RatedFigures,
  type ReplySource,
} from '../src/core/answers/rated.js';
import type { Store } from '../src/core/ports.js';
import type { CommandReply } from './command.js';
import { formatInt, round1, type OwnerLanguage } from './stats-text.js';
import { fillOwner, ownerStrings } from '../src/core/owner-strings/index.js';

/** How many remembered answers the section names (the most-rated ones). */
const TOP_ANSWERS = 3;

export interface LoopFigures {
  outcomes: Record<string, Record<AnswerOutcome, number>>;
  rated: Record<ReplySource, RatedFigures>;
  /** The most-rated remembered answers, with their number in `/cs autopilot`'s list. */
  answers: { number: number; id: string; question: string; rated: RatedFigures }[];
}

export async function loopFigures(
  store: Pick<Store, 'countMarks' | 'listAnswers'>,
  from: Date,
  to: Date,
): Promise<LoopFigures> {
  const answers = await store.listAnswers();
  const byAnswer = await ratedByAnswer(
    store,
    answers.map((a) => a.id),
    from,
    to,
  );
  const top = answers
    .map((a, i) => ({ number: i + 1, id: a.id, question: a.questions[0] ?? '', rated: byAnswer.get(a.id)! }))
    .filter((a) => a.rated.count > 0)
    .sort((a, b) => b.rated.count - a.rated.count || a.number - b.number)
    .slice(0, TOP_ANSWERS);
  return {
    outcomes: await outcomesBySource(store, from, to),
    rated: await ratedBySource(store, from, to),
    answers: top,
  };
}

/** Nothing when the period has no draft decided and no rating: the figures stay compact. */
export function loopSections(f: LoopFigures, lang: OwnerLanguage): CommandReply['sections'] {
  const t = ownerStrings(lang).commands.statsLoop;
  const sections: CommandReply['sections'] = [];
  const outcomeSources = ['template', 'answer', 'note'] as const;
  if (outcomeSources.some((s) => Object.values(f.outcomes[s] ?? {}).some((n) => n > 0)))
    sections.push({
      heading: t.outcomes,
      fields: outcomeSources.map((s) => ({
        label: t.sources[s],
        value: fillOwner(t.row, { sent: 0, edited: 0, discarded: 0, auto: 0, ...f.outcomes[s] }),
      })),
    });
  const rated = (r: RatedFigures) =>
    r.mean === undefined
      ? '—'
      : fillOwner(r.count === 1 ? t.ratedOne : t.rated, { mean: round1(r.mean), n: formatInt(r.count) });
  if (REPLY_SOURCES.some((s) => f.rated[s].count > 0))
    sections.push({
      heading: t.ratings,
      fields: [
        ...REPLY_SOURCES.map((s) => ({ label: t.sources[s], value: rated(f.rated[s]) })),
        ...f.answers.map((a) => ({
          label: fillOwner(t.answer, { i: a.number, id: a.id.slice(0, 8), q: a.question.slice(0, 60) }),
          value: rated(a.rated),
        })),
      ],
    });
  return sections;
}
