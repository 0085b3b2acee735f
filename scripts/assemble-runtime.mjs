/**
 * Assembles what the Docker image's runtime stage ships as /app: the bundle (scripts/bundle.mjs)
 * and the run-time files of the native modules it keeps external, nothing else. The Dockerfile
 * runs this in its build stage and copies the result; `npm run image:estimate` and
 * test/deploy/bundle.test.ts run the same code, so the file list measured and tested here is the
 * one the image ships.
 *
 *   node scripts/assemble-runtime.mjs <dir> [--metafile <file>]
 *       bundle and assemble into <dir> (emptied first); --metafile writes esbuild's metafile
 *       (outside <dir>: the image does not ship it)
 *
 * <dir>/dist-bundle/main.js is the entry; <dir>/node_modules holds only:
 * - better-sqlite3: package.json, lib/ and build/Release/better_sqlite3.node (compiled by
 *   `npm ci` for the build stage's Node and libc); it loads the addon with `bindings`, which
 *   needs `file-uri-to-path`. Its sources, SQLite's sources and the build's objects stay behind.
 * - @resvg/resvg-js: its loader (index.js, js-binding.js) and the one prebuilt platform package
 *   that loader picks on this machine (linux-x64-musl on Alpine, linux-x64-gnu on glibc).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const modules = join(root, 'node_modules');

/** musl or glibc, as resvg's loader decides it (no glibc version in the process report: musl). */
function libc() {
  const header = /** @type {{ glibcVersionRuntime?: string }} */ (process.report.getReport().header);
  return header.glibcVersionRuntime ? 'glibc' : 'musl';
}

/** An optional platform package fits this machine when its os, cpu and libc fields all allow it. */
function fitsHere(pkg) {
  const allows = (list, value) => !list || list.includes(value);
  return allows(pkg.os, process.platform) && allows(pkg.cpu, process.arch) && allows(pkg.libc, libc());
}

/** The native modules' run-time files, as paths under node_modules/. */
export function nativeRuntimeFiles() {
  const resvgPlatform = readdirSync(join(modules, '@resvg'))
    .filter((name) => name.startsWith('resvg-js-'))
    .filter((name) =>
      fitsHere(JSON.parse(readFileSync(join(modules, '@resvg', name, 'package.json'), 'utf8'))),
    );
  if (resvgPlatform.length !== 1) {
    throw new Error(
      `expected one @resvg platform package for this machine, found: ${resvgPlatform.join(', ') || 'none'}`,
    );
  }
  const resvg = `@resvg/${resvgPlatform[0]}`;
  const resvgMain = JSON.parse(readFileSync(join(modules, resvg, 'package.json'), 'utf8')).main;
  return [
    'better-sqlite3/package.json',
    'better-sqlite3/lib',
    'better-sqlite3/build/Release/better_sqlite3.node',
    'bindings/package.json',
    'bindings/bindings.js',
    'file-uri-to-path/package.json',
    'file-uri-to-path/index.js',
    '@resvg/resvg-js/package.json',
    '@resvg/resvg-js/index.js',
    '@resvg/resvg-js/js-binding.js',
    `${resvg}/package.json`,
    `${resvg}/${resvgMain}`,
  ];
}

/** Bundles into <dir>/dist-bundle and copies the native run-time files into <dir>/node_modules. */
export async function assembleRuntime(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const metafile = await bundle(join(dir, 'dist-bundle'));
  for (const file of nativeRuntimeFiles()) {
    const from = join(modules, file);
    if (!existsSync(from)) throw new Error(`missing native run-time file: node_modules/${file}`);
    cpSync(from, join(dir, 'node_modules', file), { recursive: true });
  }
  // Their licence files too (the bundled packages' are in dist-bundle/THIRD-PARTY-LICENSES.txt).
  const packages = nativeRuntimeFiles()
    .filter((f) => f.endsWith('/package.json'))
    .map((f) => f.slice(0, -'/package.json'.length));
  for (const pkg of packages) {
    for (const file of readdirSync(join(modules, pkg)).filter((f) => /^(licen[cs]e|copying)/i.test(f))) {
      cpSync(join(modules, pkg, file), join(dir, 'node_modules', pkg, file));
    }
  }
  return metafile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [target, flag, metafile] = process.argv.slice(2);
  if (!target || (flag !== undefined && (flag !== '--metafile' || !metafile))) {
    console.error('usage: node scripts/assemble-runtime.mjs <dir> [--metafile <file>]');
    process.exit(2);
  }
  const meta = await assembleRuntime(resolve(target));
  if (metafile) writeFileSync(resolve(metafile), JSON.stringify(meta));
  console.error(`assembled ${target}: dist-bundle/ and the native modules' run-time files`);
}
