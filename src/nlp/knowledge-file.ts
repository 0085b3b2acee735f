/**
 * The knowledge-base file format, read and parsed, without the text tools that search it: the
 * FactBook (learned-facts.ts) writes and reads these files on the desk's main thread, which must
 * not load wink-nlp and its English model (the NLP worker holds the only copy). Format:
 * knowledge.ts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Intent } from '../core/model.js';

export interface KnowledgeEntry {
  id: string;
  intent?: Intent;
  questions: string[];
  answers: Record<string, string>;
  file: string;
}

export function parseKnowledge(text: string, file: string): KnowledgeEntry[] {
  const entries: KnowledgeEntry[] = [];
  for (const block of text.split(/^-{3,}\s*$/m)) {
    const entry: KnowledgeEntry = { id: '', questions: [], answers: {}, file };
    let last: { kind: 'q' | 'a'; key: string } | undefined;
    for (const line of block.split('\n')) {
      if (/^\s*#/.test(line) && !last) continue;
      const m = /^(id|intent|q|[a-z]{2}):\s*(.*)$/.exec(line);
      if (m) {
        const [, key = '', value = ''] = m;
        if (key === 'id') entry.id = value.trim();
        else if (key === 'intent') entry.intent = value.trim() as Intent;
        else if (key === 'q') {
          entry.questions.push(value.trim());
          last = { kind: 'q', key };
        } else {
          entry.answers[key] = value.trim();
          last = { kind: 'a', key };
        }
      } else if (line.trim() && last?.kind === 'a') {
        entry.answers[last.key] = `${entry.answers[last.key] ?? ''}\n${line.trim()}`;
      }
    }
    if (entry.questions.length && Object.keys(entry.answers).length) {
      entry.id ||= `${file}#${entries.length + 1}`;
      entries.push(entry);
    }
  }
  return entries;
}

export function loadKnowledge(dir: string): KnowledgeEntry[] {
  if (!existsSync(dir)) return [];
  const entries: KnowledgeEntry[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!/\.(txt|md)$/i.test(file) || /^readme\./i.test(file)) continue;
    entries.push(...parseKnowledge(readFileSync(join(dir, file), 'utf8'), file));
  }
  return entries;
}
