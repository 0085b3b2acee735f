/**
 * Every message of data-sets/team/*.tsv and of the probes (data-sets/team/probe-N/*.tsv): the last
 * column of each line that is not blank or a comment, `\n` read as a new line. The fast-path tests
 * compare a quick function with its plain definition over all of them (issue 21).
 */
import { readdirSync, readFileSync } from 'node:fs';

export function teamLines(): string[] {
  const root = new URL('../../data-sets/team/', import.meta.url);
  const files = readdirSync(root).filter((f) => f.endsWith('.tsv'));
  for (const dir of readdirSync(root).filter((d) => d.startsWith('probe-')))
    for (const f of readdirSync(new URL(`${dir}/`, root))) if (f.endsWith('.tsv')) files.push(`${dir}/${f}`);
  return files.flatMap((f) =>
    readFileSync(new URL(f, root), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => (line.split('\t').pop() ?? '').replace(/\\n/g, '\n')),
  );
}
