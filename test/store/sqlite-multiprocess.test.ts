import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { at, conversation, customer, identity, job, outbound } from '../contracts/store-fixtures.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'solodesk-claims-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const child = fileURLToPath(new URL('./fixtures/claim-child.ts', import.meta.url));

describe('sqlite store across processes', () => {
  it('three processes claiming from one file never claim a job twice, and claim them all', async (t) => {
    const file = join(dir, 'claims.db');
    const store = createSqliteStore({ file });
    const c = customer();
    await store.createCustomer(c, identity());
    const conv = conversation(c.id);
    await store.createConversation(conv);
    const ids: string[] = [];
    for (let i = 0; i < 600; i += 1) {
      const msg = outbound(conv);
      const j = job(msg, { nextAttemptAt: at(i % 7) });
      await store.enqueue(msg, j);
      ids.push(j.id);
    }
    await store.close();

    const startAt = String(Date.now() + 5000);
    const outputs = await Promise.all(
      ['p1', 'p2', 'p3'].map((owner) =>
        run(process.execPath, ['--import', 'tsx', child, file, owner, startAt], { timeout: 90_000 }),
      ),
    );
    const claims = outputs.map((o) => JSON.parse(o.stdout) as string[]);
    t.diagnostic(`claimed per process: ${claims.map((c) => c.length).join(', ')}`);
    const all = claims.flat();
    assert.equal(new Set(all).size, all.length, 'no job claimed by two processes');
    assert.deepEqual([...all].sort(), [...ids].sort(), 'every job claimed');

    const reopened = createSqliteStore({ file });
    try {
      for (const id of ids.slice(0, 10)) assert.equal((await reopened.getJob(id))?.status, 'sent');
    } finally {
      await reopened.close();
    }
  });
});
