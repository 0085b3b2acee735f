/**
 * The one-click deploy descriptors (fly.toml, render.yaml) and the Dockerfile agree with the
 * desk: their variables pass the desk's own config validation, the port, health path and data
 * folder match, and the Dockerfile copies what exists and runs what the build produces.
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

  it('Dockerfile: copies only paths that exist and runs the compiled entry the build writes', () => {
    const docker = read('Dockerfile');
    for (const m of docker.matchAll(/^COPY (?!--from)(.+) \.\/\S*$/gm)) {
      for (const path of m[1]!.split(/\s+/)) assert.ok(existsSync(join(ROOT, path)), `COPY ${path}`);
    }
    const cmd = /^CMD \["node", (?:"--[a-z-]+", )*"([^"]+)"\]/m.exec(docker);
    assert.ok(cmd, 'CMD runs node on a file');
    assert.match(cmd[1]!, /^dist\/src\/main\.js$/);
    assert.match(read('scripts/build.mjs'), /outdir: out/);
    assert.ok(existsSync(join(ROOT, 'src/main.ts')), 'dist/src/main.js is built from src/main.ts');
  });
});
