export { createSqliteStore, StoreError, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { MIGRATIONS, applyMigrations, type Migration } from './migrations.js';
