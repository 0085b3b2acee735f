/**
 * In-memory databases for the MongoDB wire test server: documents per collection and
 * their indexes. Unique indexes (with partialFilterExpression / sparse) are enforced on
 * every write, answering E11000 like mongod. Queries run through mingo. Test support only.
 */
import { Query } from 'mingo';
import { BSON, type Doc } from './wire.js';

export interface IndexSpec {
  name: string;
  key: Record<string, number>;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
}

export interface Collection {
  docs: Doc[];
  indexes: IndexSpec[];
}

export const ID_INDEX: IndexSpec = { name: '_id_', key: { _id: 1 }, unique: true };

/** A server error as mongod reports it: `{ ok: 0, code, codeName, errmsg, ... }`. */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Doc = {},
  ) {
    super(message);
  }
  toReply(): Doc {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

/** Canonical text of a value (types kept: 1 ≠ '1', ObjectId ≠ string), for equality. */
export function canonical(value: unknown): string {
  return BSON.EJSON.stringify({ v: value === undefined ? null : value }, { relaxed: false });
}

export function clone<T extends Doc>(doc: T): T {
  return BSON.deserialize(BSON.serialize(doc)) as T;
}

export function getPath(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Doc)[part];
  }
  return cur;
}

function participates(doc: Doc, index: IndexSpec): boolean {
  if (index.partialFilterExpression && !new Query(index.partialFilterExpression).test(doc)) return false;
  if (index.sparse && Object.keys(index.key).every((k) => getPath(doc, k) === undefined)) return false;
  return true;
}

function keyValue(doc: Doc, index: IndexSpec): Doc {
  const out: Doc = {};
  for (const k of Object.keys(index.key)) out[k] = getPath(doc, k) ?? null;
  return out;
}

export class Databases {
  private readonly dbs = new Map<string, Map<string, Collection>>();

  db(name: string): Map<string, Collection> {
    let db = this.dbs.get(name);
    if (!db) {
      db = new Map();
      this.dbs.set(name, db);
    }
    return db;
  }

  find(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** The collection, created on first write as mongod does. */
  ensure(db: string, name: string): { coll: Collection; created: boolean } {
    const d = this.db(db);
    let coll = d.get(name);
    if (coll) return { coll, created: false };
    coll = { docs: [], indexes: [ID_INDEX] };
    d.set(name, coll);
    return { coll, created: true };
  }

  drop(db: string, name: string): Collection | undefined {
    const coll = this.dbs.get(db)?.get(name);
    this.dbs.get(db)?.delete(name);
    return coll;
  }

  dropDatabase(db: string): void {
    this.dbs.delete(db);
  }

  names(db: string): string[] {
    return [...(this.dbs.get(db)?.keys() ?? [])];
  }
}

/** Per document (documents are replaced, never mutated, once stored): index name → key text or null. */
const keyCache = new WeakMap<Doc, Map<string, string | null>>();

/** The canonical key of `doc` in `index`, or null when the document is not in the index. */
export function keyText(doc: Doc, index: IndexSpec): string | null {
  let cache = keyCache.get(doc);
  if (!cache) {
    cache = new Map();
    keyCache.set(doc, cache);
  }
  let text = cache.get(index.name);
  if (text === undefined) {
    text = participates(doc, index) ? canonical(keyValue(doc, index)) : null;
    cache.set(index.name, text);
  }
  return text;
}

/**
 * Throws E11000 if `doc` would share a unique key with another document of `coll`
 * (`self`, the document being replaced, does not count).
 */
export function checkUnique(dbName: string, collName: string, coll: Collection, doc: Doc, self?: Doc): void {
  for (const index of coll.indexes) {
    if (!index.unique) continue;
    const text = participates(doc, index) ? canonical(keyValue(doc, index)) : null;
    if (text === null) continue;
    for (const other of coll.docs) {
      if (other !== self && keyText(other, index) === text) {
        throw duplicateKey(dbName, collName, index, keyValue(doc, index));
      }
    }
  }
}

/** The stored documents matching `filter`; a plain `{ _id: value }` is looked up by key. */
export function matching(coll: Collection, filter: Doc): Doc[] {
  const keys = Object.keys(filter);
  const id = filter._id;
  const plain =
    keys.length === 1 &&
    keys[0] === '_id' &&
    (typeof id === 'string' || (id !== null && typeof id === 'object' && '_bsontype' in id));
  if (plain) {
    const text = canonical({ _id: id });
    return coll.docs.filter((d) => keyText(d, ID_INDEX) === text);
  }
  const query = new Query(filter);
  return coll.docs.filter((d) => query.test(d));
}

export function duplicateKey(dbName: string, collName: string, index: IndexSpec, key: Doc): CommandError {
  const shown = BSON.EJSON.stringify(key, { relaxed: true });
  return new CommandError(
    11000,
    'DuplicateKey',
    `E11000 duplicate key error collection: ${dbName}.${collName} index: ${index.name} dup key: ${shown}`,
    { keyPattern: index.key, keyValue: key },
  );
}

/** Adds an index; a unique one is refused (E11000) when existing documents already clash. */
export function addIndex(dbName: string, collName: string, coll: Collection, spec: IndexSpec): boolean {
  const same = coll.indexes.find((i) => i.name === spec.name);
  if (same) {
    if (canonical(same.key) !== canonical(spec.key))
      throw new CommandError(86, 'IndexKeySpecsConflict', `index ${spec.name} exists with a different key`);
    return false;
  }
  if (spec.unique) {
    const seen = new Set<string>();
    for (const doc of coll.docs) {
      if (!participates(doc, spec)) continue;
      const key = keyValue(doc, spec);
      const text = canonical(key);
      if (seen.has(text)) throw duplicateKey(dbName, collName, spec, key);
      seen.add(text);
    }
  }
  coll.indexes.push(spec);
  return true;
}
