/**
 * `/cs autopilot`: which remembered answers send themselves (on), which are still earning it
 * (n of AUTOPILOT_MIN_APPROVALS unchanged sends), which the owner's edits or discards flagged;
 * and the last 30 days' draft outcomes by source (template, remembered answer, owner note).
 */
import { autopilotState } from '../src/core/answers/autopilot.js';
import { answerRecord, outcomesBySource } from '../src/core/answers/outcomes.js';
import type { Actor } from '../src/core/model.js';
import type { Clock, Store } from '../src/core/ports.js';
import type { Command, CommandReply } from './command.js';
import type { OwnerLanguage } from './stats-text.js';
import { inBothLanguages, OWNER_STRINGS } from '../src/core/owner-strings/index.js';

const TEXT = { en: OWNER_STRINGS.en.commands.autopilot, zh: OWNER_STRINGS.zh.commands.autopilot };

const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (w, k: string) => String(vars[k] ?? w));

export function createAutopilotCommand(deps: {
  store: Store;
  clock: Clock;
  minApprovals: number;
  language?: OwnerLanguage;
}): Command {
  const t = TEXT[deps.language ?? 'en'];
  return {
    name: 'autopilot',
    usage: 'autopilot',
    summary: inBothLanguages((s) => s.commands.summaries.autopilot),
    async run(_args: string[], _actor: Actor): Promise<CommandReply> {
      const answers = await deps.store.listAnswers();
      const fields = [];
      for (const a of answers.slice(0, 25)) {
        const r = await answerRecord(deps.store, a.id);
        const state = autopilotState(r, deps.minApprovals);
        const status =
          state === 'on'
            ? t.on
            : state === 'flagged'
              ? fill(t.flagged, { e: r.edited, d: r.discarded })
              : fill(t.learning, { k: r.sent, n: deps.minApprovals });
        fields.push({
          label: `${a.id.slice(0, 8)} · ${a.language} · ${(a.questions[0] ?? '').slice(0, 80)}`,
          value: `${status} · ${fill(t.auto, { a: r.auto })}`,
        });
      }
      const to = deps.clock.now();
      const from = new Date(to.getTime() - 30 * 86_400_000);
      const bySource = await outcomesBySource(deps.store, from, to);
      const outcomes = (['template', 'answer', 'note'] as const).map((s) => ({
        label: t.sources[s],
        value: fill(t.row, { ...bySource[s] }),
      }));
      return {
        title: fill(t.title, { n: deps.minApprovals }),
        sections: [
          ...(fields.length ? [{ heading: t.answers, fields }] : []),
          { heading: t.outcomes, fields: outcomes },
        ],
        ...(fields.length ? {} : { text: t.none }),
      };
    },
  };
}
