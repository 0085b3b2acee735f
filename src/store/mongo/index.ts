/** The MongoDB store (chosen when MONGODB_URI is set): same Store port as src/store/sqlite. */
export { createMongoStore, MongoStoreError, type MongoStore, type MongoStoreOptions } from './mongo-store.js';
export { MongoConnectError, redactUri, classifyConnectError, type MongoFailure } from './connect.js';
export { COLLECTIONS } from './models.js';
