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

const TEXT = {
  en: {
    title: 'Autopilot (after {n} unchanged sends)',
    on: '🤖 on',
    learning: 'learning {k}/{n}',
    flagged: '⚠️ flagged: edited {e}, discarded {d}',
    auto: 'sent automatically {a}',
    none: 'No remembered answers yet.',
    outcomes: 'Draft outcomes, last 30 days',
    sources: { template: 'Template / knowledge base', answer: 'Remembered answer', note: 'Owner note' },
    row: 'sent as drafted {sent} · edited {edited} · discarded {discarded} · automatic {auto}',
    answers: 'Remembered answers',
  },
  zh: {
    title: '自动回复（需原样发送 {n} 次）',
    on: '🤖 已开启',
    learning: '学习中 {k}/{n}',
    flagged: '⚠️ 已标记：编辑 {e} 次，丢弃 {d} 次',
    auto: '自动发送 {a} 次',
    none: '还没有记住的回答。',
    outcomes: '草稿结果（近 30 天）',
    sources: { template: '模板 / 知识库', answer: '记住的回答', note: '店主留言' },
    row: '原样发送 {sent} · 编辑 {edited} · 丢弃 {discarded} · 自动 {auto}',
    answers: '记住的回答',
  },
} as const;

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
    summary: { en: 'Which answers send themselves', zh: '哪些回答会自动发送' },
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
