/**
 * The licences of the packages inside the bundle. Bundling drops their LICENSE files (and
 * esbuild's legalComments: 'none' their licence comments), so the texts are gathered into one
 * file beside the bundle, THIRD-PARTY-LICENSES.txt, as the licences of those packages ask.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.|-|$)/i;

/** The package folders (…/node_modules/name) the metafile's inputs come from. */
function packageDirs(metafile) {
  const marker = `${sep}node_modules${sep}`;
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const path = resolve(input);
    const at = path.lastIndexOf(marker);
    if (at < 0) continue;
    const rest = path.slice(at + marker.length).split(sep);
    const name = rest[0].startsWith('@') ? rest.slice(0, 2).join(sep) : rest[0];
    dirs.add(path.slice(0, at + marker.length) + name);
  }
  return [...dirs];
}

/** Data inside our own sources that came from elsewhere, with the notice its licence asks for. */
const DATA_NOTICES = [
  {
    source: 'src/nlp/traditional-table.ts',
    id: 'Traditional -> Simplified table (ICU / Unicode data)',
    notice: 'src/nlp/traditional-table.LICENSE.txt',
  },
];

/** Writes <out>/THIRD-PARTY-LICENSES.txt; returns how many packages and data notices it lists. */
export function writeLicenses(metafile, out) {
  const entries = [];
  const inputs = Object.keys(metafile.inputs).map((input) => input.split(sep).join('/'));
  for (const data of DATA_NOTICES) {
    if (!inputs.some((input) => input.endsWith(data.source))) continue;
    const notice = readFileSync(new URL(`../${data.notice}`, import.meta.url), 'utf8').trim();
    entries.push({ id: data.id, text: `${data.id}\n\n${notice}` });
  }
  for (const dir of packageDirs(metafile)) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => LICENSE_FILE.test(f)) : [];
    const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
    const license = typeof pkg.license === 'string' ? pkg.license : JSON.stringify(pkg.license ?? 'unknown');
    entries.push({
      id: `${pkg.name}@${pkg.version}`,
      text: `${pkg.name}@${pkg.version} (${license})\n\n${texts.join('\n\n') || '(no licence file in the package)'}`,
    });
  }
  entries.sort((a, b) => a.id.localeCompare(b.id));
  const unique = entries.filter((e, i) => i === 0 || e.id !== entries[i - 1].id);
  const rule = `\n\n${'='.repeat(78)}\n\n`;
  writeFileSync(
    join(out, 'THIRD-PARTY-LICENSES.txt'),
    `Packages and data bundled into this folder and their licences.${rule}${unique.map((e) => e.text).join(rule)}\n`,
  );
  return unique.length;
}
