import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCommands } from '../../commands/index.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { seedDemo } from '../../scripts/seed-demo.js';
import { runFiguresContract } from '../contracts/figures-contract.js';
import { mongoTarget } from '../support/mongo-wire/target.js';

const target = mongoTarget();
runFiguresContract(`mongodb (${target.kind === 'real' ? 'MONGODB_URI' : 'wire test server'})`, () =>
  target.make(),
);

describe(`/cs stats on the MongoDB store (${target.kind})`, () => {
  it('answers exactly as on the embedded store for the same history', async () => {
    const now = new Date('2026-11-26T00:00:00Z');
    const seed = { customers: 15, days: 20, seed: 3, now };
    const clock = { now: () => new Date(now.getTime() + 6 * 3600_000) };
    const owner = { console: 'test', userId: 'me' };
    const mongo = await target.make();
    const sqlite = createSqliteStore({ file: ':memory:' });
    try {
      await mongo.migrate();
      await seedDemo(mongo, seed);
      await seedDemo(sqlite, seed);
      for (const args of [['30d'], ['7d'], ['today'], ['30d', 'email']]) {
        const run = (figures: typeof mongo | typeof sqlite) =>
          createCommands({ figures, clock, tz: 'Asia/Shanghai', chart: false })[0]!.run(args, owner);
        const [m, s] = [await run(mongo), await run(sqlite)];
        assert.deepEqual(m, s, `/cs stats ${args.join(' ')}`);
        const customers = m.sections.flatMap((x) => x.fields).find((f) => f.label === 'Customers (C)')?.value;
        if (args.length === 1 && args[0] !== 'today') assert.ok(Number(customers) > 0, 'a non-empty history');
      }
    } finally {
      await mongo.close();
      await sqlite.close();
    }
  });
});
