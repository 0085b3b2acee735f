/**
 * MEMORY_REPORT: the per-stage memory lines of the main thread and the NLP worker (issue 21).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { formatStage, memoryReport } from '../../src/compose/memory-report.js';
import { startNlpThread } from '../../src/nlp/thread/nlp-thread.js';
import type { MemoryStage } from '../../src/nlp/thread/memory-stage.js';

describe('memory report', () => {
  test('MEMORY_REPORT is off unless set, and read as a boolean', () => {
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'solodesk-memory-')), APP_SECRET: 'x'.repeat(32) };
    const noFile = { dotEnvPath: join(env.DATA_DIR, 'none.env') };
    assert.equal(loadConfig(env, noFile).MEMORY_REPORT, false);
    assert.equal(loadConfig({ ...env, MEMORY_REPORT: 'true' }, noFile).MEMORY_REPORT, true);
    assert.throws(() => loadConfig({ ...env, MEMORY_REPORT: 'lots' }, noFile), /MEMORY_REPORT/);
  });

  test('off, it writes nothing; on, one line per stage with the figures in MiB', () => {
    const lines: string[] = [];
    memoryReport(false, (l) => lines.push(l))('store opened');
    assert.equal(lines.length, 0);
    memoryReport(true, (l) => lines.push(l))('store opened');
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^memory main: +store opened +rss +\d+\.\d MiB +heapUsed +\d+\.\d/);
    assert.match(lines[0]!, /arrayBuffers +\d+\.\d/);
  });

  test('the NLP worker reports its loading stages with its own heap', async () => {
    let stages: MemoryStage[] = [];
    const thread = startNlpThread({ onMemory: (s) => (stages = s) });
    try {
      await thread.ready();
      assert.deepEqual(
        stages.map((s) => s.stage),
        [
          'modules loaded',
          'classifier (intent + urgency models)',
          'drafter (templates + knowledge)',
          'warmed up',
        ],
      );
      for (const s of stages) {
        assert.equal(s.thread, 'nlp');
        assert.ok(s.rss > s.heapUsed && s.heapUsed > 0, formatStage(s));
      }
      // The intent model's weights are in the worker's heap (ArrayBuffers), not the desk's.
      assert.ok(stages[1]!.arrayBuffers > stages[0]!.arrayBuffers, formatStage(stages[1]!));
    } finally {
      await thread.close();
    }
  });

  test('without onMemory the worker measures nothing and still gets ready', async () => {
    const thread = startNlpThread({});
    try {
      await thread.ready();
      assert.equal((await thread.answer('where is my order?')).classification.intent !== undefined, true);
    } finally {
      await thread.close();
    }
  });
});
