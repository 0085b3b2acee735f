/**
 * The bundled build the Docker image runs: scripts/assemble-runtime.mjs (the same command the
 * Dockerfile's build stage runs) bundles the desk into a temporary /app with only the native
 * modules' run-time files beside it, and the bundle is RUN from there, with nothing configured:
 * /health, /query (on the NLP worker), the chat widget, page and socket, and `stats` with its
 * chart (vega, vega-lite and resvg, loaded lazily). Every lazily imported chunk is imported,
 * and the platform SDKs are checked to stay out of what main.js loads at start.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { freePort } from '../support/free-port.js';
import { tempDir } from '../support/test-config.js';
import { assembleApp, ROOT, startBundle, type Metafile, type Running } from './bundle-support.js';

/** SDKs that must load only when configured or first used (their chunks are imported lazily). */
const LAZY_PACKAGES = [
  'discord.js',
  'twilio',
  'mongoose',
  'mongodb',
  '@slack/bolt',
  'imapflow',
  'nodemailer',
  'vega',
  'vega-lite',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the bundled build (what the Docker image runs)', () => {
  let app = '';
  let meta: Metafile;
  /** Output file (as esbuild names it, relative to ROOT) → absolute path. */
  const abs = (output: string) => join(ROOT, output);
  const mainKey = () => Object.keys(meta.outputs).find((k) => k.endsWith('/dist-bundle/main.js'))!;

  before(() => {
    ({ app, meta } = assembleApp());
  });

  it('ships the bundle and only the native modules beside it', () => {
    assert.ok(existsSync(join(app, 'dist-bundle/main.js')));
    assert.ok(
      existsSync(join(app, 'dist-bundle/src/nlp/thread/nlp-worker.js')),
      'the worker entry nlp-thread starts',
    );
    assert.ok(existsSync(join(app, 'dist-bundle/src/nlp/model/intent-model.json')), 'the intent model');
    // The Unicode licence asks for its notice with every copy of the data the Chinese table came from.
    const licences = readFileSync(join(app, 'dist-bundle/THIRD-PARTY-LICENSES.txt'), 'utf8');
    assert.match(licences, /Traditional -> Simplified table[\s\S]*Copyright © 1991-\d{4} Unicode, Inc\./);
    assert.deepEqual(readdirSync(join(app, 'node_modules')).sort(), [
      '@resvg',
      'better-sqlite3',
      'bindings',
      'file-uri-to-path',
    ]);
  });

  it('keeps the platform SDKs and the chart renderers out of what main.js loads at start', () => {
    const seen = new Set([mainKey()]);
    const stack = [mainKey()];
    while (stack.length) {
      for (const i of meta.outputs[stack.pop()!]!.imports) {
        if (i.kind === 'import-statement' && meta.outputs[i.path] && !seen.has(i.path)) {
          seen.add(i.path);
          stack.push(i.path);
        }
      }
    }
    const loaded = [...seen].flatMap((o) => Object.keys(meta.outputs[o]!.inputs));
    for (const pkg of LAZY_PACKAGES) {
      const hit = loaded.find((input) => input.includes(`node_modules/${pkg}/`));
      assert.equal(hit, undefined, `${pkg} is loaded at start (${hit})`);
    }
    // …and each of them is in the bundle, in a chunk imported lazily.
    const all = Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs));
    for (const pkg of LAZY_PACKAGES) {
      assert.ok(
        all.some((input) => input.includes(`node_modules/${pkg}/`)),
        `${pkg} is not in the bundle`,
      );
    }
  });

  it('imports every lazily imported chunk, and the native modules from the shipped files', () => {
    const lazy = new Set<string>();
    for (const o of Object.values(meta.outputs)) {
      for (const i of o.imports) if (i.kind === 'dynamic-import' && !i.external) lazy.add(abs(i.path));
    }
    assert.ok(lazy.size >= 10, `only ${lazy.size} lazy chunks`);
    // One process, from the assembled /app: what a chunk needs must be there (or be optional).
    const script = `
      import { createRequire } from 'node:module';
      for (const file of ${JSON.stringify([...lazy])}) await import(file);
      const require = createRequire(${JSON.stringify(join(app, 'dist-bundle/main.js'))});
      const Database = require('better-sqlite3');
      const db = new Database(':memory:');
      if (db.prepare('select 41 + 1 as n').get().n !== 42) throw new Error('sqlite');
      const { Resvg } = require('@resvg/resvg-js');
      const png = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>').render().asPng();
      if (png.subarray(1, 4).toString() !== 'PNG') throw new Error('resvg');
      console.log('loaded ' + ${lazy.size} + ' chunks');
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: app,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`loaded ${lazy.size} chunks`));
  });

  it("the image's fonts.conf is what lets resvg find the chart's fonts under /usr/share/fonts", () => {
    // The image has font files but no fontconfig package; resvg finds fonts only through a
    // fontconfig file. With docker/fonts.conf text renders, with no file at all it does not.
    // (Needs DejaVu Sans under /usr/share/fonts: scripts/install-test-deps.sh installs it.)
    const dark = (fontconfigFile: string) => {
      const script = `
        const { Resvg } = require(${JSON.stringify(join(app, 'node_modules/@resvg/resvg-js'))});
        const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" font-family="DejaVu Sans" font-size="20">Conversations</text></svg>';
        const { pixels } = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: 'white' }).render();
        let dark = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) dark++;
        console.log(dark);
      `;
      const run = spawnSync(process.execPath, ['-e', script], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', FONTCONFIG_FILE: fontconfigFile },
      });
      assert.equal(run.status, 0, run.stderr);
      return Number(run.stdout.trim());
    };
    assert.ok(dark(join(ROOT, 'docker/fonts.conf')) > 100, 'text rendered with the image fonts.conf');
    assert.equal(dark(join(app, 'no-fonts.conf')), 0, 'without a fontconfig file resvg finds no font');
  });

  describe('running, with nothing configured', () => {
    let port = 0;
    let desk: Running;
    const output = () => desk.output();
    const url = (path: string) => `http://127.0.0.1:${port}${path}`;

    before(async () => {
      port = await freePort();
      desk = await startBundle(
        app,
        {
          PORT: String(port),
          DATA_DIR: tempDir(),
          // The terminal console reads stdin: how the test types `stats`.
          TERMINAL_CONSOLE: 'on',
          NLP_THREAD: 'on',
        },
        port,
      );
    });

    after(() => desk.stop());

    it('answers POST /query from the NLP worker', async () => {
      const res = await fetch(url('/query'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '我需要通过电子邮件查询订单状态。' }),
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { recommendedChannel: string; intent: string; reply: string };
      assert.equal(body.recommendedChannel, 'email');
      assert.equal(body.intent, 'order');
      assert.ok(body.reply.length > 0);
    });

    it('serves the chat widget and page, and the chat socket takes a message', async () => {
      const widget = await fetch(url('/chat/widget.js'));
      assert.equal(widget.status, 200);
      assert.match(await widget.text(), /^\(function \(\) \{\n'use strict';/);
      const page = await fetch(url('/chat/demo'));
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<script[^>]+\/chat\/widget\.js/);

      const ws = new WebSocket(`ws://127.0.0.1:${port}/chat/ws`, { origin: `http://localhost:${port}` });
      const frames: { type: string; status?: string }[] = [];
      ws.on('message', (d) => frames.push(JSON.parse(String(d)) as { type: string }));
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const frame = async (type: string) => {
        for (let i = 0; i < 100; i++) {
          const f = frames.find((x) => x.type === type);
          if (f) return f;
          await sleep(50);
        }
        assert.fail(`no ${type} frame: ${JSON.stringify(frames)}`);
      };
      ws.send(JSON.stringify({ type: 'hello' }));
      await frame('welcome');
      ws.send(JSON.stringify({ type: 'message', id: 'bundle-test-1', text: 'Where is my order 12345?' }));
      assert.equal((await frame('ack')).status, 'stored');
      ws.close();
    });

    it('runs `stats` with a conversation in the period: figures and the chart, no error', async () => {
      // The chat message above opened a conversation today, so `stats` renders the chart
      // (vega-lite → vega → SVG → resvg → PNG); a failure there is printed as "✗ …".
      for (let i = 0; i < 100 && !/Visitor \w+/.test(output()); i++) await sleep(50);
      const before = output().length;
      desk.child.stdin!.write('stats\n');
      for (let i = 0; i < 300 && !/E needs|E = C × T × P/.test(output().slice(before)); i++) await sleep(50);
      const printed = output().slice(before);
      assert.match(printed, /Conversations: 1 /, printed);
      assert.doesNotMatch(printed, /✗/, printed);
    });
  });
});
