/**
 * Where the MongoDB store's tests run: the real server named by MONGODB_URI when it is
 * set (each store gets its own database, dropped when the store closes), otherwise the
 * in-process wire test server. Test support only.
 */
import { after } from 'node:test';
import { createMongoStore, type MongoStore } from '../../../src/store/mongo/index.js';
import { startMongoWire, type MongoWireServer } from './server.js';

export interface MongoTarget {
  /** `real` when MONGODB_URI is set. */
  readonly kind: 'real' | 'wire';
  uri(): Promise<string>;
  /** A store on a fresh database; closing it drops that database first. */
  make(): Promise<MongoStore>;
  /** The server's URI with `dbName` as its database (for MONGODB_URI in a desk's config). */
  uriFor(dbName: string): Promise<string>;
  /** A fresh database name. */
  freshName(): string;
  /** The wire server (undefined against a real server). */
  wire(): Promise<MongoWireServer | undefined>;
}

let seq = 0;
const freshName = () => `solodesk_test_${process.pid}_${Date.now().toString(36)}_${(seq += 1)}`;

export function mongoTarget(): MongoTarget {
  const real = process.env.MONGODB_URI;
  let server: Promise<MongoWireServer> | undefined;
  const wire = () => (server ??= startMongoWire());
  after(async () => {
    if (server) await (await server).close();
  });
  const uri = async () => real ?? (await wire()).uri;
  return {
    kind: real ? 'real' : 'wire',
    uri,
    wire: async () => (real ? undefined : wire()),
    freshName,
    async uriFor(dbName) {
      const u = new URL(await uri()); // single-host mongodb:// and mongodb+srv:// URIs parse as URLs
      u.pathname = `/${dbName}`;
      return u.toString();
    },
    async make() {
      const dbName = freshName();
      const store = await createMongoStore({ uri: await uri(), dbName, serverSelectionTimeoutMS: 5000 });
      const close = store.close.bind(store);
      let dropped = false;
      store.close = async () => {
        if (!dropped) {
          dropped = true;
          await store.connection.dropDatabase().catch(() => undefined);
        }
        await close();
      };
      return store;
    },
  };
}
