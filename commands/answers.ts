/**
 * `/cs learn <text>` teaches a fact; `/cs answers` lists remembered answers and taught facts;
 * `/cs answers edit <id> <text>` and `/cs answers forget <id>` change them. Ids are shown in
 * the list (a remembered answer's is short: its first 8 characters are enough).
 */
import type { FactBook } from '../src/core/answers/facts.js';
import type { Store } from '../src/core/ports.js';
import type { Actor } from '../src/core/model.js';
import type { Command, CommandReply } from './command.js';
import type { OwnerLanguage } from './stats-text.js';

type AnswerStore = Pick<Store, 'listAnswers' | 'getAnswer' | 'putAnswer' | 'deleteAnswer'>;

const TEXT = {
  en: {
    learnUsage: 'Usage: learn <a fact, e.g. Shipping to Canada takes 5 to 8 days and costs $12>',
    learned: 'Learned: drafts will use it from now on.',
    title: 'Remembered answers ({a}) and facts ({f})',
    answers: 'Remembered answers',
    facts: 'Facts',
    none: 'Nothing remembered yet: tap Remember on a reply you edited, or teach a fact with learn <text>.',
    hint: 'answers edit <id> <text> · answers forget <id>',
    usage: 'Usage: answers [edit <id> <text> | forget <id>]',
    notFound: 'No answer or fact with id {id}.',
    ambiguous: 'More than one answer starts with {id}: give more of the id.',
    forgotten: 'Forgotten.',
    edited: 'Saved.',
    editedAutopilotOff: 'Saved. Autopilot is off for it until you turn it on again (autopilot on <number>).',
  },
  zh: {
    learnUsage: '用法：learn <一条事实，例如：寄往加拿大需 5 到 8 天，运费 12 美元>',
    learned: '已学会：今后的草稿会用到它。',
    title: '记住的回答（{a}）和事实（{f}）',
    answers: '记住的回答',
    facts: '事实',
    none: '还没有记住任何内容：在您编辑过的回复上点“记住”，或用 learn <文字> 教一条事实。',
    hint: 'answers edit <编号> <文字> · answers forget <编号>',
    usage: '用法：answers [edit <编号> <文字> | forget <编号>]',
    notFound: '没有编号为 {id} 的回答或事实。',
    ambiguous: '有多个回答以 {id} 开头：请给出更长的编号。',
    forgotten: '已忘记。',
    edited: '已保存。',
    editedAutopilotOff: '已保存。它的自动回复已关闭，需要时请重新开启（autopilot on <编号>）。',
  },
} as const;

const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (w, k: string) => String(vars[k] ?? w));
const isZh = (text: string) => /\p{Script=Han}/u.test(text);
const short = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function createAnswerCommands(deps: {
  answers: AnswerStore;
  facts?: FactBook;
  language?: OwnerLanguage;
}): Command[] {
  const lang = deps.language ?? 'en';
  const t = TEXT[lang];
  const say = (text: string, usage = false): CommandReply => ({
    title: text,
    sections: [],
    ...(usage ? { usage: true } : {}),
  });

  /** A remembered answer by its id or a unique prefix of it. */
  async function findAnswer(id: string) {
    const exact = await deps.answers.getAnswer(id);
    if (exact) return { answer: exact };
    const matches = (await deps.answers.listAnswers()).filter((a) => a.id.startsWith(id));
    return matches.length === 1 ? { answer: matches[0] } : { ambiguous: matches.length > 1 };
  }

  async function list(): Promise<CommandReply> {
    const answers = await deps.answers.listAnswers();
    const facts = (await deps.facts?.list()) ?? [];
    const sections: CommandReply['sections'] = [];
    if (answers.length)
      sections.push({
        heading: t.answers,
        fields: answers.slice(0, 25).map((a) => ({
          label: `${a.id.slice(0, 8)} · ${a.language} · ${short(a.questions[0] ?? '', 80)}`,
          value: short(a.text),
        })),
      });
    if (facts.length)
      sections.push({
        heading: t.facts,
        fields: facts.slice(0, 25).map((f) => ({ label: `${f.id} · ${f.language}`, value: short(f.text) })),
      });
    return {
      title: fill(t.title, { a: answers.length, f: facts.length }),
      sections,
      text: sections.length ? t.hint : t.none,
    };
  }

  async function change(verb: string, id: string, text: string): Promise<CommandReply> {
    const found = await findAnswer(id);
    if (found.ambiguous) return say(fill(t.ambiguous, { id }));
    if (found.answer) {
      if (verb === 'forget') {
        await deps.answers.deleteAnswer(found.answer.id);
        return say(t.forgotten);
      }
      // The owner approved the old words, not these: new text never sends by itself unasked.
      const { autopilot: wasOn, ...rest } = found.answer;
      await deps.answers.putAnswer({ ...rest, text, updatedAt: new Date() });
      return say(wasOn ? t.editedAutopilotOff : t.edited);
    }
    const done = verb === 'forget' ? await deps.facts?.remove(id) : await deps.facts?.edit(id, text);
    return say(done ? (verb === 'forget' ? t.forgotten : t.edited) : fill(t.notFound, { id }));
  }

  return [
    {
      name: 'learn',
      usage: 'learn <fact>',
      summary: { en: 'Teach the drafts a fact', zh: '教草稿一条事实' },
      async run(args: string[], _actor: Actor): Promise<CommandReply> {
        const text = args.join(' ').trim();
        if (!text || !deps.facts) return say(t.learnUsage, true);
        await deps.facts.add(text, isZh(text) ? 'zh' : 'en');
        return say(t.learned);
      },
    },
    {
      name: 'answers',
      usage: 'answers [edit <id> <text> | forget <id>]',
      summary: { en: 'Remembered answers and facts', zh: '记住的回答和事实' },
      async run(args: string[], _actor: Actor): Promise<CommandReply> {
        const [verb, id, ...rest] = args;
        if (!verb) return list();
        if ((verb === 'forget' && id) || (verb === 'edit' && id && rest.length))
          return change(verb, id, rest.join(' ').trim());
        return say(t.usage, true);
      },
    },
  ];
}
