/**
 * The bundled production build (the Docker image runs it): src/main.ts and the NLP worker with
 * every pure-JavaScript dependency bundled by esbuild into a few dozen ES module files, so the
 * image ships no node_modules but the native modules. Lazily imported code (platform SDKs,
 * mongoose, the chart renderers) stays lazy: each dynamic import() becomes its own chunk.
 *
 * What bundling changes, and how it is kept working:
 * - Files read at run time are found with `new URL('./x', import.meta.url)`. Every output file
 *   sits at the bundle's root, so in our own sources `import.meta.url` is rewritten to the URL
 *   the file would have in the transpiled layout (dist/), and the assets are copied to the same
 *   places as the transpiled layout had them: `src/nlp/model/…` resolves as it does in dist/.
 * - The NLP worker is started from `src/nlp/thread/nlp-worker.js` beside nlp-thread; a one-line
 *   module there imports the bundled worker entry.
 * - CommonJS dependencies call require() for Node built-ins and optional packages: a banner
 *   gives every output file a real `require` (createRequire), `__filename` and `__dirname`.
 * - Native modules, optional packages that are not installed and dev-only packages stay
 *   external (NATIVE, OPTIONAL, devOnlyPackages below); scripts/assemble-runtime.mjs ships the
 *   native ones beside the bundle.
 * - Large JSON files of dependencies are read at run time from json/ rather than inlined
 *   (largeJsonPlugin: inlined, wink's model cost ~30 MB more resident memory).
 * - The bundled packages' licence texts go to THIRD-PARTY-LICENSES.txt (bundle-licenses.mjs).
 *
 *   node scripts/bundle.mjs [outdir]    build into outdir (default dist-bundle/)
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ASSETS } from './assets.mjs';
import { writeLicenses } from './bundle-licenses.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Native addons: kept external and shipped as files (see assemble-runtime.mjs). */
export const NATIVE = ['better-sqlite3', '@resvg/resvg-js'];

/**
 * Optional packages our dependencies require() inside try/catch or only when a feature we do
 * not use is configured (compression for discord.js and ws, MongoDB's Kerberos, client-side
 * encryption, AWS/GCP authentication, SOCKS proxies). The ones not installed stay external:
 * they fail at run time exactly as they do in node_modules, and the dependency falls back. One
 * that is installed (socks is, for imapflow) is bundled like any dependency.
 */
export const OPTIONAL = [
  'zlib-sync',
  'bufferutil',
  'utf-8-validate',
  'kerberos',
  'snappy',
  'mongodb-client-encryption',
  '@mongodb-js/zstd',
  'aws4',
  'gcp-metadata',
  'socks',
  '@aws-sdk/credential-providers',
  'pino-pretty',
];

/**
 * Packages installed only as dev dependencies (package-lock.json), which some dependencies
 * require() inside try/catch (debug asks for supports-color). The image's build stage installs
 * without dev dependencies: kept external here too, the bundle is the same in both places.
 */
export function devOnlyPackages() {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const dev = new Set();
  const prod = new Set();
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    const name = path.split('node_modules/').pop();
    if (!path || !name) continue;
    (entry.dev ? dev : prod).add(name);
  }
  return [...dev].filter((name) => !prod.has(name));
}

export const ENTRIES = { main: 'src/main.ts', 'nlp-worker': 'src/nlp/thread/nlp-worker.ts' };

/** Where nlp-thread.ts looks for the worker, relative to the bundle's root (as in dist/). */
const WORKER_STUB = 'src/nlp/thread/nlp-worker.js';

const BANNER = [
  "import { createRequire as __bundleRequire } from 'node:module';",
  "import { fileURLToPath as __bundlePath } from 'node:url';",
  "import { dirname as __bundleDirname } from 'node:path';",
  'const require = __bundleRequire(import.meta.url);',
  'const __filename = __bundlePath(import.meta.url);',
  'const __dirname = __bundleDirname(__filename);',
].join('\n');

const OWN_SOURCES = ['src', 'connectors', 'commands'].map((d) => join(root, d) + sep);

/** In our sources, `import.meta.url` → the file's URL in the dist/ layout, under the bundle root. */
const metaUrlPlugin = {
  name: 'import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!OWN_SOURCES.some((d) => args.path.startsWith(d))) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
      const asJs = relative(root, args.path).split(sep).join('/').replace(/\.ts$/, '.js');
      const url = `new URL(${JSON.stringify('./' + asJs)}, import.meta.url).href`;
      return { contents: source.replace(/\bimport\.meta\.url\b/g, `(${url})`), loader: 'ts' };
    });
  },
};

/**
 * Large JSON files of dependencies (wink's English model, ~3.7 MB): bundled as JavaScript
 * object literals they would stay in memory twice, as source text and as the parsed objects,
 * on both threads. They are copied beside the bundle instead (json/) and parsed at run time,
 * as `require()` of a .json file does in node_modules.
 */
const LARGE_JSON = 32 * 1024;
function largeJsonPlugin(out) {
  return {
    name: 'large-json',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.json$/ }, (args) => {
        if (statSync(args.path).size < LARGE_JSON) return undefined;
        // The path below the first node_modules/ (nested copies keep their parents' names).
        const name = args.path.split(`${sep}node_modules${sep}`).slice(1).join('__').split(sep).join('__');
        mkdirSync(join(out, 'json'), { recursive: true });
        copyFileSync(args.path, join(out, 'json', name));
        // __dirname (the banner's) is the bundle root: every output file sits there.
        const file = `require('node:path').join(__dirname, 'json', ${JSON.stringify(name)})`;
        return {
          contents: `module.exports = JSON.parse(require('node:fs').readFileSync(${file}, 'utf8'));`,
          loader: 'js',
        };
      });
    },
  };
}

/** Builds the bundle into `out` (emptied first). Returns esbuild's metafile. */
export async function bundle(out = join(root, 'dist-bundle')) {
  const { build } = await import('esbuild');
  rmSync(out, { recursive: true, force: true });
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(root, file)])),
    outdir: out,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Whitespace and syntax only: identifiers keep their names, so stack traces in the logs stay
    // readable and libraries that look at constructor names (mongoose, bson) keep working.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    external: [
      ...NATIVE,
      ...OPTIONAL.filter((name) => !existsSync(join(root, 'node_modules', name))),
      ...devOnlyPackages(),
    ],
    banner: { js: BANNER },
    plugins: [metaUrlPlugin, largeJsonPlugin(out)],
    metafile: true,
    logLevel: 'warning',
  });
  for (const asset of ASSETS) {
    const to = join(out, asset);
    mkdirSync(to, { recursive: true });
    cpSync(join(root, asset), to, { recursive: true });
  }
  const stub = join(out, WORKER_STUB);
  mkdirSync(join(stub, '..'), { recursive: true });
  const back = WORKER_STUB.split('/')
    .slice(1)
    .map(() => '..')
    .join('/');
  writeFileSync(stub, `import '${back}/nlp-worker.js';\n`);
  // The bundle is ESM whatever package.json is beside it.
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  writeLicenses(result.metafile, out);
  return result.metafile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const started = performance.now();
  const meta = await bundle(out);
  const files = Object.keys(meta.outputs).length;
  const bytes = Object.values(meta.outputs).reduce((n, o) => n + o.bytes, 0);
  const where = relative(process.cwd(), out ?? join(root, 'dist-bundle')) || '.';
  console.error(
    `bundled ${where}: ${files} files, ${(bytes / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`,
  );
  if (!existsSync(join(out ?? join(root, 'dist-bundle'), 'main.js'))) process.exit(1);
}
