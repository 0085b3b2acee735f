/**
 * Read commands of the wire test server: find / getMore / killCursors, aggregate, count,
 * distinct, and the index and collection admin commands. Results larger than the batch
 * size are served through cursors, as mongod does (first batch 101 by default). Test
 * support only.
 */
import { aggregate as runPipeline, find as runFind, ProcessingMode, Query } from 'mingo';
import {
  addIndex,
  canonical,
  clone,
  CommandError,
  getPath,
  type Databases,
  type IndexSpec,
} from './collections.js';
import { BSON, type Doc } from './wire.js';

type Ctx = { dbs: Databases; db: string; cursors: Cursors };

const DEFAULT_BATCH = 101;

export class Cursors {
  private next = 1;
  private readonly open = new Map<number, { ns: string; docs: Doc[] }>();

  /** The reply for a result set: the first batch, and a cursor for the rest. */
  reply(ns: string, docs: Doc[], batchSize: number | undefined, single = false): Doc {
    const size = batchSize === undefined || batchSize <= 0 ? DEFAULT_BATCH : batchSize;
    const first = docs.slice(0, size);
    let id = 0;
    if (!single && docs.length > size) {
      id = this.next++;
      this.open.set(id, { ns, docs: docs.slice(size) });
    }
    return { cursor: { firstBatch: first, id: BSON.Long.fromNumber(id), ns }, ok: 1 };
  }

  more(idValue: unknown, batchSize: number | undefined): Doc {
    const id = Number(idValue);
    const c = this.open.get(id);
    if (!c) throw new CommandError(43, 'CursorNotFound', `cursor id ${id} not found`);
    const size = batchSize === undefined || batchSize <= 0 ? c.docs.length : batchSize;
    const batch = c.docs.splice(0, size);
    const done = c.docs.length === 0;
    if (done) this.open.delete(id);
    return { cursor: { nextBatch: batch, id: BSON.Long.fromNumber(done ? 0 : id), ns: c.ns }, ok: 1 };
  }

  kill(ids: unknown[]): number[] {
    const killed: number[] = [];
    for (const v of ids) if (this.open.delete(Number(v))) killed.push(Number(v));
    return killed;
  }
}

const OPTIONS = { processingMode: ProcessingMode.CLONE_INPUT };

export function find({ dbs, db, cursors }: Ctx, cmd: Doc): Doc {
  const name = cmd.find as string;
  const docs = dbs.find(db, name)?.docs ?? [];
  const projection =
    cmd.projection && Object.keys(cmd.projection as Doc).length ? (cmd.projection as Doc) : undefined;
  let cursor = runFind(docs, (cmd.filter as Doc | undefined) ?? {}, projection, OPTIONS);
  if (cmd.sort && Object.keys(cmd.sort as Doc).length)
    cursor = cursor.sort(cmd.sort as Record<string, 1 | -1>);
  if (cmd.skip) cursor = cursor.skip(Number(cmd.skip));
  const limit = Math.abs(Number(cmd.limit ?? 0));
  if (limit > 0) cursor = cursor.limit(limit);
  const out = (cursor.all() as Doc[]).map(clone);
  const single = Boolean(cmd.singleBatch) || Number(cmd.limit ?? 0) < 0;
  return cursors.reply(`${db}.${name}`, out, cmd.batchSize as number | undefined, single);
}

export function aggregate({ dbs, db, cursors }: Ctx, cmd: Doc): Doc {
  const name = cmd.aggregate as string | number;
  const docs = typeof name === 'string' ? (dbs.find(db, name)?.docs ?? []) : [];
  const pipeline = (cmd.pipeline as Doc[] | undefined) ?? [];
  for (const stage of pipeline) {
    const op = Object.keys(stage)[0];
    if (op === '$out' || op === '$merge')
      throw new CommandError(115, 'CommandNotSupported', `${op} is not supported by the test server`);
  }
  const out = (
    runPipeline(docs, pipeline, {
      ...OPTIONS,
      collectionResolver: (coll: string) => dbs.find(db, coll)?.docs ?? [],
    }) as Doc[]
  ).map(clone);
  const batch = (cmd.cursor as { batchSize?: number } | undefined)?.batchSize;
  return cursors.reply(`${db}.${String(name)}`, out, batch);
}

