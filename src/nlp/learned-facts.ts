/**
 * The FactBook on disk: `learned.txt` in the knowledge directory, in the knowledge-base format
 * (one entry per fact, its text both the question it answers and the answer), so the drafter's
 * knowledge base (which reloads when a file changes) uses a fact as soon as it is taught.
 * Written whole to a temporary file and renamed, so a reader never sees half a file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FactBook, LearnedFact } from '../core/answers/facts.js';
import { parseKnowledge } from './knowledge-file.js';

export const LEARNED_FILE = 'learned.txt';

const HEADER = '# Facts taught with /cs learn. Edit with /cs answers, or here (one entry per fact).\n';

export function createFactBook(dir: string, now: () => Date = () => new Date()): FactBook {
  const file = join(dir, LEARNED_FILE);
  const read = (): LearnedFact[] => {
    if (!existsSync(file)) return [];
    return parseKnowledge(readFileSync(file, 'utf8'), LEARNED_FILE).map((e) => {
      const [language = 'en', text = ''] = Object.entries(e.answers)[0] ?? [];
      return { id: e.id, text, language };
    });
  };
  const write = (facts: LearnedFact[]) => {
    mkdirSync(dir, { recursive: true });
    // One line per field: a fact's own line breaks would start a new field.
    const blocks = facts.map(
      (f) =>
        `id: ${f.id}\nq: ${f.text.replace(/\s+/g, ' ')}\n${f.language}: ${f.text.replace(/\s+/g, ' ')}\n`,
    );
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, HEADER + blocks.join('---\n'));
    renameSync(tmp, file);
  };
  // Serialised: two /cs learn at once must not lose one.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => T): Promise<T> => {
    const next = chain.then(fn);
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    list: () => serial(read),
    add: (text, language) =>
      serial(() => {
        const facts = read();
        const fact = {
          id: `fact-${now().getTime().toString(36)}-${facts.length + 1}`,
          text: text.trim(),
          language,
        };
        write([...facts, fact]);
        return fact;
      }),
    edit: (id, text) =>
      serial(() => {
        const facts = read();
        const fact = facts.find((f) => f.id === id);
        if (!fact) return false;
        fact.text = text.trim();
        write(facts);
        return true;
      }),
    remove: (id) =>
      serial(() => {
        const facts = read();
        const kept = facts.filter((f) => f.id !== id);
        if (kept.length === facts.length) return false;
        write(kept);
        return true;
      }),
  };
}
