import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { runFiguresContract } from '../contracts/figures-contract.js';

runFiguresContract('sqlite :memory:', async () => createSqliteStore({ file: ':memory:' }));
// Large periods take medians by walking the duration indexes instead of sorting: same answers.
runFiguresContract('sqlite, index-walk path', async () =>
  createSqliteStore({ file: ':memory:', figuresSortLimit: 0 }),
);
