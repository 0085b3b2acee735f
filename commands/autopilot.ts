/**
 * `/cs autopilot`: which remembered answers qualify to send by themselves (sent unchanged
 * AUTOPILOT_MIN_APPROVALS times, never edited or discarded), which the owner set on, which are
 * still learning, which are flagged; and the last 30 days' draft outcomes by source.
 * `/cs autopilot on <answer>` / `off <answer>` is the owner's choice (the answer by its number
 * in the list or its id); on is refused for an answer that does not qualify or is flagged.
 */
import { autopilotState } from '../src/core/answers/autopilot.js';
import { answerRecord, outcomesBySource } from '../src/core/answers/outcomes.js';
import type { RememberedAnswer } from '../src/core/answers/record.js';
import type { Actor } from '../src/core/model.js';
import type { Clock, Store } from '../src/core/ports.js';
import type { Command, CommandReply } from './command.js';
import type { OwnerLanguage } from './stats-text.js';
import { fillOwner, inBothLanguages, ownerStrings } from '../src/core/owner-strings/index.js';

type AutopilotStore = Pick<Store, 'listAnswers' | 'putAnswer' | 'countMarks'>;

export function createAutopilotCommand(deps: {
  store: AutopilotStore;
  clock: Clock;
  minApprovals: number;
  language?: OwnerLanguage;
  /** After an answer is turned off: its replies waiting to send themselves stop (decisions). */
  afterOff?: (answerId: string, actor: Actor) => Promise<unknown>;
}): Command {
  const t = ownerStrings(deps.language ?? 'en').commands.autopilot;
  const say = (text: string, usage = false): CommandReply => ({
    title: text,
    sections: [],
    ...(usage ? { usage: true } : {}),
  });
  const stateOf = async (a: RememberedAnswer) => {
    const record = await answerRecord(deps.store, a.id);
    return { record, state: autopilotState(record, deps.minApprovals, a) };
  };

  /** An answer by its number in the list (1-based, oldest first), its id, or a unique id prefix. */
  function find(answers: RememberedAnswer[], ref: string) {
    const index = /^\d+$/.test(ref) ? Number(ref) - 1 : -1;
    if (index >= 0 && index < answers.length) return { answer: answers[index]!, number: index + 1 };
    const exact = answers.findIndex((a) => a.id === ref);
    const hits = exact >= 0 ? [exact] : answers.flatMap((a, i) => (a.id.startsWith(ref) ? [i] : []));
    if (hits.length === 1) return { answer: answers[hits[0]!]!, number: hits[0]! + 1 };
    return { ambiguous: hits.length > 1 };
  }

  async function set(verb: 'on' | 'off', ref: string, actor: Actor): Promise<CommandReply> {
    const answers = await deps.store.listAnswers();
    const found = find(answers, ref);
    if (!found.answer) return say(fillOwner(found.ambiguous ? t.ambiguous : t.notFound, { ref }));
    const { answer, number: i } = found;
    if (verb === 'off') {
      if (answer.autopilot) {
        const { autopilot: _off, ...rest } = answer;
        await deps.store.putAnswer(rest);
      }
      await deps.afterOff?.(answer.id, actor);
      return say(fillOwner(t.turnedOff, { i }));
    }
    if (deps.minApprovals <= 0) return say(t.disabled);
    const { record, state } = await stateOf(answer);
    if (state === 'flagged') return say(fillOwner(t.isFlagged, { i, e: record.edited, d: record.discarded }));
    if (state === 'learning')
      return say(fillOwner(t.notQualified, { i, k: record.sent, n: deps.minApprovals }));
    if (state === 'qualifies') await deps.store.putAnswer({ ...answer, autopilot: true });
    return say(fillOwner(t.turnedOn, { i }));
  }

  async function list(): Promise<CommandReply> {
    const answers = await deps.store.listAnswers();
    const fields = [];
    const qualifying: { id: string; i: number }[] = [];
    for (const [index, a] of answers.slice(0, 25).entries()) {
      const i = index + 1;
      const { record: r, state } = await stateOf(a);
      if (state === 'qualifies') qualifying.push({ id: a.id, i });
      const status =
        state === 'on'
          ? t.on
          : state === 'qualifies'
            ? fillOwner(t.qualifies, { k: r.sent, i })
            : state === 'flagged'
              ? fillOwner(t.flagged, { e: r.edited, d: r.discarded })
              : fillOwner(t.learning, { k: r.sent, n: deps.minApprovals });
      fields.push({
        label: `${i}. ${a.id.slice(0, 8)} · ${a.language} · ${(a.questions[0] ?? '').slice(0, 80)}`,
        value: `${status} · ${fillOwner(t.auto, { a: r.auto })}`,
      });
    }
    const to = deps.clock.now();
    const from = new Date(to.getTime() - 30 * 86_400_000);
    const bySource = await outcomesBySource(deps.store, from, to);
    const outcomes = (['template', 'answer', 'note'] as const).map((s) => ({
      label: t.sources[s],
      value: fillOwner(t.row, { ...bySource[s] }),
    }));
    // The reply model carries one button: offered when exactly one answer waits to be turned on.
    const only = qualifying.length === 1 ? qualifying[0] : undefined;
    return {
      title: fillOwner(t.title, { n: deps.minApprovals }),
      sections: [
        ...(fields.length ? [{ heading: t.answers, fields }] : []),
        { heading: t.outcomes, fields: outcomes },
      ],
      text: fields.length ? t.hint : t.none,
      ...(only
        ? {
            confirm: {
              label: fillOwner(t.button, { i: only.i }),
              command: 'autopilot',
              args: ['on', only.id],
            },
          }
        : {}),
    };
  }

  return {
    name: 'autopilot',
    usage: 'autopilot [on|off <answer>]',
    summary: inBothLanguages((s) => s.commands.summaries.autopilot),
    async run(args: string[], actor: Actor): Promise<CommandReply> {
      const [verb, ref, ...rest] = args;
      if (!verb) return list();
      if ((verb === 'on' || verb === 'off') && ref && !rest.length) return set(verb, ref, actor);
      return say(t.usage, true);
    },
  };
}
