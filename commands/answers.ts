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
import { fillOwner, inBothLanguages, ownerStrings } from '../src/core/owner-strings/index.js';

type AnswerStore = Pick<Store, 'listAnswers' | 'getAnswer' | 'putAnswer' | 'deleteAnswer'>;

const isZh = (text: string) => /\p{Script=Han}/u.test(text);
const short = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function createAnswerCommands(deps: {
  answers: AnswerStore;
  facts?: FactBook;
  language?: OwnerLanguage;
}): Command[] {
  const lang = deps.language ?? 'en';
  const t = ownerStrings(lang).commands.answers;
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
      title: fillOwner(t.title, { a: answers.length, f: facts.length }),
      sections,
      text: sections.length ? t.hint : t.none,
    };
  }

  async function change(verb: string, id: string, text: string): Promise<CommandReply> {
    const found = await findAnswer(id);
    if (found.ambiguous) return say(fillOwner(t.ambiguous, { id }));
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
    return say(done ? (verb === 'forget' ? t.forgotten : t.edited) : fillOwner(t.notFound, { id }));
  }

  return [
    {
      name: 'learn',
      usage: 'learn <fact>',
      summary: inBothLanguages((s) => s.commands.summaries.learn),
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
      summary: inBothLanguages((s) => s.commands.summaries.answers),
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
