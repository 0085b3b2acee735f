/**
 * What the footprint bench posts to /query: the team's held-out test messages (emails, SMS,
 * chat lines, voicemail transcripts), English and Chinese, each one once per cycle. Several
 * hundred distinct texts, so no memoisation of recent texts can flatter the figure, as a
 * handful of repeated queries could.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The texts of a team TSV (the last column; `\n` for new lines, `#` starts a comment line). */
export function teamMessages(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => (line.split('\t').pop() ?? '').replace(/\\n/g, '\n').trim())
    .filter(Boolean);
}

/** Distinct English and Chinese messages, alternating, as `/query` JSON bodies. */
export function benchQueries(root: string): string[] {
  const dir = join(root, 'data-sets/team');
  const en = teamMessages(join(dir, 'en-test.tsv'));
  const zh = [...teamMessages(join(dir, 'zh-test.tsv')), ...teamMessages(join(dir, 'zh-hant-test.tsv'))];
  const mixed: string[] = [];
  for (let i = 0; i < Math.max(en.length, zh.length); i++) {
    if (i < en.length) mixed.push(en[i]!);
    if (i < zh.length) mixed.push(zh[i]!);
  }
  return [...new Set(mixed)].map((query) => JSON.stringify({ query }));
}
