/**
 * The one-click deploy descriptors (fly.toml, render.yaml) and the Dockerfile agree with the
 * desk: their variables pass the desk's own config validation, the port, health path and data
 * folder match, and the Dockerfile copies what exists and runs what its build stage assembles.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { load as loadYaml } from 'js-yaml';
import { loadConfig } from '../../src/config.js';
import { tempDir } from '../support/test-config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (name: string) => readFileSync(join(ROOT, name), 'utf8');

/** The subset of TOML fly.toml uses: [table], [[array-table]], key = "string" | number | bool. */
function parseFlyToml(text: string): Map<string, Record<string, string>> {
  const tables = new Map<string, Record<string, string>>();
  let current = '';
  tables.set(current, {});
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const table = /^\[\[?([^\]]+)\]\]?$/.exec(line);
    if (table) {
      current = table[1]!.trim();
      if (!tables.has(current)) tables.set(current, {});
      continue;
    }
    const kv = /^([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|(\S+))$/.exec(line);
    assert.ok(kv, `fly.toml: cannot read "${line}"`);
    tables.get(current)![kv[1]!] = kv[2] ?? kv[3]!;
  }
  return tables;
}

function configFrom(env: Record<string, string>) {
  // The platform's own values plus what the owner sets as secrets (a real public URL).
  return loadConfig(
    { PUBLIC_URL: 'https://desk.example.com', ...env, DATA_DIR: tempDir() },
    { dotEnvPath: '/nonexistent/.env' },
  );
}

describe('deploy descriptors', () => {
  it('fly.toml: a 256 MB machine, a volume on DATA_DIR, health on the desk port, valid variables', () => {
    const fly = parseFlyToml(read('fly.toml'));
    const env = fly.get('env')!;
    const config = configFrom(env);
    assert.equal(fly.get('mounts')!.destination, env.DATA_DIR);
    assert.equal(Number(fly.get('http_service')!.internal_port), config.PORT);
    assert.equal(fly.get('http_service.checks')!.path, '/health');
    assert.equal(fly.get('vm')!.memory, '256mb');
    assert.equal(fly.get('build')!.dockerfile, 'Dockerfile');
  });

  it('render.yaml: a Docker web service with a disk on DATA_DIR and valid variables', () => {
    const doc = loadYaml(read('render.yaml')) as {
      services: {
        runtime: string;
        dockerfilePath: string;
        healthCheckPath: string;
        envVars: { key: string; value?: string; sync?: boolean }[];
        disk: { mountPath: string };
      }[];
    };
    const service = doc.services[0]!;
    assert.equal(service.runtime, 'docker');
    assert.ok(existsSync(join(ROOT, service.dockerfilePath)));
    assert.equal(service.healthCheckPath, '/health');
    const env = Object.fromEntries(
      service.envVars.filter((v) => v.value !== undefined).map((v) => [v.key, v.value!]),
    );
    configFrom(env);
    assert.equal(service.disk.mountPath, env.DATA_DIR);
    assert.ok(
      service.envVars.some((v) => v.key === 'PUBLIC_URL' && v.sync === false),
      'PUBLIC_URL is asked for',
    );
  });

  it('Dockerfile: copies what exists, assembles the bundle, ships /runtime and runs its entry', () => {
    const docker = read('Dockerfile');
    const at = docker.search(/^FROM .* AS runtime$/m);
    assert.ok(at > 0, 'a runtime stage');
    const [build, runtime] = [docker.slice(0, at), docker.slice(at)];
    // Every path copied from the context exists; every script the build runs is copied, and so is
    // every local module those scripts import.
    const copied = new Set<string>();
    for (const m of docker.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const path of m[1]!.split(/\s+/)) {
        assert.ok(existsSync(join(ROOT, path)), `COPY ${path}`);
        copied.add(path);
      }
    }
    const run = [...build.matchAll(/\bnode (scripts\/\S+\.mjs)/g)].map((m) => m[1]!);
    assert.ok(run.includes('scripts/assemble-runtime.mjs'), 'the build stage assembles the runtime');
    const needed = [...run, 'scripts/build.mjs']; // build.mjs: npm ci's prepare
    for (let i = 0; i < needed.length; i++) {
      const script = needed[i]!;
      assert.ok(copied.has(script), `${script} is run or imported in the build stage but not copied`);
      for (const m of read(script).matchAll(/^import .* from '\.\/([^']+)';$/gm)) {
        if (!needed.includes(`scripts/${m[1]}`)) needed.push(`scripts/${m[1]}`);
      }
    }
    // The runtime stage: plain Alpine (no npm), the assembled folder as /app, node on its entry.
    assert.match(runtime, /^FROM alpine:/m);
    const target = /node scripts\/assemble-runtime\.mjs (\S+)/.exec(build)![1]!;
    assert.match(runtime, /^WORKDIR \/app$/m);
    assert.ok(runtime.includes(`COPY --from=build ${target} ./`), `the runtime copies ${target} to /app`);
    assert.match(runtime, /^COPY --from=build \/usr\/local\/bin\/node \/usr\/local\/bin\/node$/m);
    // The chart's fonts: files under /usr/share/fonts and the fontconfig file resvg reads to find
    // them (bundle.test.ts checks that file makes resvg find fonts).
    assert.match(runtime, /^COPY --from=build \/fonts \/usr\/share\/fonts\/\S+$/m);
    assert.match(runtime, /^COPY docker\/fonts\.conf \/etc\/fonts\/fonts\.conf$/m);
    assert.doesNotMatch(runtime, /\b(npm|npx|yarn|corepack)\b/, 'nothing in the runtime stage needs npm');
    const cmd = /^CMD \["node", (?:"--[a-z-]+", )*"([^"]+)"\]/m.exec(runtime);
    assert.ok(cmd, 'CMD runs node on a file');
    assert.match(runtime, /^HEALTHCHECK [\s\S]*?CMD node -e /m);
    // assemble-runtime bundles into <dir>/dist-bundle, where bundle.mjs writes main.js for
    // src/main.ts (test/deploy/bundle.test.ts runs exactly that entry from an assembled folder).
    assert.equal(cmd[1], 'dist-bundle/main.js');
    assert.match(read('scripts/assemble-runtime.mjs'), /bundle\(join\(dir, 'dist-bundle'\)\)/);
    assert.match(read('scripts/bundle.mjs'), /main: 'src\/main\.ts'/);
    assert.match(read('scripts/bundle.mjs'), /entryNames: '\[name\]'/);
    // Non-root, data on the volume the descriptors mount.
    assert.match(runtime, /^USER node$/m);
    assert.match(runtime, /^VOLUME \["\/data"\]$/m);
    assert.match(runtime, /DATA_DIR=\/data\b/);
  });
});
