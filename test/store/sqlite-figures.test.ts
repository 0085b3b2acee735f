import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { runFiguresContract } from '../contracts/figures-contract.js';

runFiguresContract('sqlite :memory:', async () => createSqliteStore({ file: ':memory:' }));
