/**
 * Builds the production code: every TypeScript file under src/, connectors/ and commands/ is
 * transpiled by esbuild into dist/ (same layout), and the files the code reads at run time
 * (the intent model, the sample knowledge base, the chat widget) are copied beside it.
 * Transpile only — `npm run typecheck` checks the types. Runs on `npm install` (prepare) and
 * takes well under a second, so `npm start` runs plain JavaScript, never a TypeScript loader.
 *
 *   node scripts/build.mjs            build
 *   node scripts/build.mjs --if-stale build only when a source is newer than the last build
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist');
const stamp = join(out, '.built');
const SOURCE_DIRS = ['src', 'connectors', 'commands'];
export const ASSETS = ['src/nlp/model', 'src/nlp/knowledge-sample', 'connectors/webchat/public'];

function walk(dir, files = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, files);
    else files.push(path);
  }
  return files;
}

const sources = SOURCE_DIRS.flatMap((d) => walk(join(root, d)));

export function isStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return sources.some((f) => statSync(f).mtimeMs > built);
}

export async function build() {
  const { build: esbuild } = await import('esbuild');
  rmSync(out, { recursive: true, force: true });
  await esbuild({
    entryPoints: sources.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')),
    outdir: out,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    logLevel: 'warning',
  });
  for (const asset of ASSETS) {
    const to = join(out, asset);
    mkdirSync(to, { recursive: true });
    cpSync(join(root, asset), to, { recursive: true });
  }
  writeFileSync(stamp, new Date().toISOString() + '\n');
  return relative(process.cwd(), out) || '.';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
  const started = performance.now();
  const dir = await build();
  console.error(`built ${dir} in ${Math.round(performance.now() - started)} ms`);
}
