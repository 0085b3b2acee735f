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

const TEXT = {
  en: {
    title: 'Autopilot (after {n} unchanged sends)',
    on: '🤖 on',
    qualifies: '✅ qualifies (sent unchanged {k} times): autopilot on {i}',
    learning: 'learning {k}/{n}',
    flagged: '⚠️ flagged: edited {e}, discarded {d}',
    auto: 'sent automatically {a}',
    none: 'No remembered answers yet.',
    outcomes: 'Draft outcomes, last 30 days',
    sources: { template: 'Template / knowledge base', answer: 'Remembered answer', note: 'Owner note' },
    row: 'sent as drafted {sent} · edited {edited} · discarded {discarded} · automatic {auto}',
    answers: 'Remembered answers',
    hint: 'autopilot on <number> · autopilot off <number>',
    usage: 'Usage: autopilot [on <number or id> | off <number or id>]',
    notFound: 'No remembered answer {ref}: give its number in the autopilot list or its id.',
    ambiguous: 'More than one answer starts with {ref}: give more of the id.',
    disabled: 'Autopilot is turned off for the whole desk (AUTOPILOT_MIN_APPROVALS=0).',
    notQualified:
      'Answer {i} does not qualify yet: sent unchanged {k} of {n} times. It may send by itself once you have sent it unchanged {n} times.',
    isFlagged:
      'Answer {i} is flagged (edited {e}, discarded {d}): an answer you change or discard never sends by itself.',
    turnedOn:
      '🤖 Autopilot on for answer {i}: its replies send themselves after the delay unless you tap Cancel or Edit.',
    turnedOff: 'Autopilot off for answer {i}: its drafts wait for you again.',
    button: 'Turn on autopilot for answer {i}',
  },
  zh: {
    title: '自动回复（需原样发送 {n} 次）',
    on: '🤖 已开启',
    qualifies: '✅ 符合条件（已原样发送 {k} 次）：autopilot on {i}',
    learning: '学习中 {k}/{n}',
    flagged: '⚠️ 已标记：编辑 {e} 次，丢弃 {d} 次',
    auto: '自动发送 {a} 次',
    none: '还没有记住的回答。',
    outcomes: '草稿结果（近 30 天）',
    sources: { template: '模板 / 知识库', answer: '记住的回答', note: '店主留言' },
    row: '原样发送 {sent} · 编辑 {edited} · 丢弃 {discarded} · 自动 {auto}',
    answers: '记住的回答',
    hint: 'autopilot on <编号> · autopilot off <编号>',
    usage: '用法：autopilot [on <编号或 id> | off <编号或 id>]',
    notFound: '没有记住的回答 {ref}：请给出它在 autopilot 列表中的编号或它的 id。',
    ambiguous: '有多个回答以 {ref} 开头：请给出更长的 id。',
    disabled: '整个客服台的自动回复已关闭（AUTOPILOT_MIN_APPROVALS=0）。',
    notQualified: '回答 {i} 还不符合条件：已原样发送 {k}/{n} 次。原样发送满 {n} 次后才能自动发送。',
    isFlagged: '回答 {i} 已被标记（编辑 {e} 次，丢弃 {d} 次）：被您修改或丢弃过的回答不会自动发送。',
    turnedOn: '🤖 已为回答 {i} 开启自动回复：它的回复会在等待时间后自动发送，除非您点“取消”或“编辑”。',
    turnedOff: '已为回答 {i} 关闭自动回复：它的草稿会再次等您处理。',
    button: '为回答 {i} 开启自动回复',
  },
} as const;

const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (w, k: string) => String(vars[k] ?? w));

type AutopilotStore = Pick<Store, 'listAnswers' | 'putAnswer' | 'countMarks'>;

export function createAutopilotCommand(deps: {
  store: AutopilotStore;
  clock: Clock;
  minApprovals: number;
  language?: OwnerLanguage;
}): Command {
  const t = TEXT[deps.language ?? 'en'];
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

  async function set(verb: 'on' | 'off', ref: string): Promise<CommandReply> {
    const answers = await deps.store.listAnswers();
    const found = find(answers, ref);
    if (!found.answer) return say(fill(found.ambiguous ? t.ambiguous : t.notFound, { ref }));
    const { answer, number: i } = found;
    if (verb === 'off') {
      if (answer.autopilot) {
        const { autopilot: _off, ...rest } = answer;
        await deps.store.putAnswer(rest);
      }
      return say(fill(t.turnedOff, { i }));
    }
    if (deps.minApprovals <= 0) return say(t.disabled);
    const { record, state } = await stateOf(answer);
    if (state === 'flagged') return say(fill(t.isFlagged, { i, e: record.edited, d: record.discarded }));
    if (state === 'learning') return say(fill(t.notQualified, { i, k: record.sent, n: deps.minApprovals }));
    if (state === 'qualifies') await deps.store.putAnswer({ ...answer, autopilot: true });
    return say(fill(t.turnedOn, { i }));
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
            ? fill(t.qualifies, { k: r.sent, i })
            : state === 'flagged'
              ? fill(t.flagged, { e: r.edited, d: r.discarded })
              : fill(t.learning, { k: r.sent, n: deps.minApprovals });
      fields.push({
        label: `${i}. ${a.id.slice(0, 8)} · ${a.language} · ${(a.questions[0] ?? '').slice(0, 80)}`,
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
    // The reply model carries one button: offered when exactly one answer waits to be turned on.
    const only = qualifying.length === 1 ? qualifying[0] : undefined;
    return {
      title: fill(t.title, { n: deps.minApprovals }),
      sections: [
        ...(fields.length ? [{ heading: t.answers, fields }] : []),
        { heading: t.outcomes, fields: outcomes },
      ],
      text: fields.length ? t.hint : t.none,
      ...(only
        ? { confirm: { label: fill(t.button, { i: only.i }), command: 'autopilot', args: ['on', only.id] } }
        : {}),
    };
  }

  return {
    name: 'autopilot',
    usage: 'autopilot [on|off <answer>]',
    summary: { en: 'Which answers send themselves', zh: '哪些回答会自动发送' },
    async run(args: string[], _actor: Actor): Promise<CommandReply> {
      const [verb, ref, ...rest] = args;
      if (!verb) return list();
      if ((verb === 'on' || verb === 'off') && ref && !rest.length) return set(verb, ref);
      return say(t.usage, true);
    },
  };
}
