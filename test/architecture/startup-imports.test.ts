/**
 * What the desk's main thread loads at start with nothing configured: the modules reachable from
 * src/main.ts by static imports (a dynamic `import()` runs only when its platform is configured
 * or its feature used). The NLP models and platform SDKs must not be among them — the models
 * live on the NLP worker (one copy), the SDKs load when their variables are set (issue 21).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Packages that cost megabytes and are not needed by an idle desk with nothing configured. */
const HEAVY = [
  'wink-nlp',
  'wink-eng-lite-web-model',
  'franc',
  'libphonenumber-js',
  '@slack/bolt',
  '@slack/web-api',
  'discord.js',
  'twilio',
  'mongoose',
  'mongodb',
  'imapflow',
  'nodemailer',
  'mailparser',
  'html-to-text',
  'vega',
  'vega-lite',
  '@resvg/resvg-js',
];

/** Static imports and re-exports that load code (not `import type` / `export type`). */
export function staticImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?\bfrom\s*)?['"]([^'"]+)['"]/gm)) {
    if (m[2]) continue; // `import type …` is erased
    if (m[1] === 'export' && !m[3]) continue;
    out.push(m[4] as string);
  }
  return out;
}

const packageOf = (spec: string) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);

/** Every package the files reachable from `entry` import statically, with one path to each. */
export function startupPackages(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const via = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift() as string;
    const source = readFileSync(resolve(ROOT, file), 'utf8');
    for (const spec of staticImports(source)) {
      if (spec.startsWith('node:')) continue;
      if (!spec.startsWith('.')) {
        const name = packageOf(spec);
        if (!packages.has(name)) packages.set(name, [...(via.get(file) ?? []), spec]);
        continue;
      }
      const target = relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.js$/, '.ts');
      if (via.has(target) || !existsSync(resolve(ROOT, target))) continue;
      via.set(target, [...(via.get(file) ?? []), target]);
      queue.push(target);
    }
  }
  return packages;
}

describe('what the main thread loads at start', () => {
  it('no NLP model or platform SDK is imported statically from src/main.ts', () => {
    const packages = startupPackages('src/main.ts');
    // The walk found the desk's own always-on libraries, so it followed the imports.
    assert.ok(packages.has('express') && packages.has('zod'), [...packages.keys()].join(', '));
    const heavy = HEAVY.filter((p) => packages.has(p)).map((p) => packages.get(p)!.join(' → '));
    assert.deepEqual(heavy, [], `loaded at start:\n${heavy.join('\n')}`);
  });

  it('a configured email connector loads its mail parsers with the first mail, not at start', () => {
    const packages = startupPackages('connectors/email/index.ts');
    assert.ok(packages.has('imapflow'), [...packages.keys()].join(', '));
    for (const lazy of ['mailparser', 'html-to-text'])
      assert.equal(packages.get(lazy)?.join(' → '), undefined);
  });

  it('the walk sees through a re-export and ignores type-only imports', () => {
    assert.deepEqual(
      staticImports(
        [
          "import type { A } from 'wink-nlp';",
          "export type { B } from './b.js';",
          "export { c } from './c.js';",
          "import d, { type E } from 'franc';",
          "const f = await import('twilio');",
        ].join('\n'),
      ),
      ['./c.js', 'franc'],
    );
  });
});
