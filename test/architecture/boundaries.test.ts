/**
 * The dependency direction of ARCHITECTURE.md, checked mechanically: src/core imports nothing
 * outside itself (not even node: modules — it does no I/O of its own), and stores, consoles,
 * connectors, nlp and commands import the core and their own libraries, never each other.
 * Only the composition root (src/main.ts, src/app.ts, src/compose/) sees everything.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function files(dir: string): string[] {
  const abs = join(ROOT, dir);
  try {
    statSync(abs);
  } catch {
    return [];
  }
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|mts)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('node_modules'))
    .map((f) => join(dir, f));
}

/** Relative import specifiers (static, dynamic and re-exports) of one file, resolved to repo paths. */
export function importsOf(file: string, source: string): { spec: string; target?: string }[] {
  const specs = [
    ...source.matchAll(/\b(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g),
    ...source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
  ].map((m) => m[1] as string);
  return specs.map((spec) =>
    spec.startsWith('.')
      ? { spec, target: relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.js$/, '.ts') }
      : { spec },
  );
}

/** The zone a repo path belongs to; undefined for the composition root and support code. */
export function zoneOf(path: string): string | undefined {
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('src/core/')) return 'core';
  if (p.startsWith('src/nlp/')) return 'nlp';
  if (/^src\/store\/[^/]+\.ts$/.test(p)) return 'store-shared';
  if (p.startsWith('src/store/')) return `store/${p.split('/')[2]}`;
  if (/^src\/console\/[^/]+\.ts$/.test(p)) return 'console-shared';
  if (p.startsWith('src/console/')) return `console/${p.split('/')[2]}`;
  if (/^connectors\/[^/]+\.ts$/.test(p)) return 'connectors-shared';
  if (p.startsWith('connectors/')) return `connector/${p.split('/')[1]}`;
  if (p === 'commands/command.ts') return 'commands-shared';
  if (p.startsWith('commands/')) return 'commands';
  if (p.startsWith('src/pacing/') || p.startsWith('src/logging/')) return 'infrastructure';
  return undefined;
}

const ALLOWED: Record<string, (target: string, self: string) => boolean> = {
  core: (t) => t === 'core',
  nlp: (t) => t === 'core' || t === 'nlp',
  'store-shared': (t) => t === 'core' || t === 'store-shared',
  store: (t, self) => t === 'core' || t === 'store-shared' || t === self,
  'console-shared': (t) => t === 'core' || t === 'console-shared' || t === 'commands-shared',
  console: (t, self) => t === 'core' || t === 'console-shared' || t === 'commands-shared' || t === self,
  'connectors-shared': (t) => t === 'core' || t === 'connectors-shared',
  connector: (t, self) => t === 'core' || t === 'connectors-shared' || t === self,
  'commands-shared': (t) => t === 'core',
  commands: (t) => t === 'core' || t === 'commands' || t === 'commands-shared',
  infrastructure: (t) => t === 'core',
};

function violations(): string[] {
  const found: string[] = [];
  for (const file of [...files('src'), ...files('connectors'), ...files('commands')]) {
    const zone = zoneOf(file);
    if (!zone) continue;
    const source = readFileSync(join(ROOT, file), 'utf8');
    for (const { spec, target } of importsOf(file, source)) {
      if (zone === 'core' && !target) {
        found.push(`${file} imports package "${spec}" (src/core must stay pure)`);
        continue;
      }
      if (!target) continue;
      const targetZone = zoneOf(target) ?? `composition (${target})`;
      const rule: ((t: string, s: string) => boolean) | undefined = ALLOWED[zone.split('/')[0] as string];
      if (!rule?.(targetZone, zone)) found.push(`${file} (${zone}) imports ${spec} (${targetZone})`);
    }
  }
  return found;
}

describe('architecture boundaries', () => {
  it('no module imports across the allowed dependency direction', () => {
    assert.deepEqual(violations(), []);
  });

  it('the checker itself catches a forbidden import', () => {
    // Guards against a checker that silently passes everything.
    const probe = "import { x } from '../../connectors/email/index.js';\nimport { y } from 'pino';";
    const edges = importsOf('src/core/probe.ts', probe);
    assert.equal(edges[0]?.target, 'connectors/email/index.ts');
    assert.equal(zoneOf(edges[0]?.target ?? ''), 'connector/email');
    assert.equal(ALLOWED.core?.('connector/email', 'core'), false);
    assert.equal(edges[1]?.target, undefined, 'a package import is seen as one');
    assert.equal(ALLOWED.connector?.('connector/twilio', 'connector/email'), false);
    assert.equal(ALLOWED.console?.('console-shared', 'console/slack'), true);
  });
});