export function count({ dbs, db }: Ctx, cmd: Doc): Doc {
  const docs = dbs.find(db, cmd.count as string)?.docs ?? [];
  const query = new Query((cmd.query as Doc | undefined) ?? {});
  let n = docs.filter((d) => query.test(d)).length;
  if (cmd.skip) n = Math.max(0, n - Number(cmd.skip));
  if (cmd.limit) n = Math.min(n, Math.abs(Number(cmd.limit)));
  return { n, ok: 1 };
}

export function distinct({ dbs, db }: Ctx, cmd: Doc): Doc {
  const docs = dbs.find(db, cmd.distinct as string)?.docs ?? [];
  const query = new Query((cmd.query as Doc | undefined) ?? {});
  const seen = new Map<string, unknown>();
  for (const d of docs) {
    if (!query.test(d)) continue;
    const v = getPath(d, cmd.key as string);
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) seen.set(canonical(item), item);
  }
  return { values: [...seen.values()], ok: 1 };
}

export function createIndexes({ dbs, db }: Ctx, cmd: Doc): Doc {
  const name = cmd.createIndexes as string;
  const { coll, created } = dbs.ensure(db, name);
  const before = coll.indexes.length;
  for (const raw of (cmd.indexes as Doc[] | undefined) ?? []) {
    const spec: IndexSpec = {
      name: raw.name as string,
      key: raw.key as Record<string, number>,
      ...(raw.unique ? { unique: true } : {}),
      ...(raw.sparse ? { sparse: true } : {}),
      ...(raw.partialFilterExpression ? { partialFilterExpression: raw.partialFilterExpression as Doc } : {}),
    };
    addIndex(db, name, coll, spec);
  }
  return {
    createdCollectionAutomatically: created,
    numIndexesBefore: before,
    numIndexesAfter: coll.indexes.length,
    ok: 1,
  };
}

export function listIndexes({ dbs, db, cursors }: Ctx, cmd: Doc): Doc {
  const name = cmd.listIndexes as string;
  const coll = dbs.find(db, name);
  if (!coll) throw new CommandError(26, 'NamespaceNotFound', `ns does not exist: ${db}.${name}`);
  const specs = coll.indexes.map((i) => ({ v: 2, ...clone(i as unknown as Doc) }));
  return cursors.reply(`${db}.${name}`, specs, (cmd.cursor as { batchSize?: number } | undefined)?.batchSize);
}

export function listCollections({ dbs, db, cursors }: Ctx, cmd: Doc): Doc {
  const all = dbs
    .names(db)
    .map((name) => ({ name, type: 'collection', options: {}, info: { readOnly: false } }));
  const query = new Query((cmd.filter as Doc | undefined) ?? {});
  return cursors.reply(
    `${db}.$cmd.listCollections`,
    all.filter((c) => query.test(c)),
    undefined,
  );
}

export function create({ dbs, db }: Ctx, cmd: Doc): Doc {
  const name = cmd.create as string;
  if (dbs.find(db, name))
    throw new CommandError(48, 'NamespaceExists', `Collection ${db}.${name} already exists.`);
  dbs.ensure(db, name);
  return { ok: 1 };
}

export function drop({ dbs, db }: Ctx, cmd: Doc): Doc {
  const name = cmd.drop as string;
  const coll = dbs.drop(db, name);
  if (!coll) throw new CommandError(26, 'NamespaceNotFound', 'ns not found');
  return { ns: `${db}.${name}`, nIndexesWas: coll.indexes.length, ok: 1 };
}
