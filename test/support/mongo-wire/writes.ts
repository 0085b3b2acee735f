/**
 * Write commands of the wire test server: insert, update (operators, replacement,
 * pipeline, upsert with $setOnInsert), delete and findAndModify. Each statement is
 * applied to a copy first and committed only when every unique index accepts it, so a
 * refused write changes nothing (as in mongod). Test support only.
 */
import { aggregate, find, update as applyOperators } from 'mingo';
import {
  canonical,
  checkUnique,
  clone,
  CommandError,
  matching,
  type Collection,
  type Databases,
} from './collections.js';
import { BSON, type Doc } from './wire.js';

type Ctx = { dbs: Databases; db: string };

function isOperatorUpdate(u: Doc): boolean {
  return Object.keys(u).some((k) => k.startsWith('$'));
}

/** The document an upsert starts from: the query's equality fields. */
function seedFromQuery(q: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(q)) {
    if (k.startsWith('$') || k.includes('.')) continue;
    if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) {
      const ops = Object.keys(v as Doc);
      if (ops.length === 1 && ops[0] === '$eq') out[k] = (v as Doc).$eq;
      else if (!ops.some((o) => o.startsWith('$')) || (v as { _bsontype?: string })._bsontype) out[k] = v;
      continue;
    }
    out[k] = v;
  }
  return out;
}

/** Applies update `u` to a copy of `doc`; `inserting` makes $setOnInsert count. */
export function applyUpdate(doc: Doc, u: Doc | Doc[], inserting: boolean): Doc {
  if (Array.isArray(u)) {
    const [out] = aggregate([clone(doc)], u);
    return out as Doc;
  }
  if (!isOperatorUpdate(u)) return { _id: doc._id, ...clone(u) };
  const next = clone(doc);
  const ops: Doc = { ...clone(u) };
  if (ops.$setOnInsert) {
    if (inserting) ops.$set = { ...(ops.$set as Doc | undefined), ...(ops.$setOnInsert as Doc) };
    delete ops.$setOnInsert;
  }
  for (const k of Object.keys(ops)) if (Object.keys(ops[k] as Doc).length === 0) delete ops[k];
  if (Object.keys(ops).length > 0) applyOperators(next, ops as Parameters<typeof applyOperators>[1]);
  return next;
}

/** mongod's limit on one stored document (maxBsonObjectSize): bigger writes are refused. */
const MAX_DOC_BYTES = 16 * 1024 * 1024;

function checkSize(doc: Doc, updating: boolean): void {
  const size = BSON.calculateObjectSize(doc);
  if (size <= MAX_DOC_BYTES) return;
  if (updating) {
    throw new CommandError(
      17419,
      'Location17419',
      `Resulting document after update is larger than ${MAX_DOC_BYTES}`,
    );
  }
  throw new CommandError(
    10334,
    'BSONObjectTooLarge',
    `object to insert too large. size in bytes: ${size}, max size: ${MAX_DOC_BYTES}`,
  );
}

function checkId(before: Doc, after: Doc): void {
  if (canonical(before._id) !== canonical(after._id)) {
    throw new CommandError(
      66,
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
}

function writeError(index: number, err: unknown): Doc {
  if (err instanceof CommandError) return { index, code: err.code, errmsg: err.message, ...err.extra };
  return { index, code: 2, errmsg: (err as Error).message };
}

export function insert({ dbs, db }: Ctx, cmd: Doc): Doc {
  const name = cmd.insert as string;
  const { coll } = dbs.ensure(db, name);
  const docs = (cmd.documents as Doc[] | undefined) ?? [];
  const writeErrors: Doc[] = [];
  let n = 0;
  for (const [i, raw] of docs.entries()) {
    const doc = raw._id === undefined ? { _id: new BSON.ObjectId(), ...raw } : raw;
    try {
      checkSize(doc, false);
      checkUnique(db, name, coll, doc);
      coll.docs.push(doc);
      n += 1;
    } catch (err) {
      writeErrors.push(writeError(i, err));
      if (cmd.ordered !== false) break;
    }
  }
  return { n, ok: 1, ...(writeErrors.length ? { writeErrors } : {}) };
}

/** Inserts the upsert document for query `q` and update `u`; returns it. */
function upsertOne(db: string, name: string, coll: Collection, q: Doc, u: Doc | Doc[]): Doc {
  const seed = seedFromQuery(q);
  let doc = applyUpdate(seed, u, true);
  if (!isOperatorUpdate(u as Doc) && !Array.isArray(u) && seed._id !== undefined) doc._id = seed._id;
  if (doc._id === undefined) doc = { _id: new BSON.ObjectId(), ...doc };
  checkSize(doc, false);
  checkUnique(db, name, coll, doc);
  coll.docs.push(doc);
  return doc;
}

/** Updates `target` in place in `coll` (after unique checks); returns [before, after, modified]. */
function updateDoc(
  db: string,
  name: string,
  coll: Collection,
  target: Doc,
  u: Doc | Doc[],
): [Doc, Doc, boolean] {
  const after = applyUpdate(target, u, false);
  checkId(target, after);
  checkSize(after, true);
  checkUnique(db, name, coll, after, target);
  const before = clone(target);
  const modified = canonical(before) !== canonical(after);
  coll.docs[coll.docs.indexOf(target)] = after;
  return [before, after, modified];
}

export function update({ dbs, db }: Ctx, cmd: Doc): Doc {
  const name = cmd.update as string;
  const { coll } = dbs.ensure(db, name);
  const statements = (cmd.updates as Doc[] | undefined) ?? [];
  const writeErrors: Doc[] = [];
  const upserted: Doc[] = [];
  let n = 0;
  let nModified = 0;
  for (const [i, s] of statements.entries()) {
    const q = (s.q as Doc | undefined) ?? {};
    const u = s.u as Doc | Doc[];
    try {
      const matches = matching(coll, q);
      const targets = s.multi ? matches : matches.slice(0, 1);
      if (targets.length === 0 && s.upsert) {
        const doc = upsertOne(db, name, coll, q, u);
        upserted.push({ index: i, _id: doc._id });
        n += 1;
        continue;
      }
      for (const target of targets) {
        const [, , modified] = updateDoc(db, name, coll, target, u);
        n += 1;
        if (modified) nModified += 1;
      }
    } catch (err) {
      writeErrors.push(writeError(i, err));
      if (cmd.ordered !== false) break;
    }
  }
  return {
    n,
    nModified,
    ok: 1,
    ...(upserted.length ? { upserted } : {}),
    ...(writeErrors.length ? { writeErrors } : {}),
  };
}

export function remove({ dbs, db }: Ctx, cmd: Doc): Doc {
  const coll = dbs.find(db, cmd.delete as string);
  let n = 0;
  for (const s of (cmd.deletes as Doc[] | undefined) ?? []) {
    if (!coll) break;
    const matches = matching(coll, (s.q as Doc | undefined) ?? {});
    const victims = new Set(Number(s.limit) === 1 ? matches.slice(0, 1) : matches);
    coll.docs = coll.docs.filter((d) => !victims.has(d));
    n += victims.size;
  }
  return { n, ok: 1 };
}

export function findAndModify({ dbs, db }: Ctx, cmd: Doc): Doc {
  const name = (cmd.findAndModify ?? cmd.findandmodify) as string;
  const { coll } = dbs.ensure(db, name);
  const q = (cmd.query as Doc | undefined) ?? {};
  const sort =
    cmd.sort && Object.keys(cmd.sort as Doc).length > 0 ? (cmd.sort as Record<string, 1 | -1>) : undefined;
  // mingo's find hands back the stored documents themselves (no projection, no cloning).
  const target = sort
    ? (find(coll.docs, q).sort(sort).limit(1).all()[0] as Doc | undefined)
    : matching(coll, q)[0];
  const project = (doc: Doc | null): Doc | null =>
    doc && cmd.fields && Object.keys(cmd.fields as Doc).length > 0
      ? ((find([doc], {}, cmd.fields as Doc).all()[0] as Doc | undefined) ?? null)
      : doc;

  if (cmd.remove) {
    if (!target) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    coll.docs = coll.docs.filter((d) => d !== target);
    return { lastErrorObject: { n: 1 }, value: project(clone(target)), ok: 1 };
  }
  const u = cmd.update as Doc | Doc[];
  if (!target) {
    if (!cmd.upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const doc = upsertOne(db, name, coll, q, u);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
      value: cmd.new ? project(clone(doc)) : null,
      ok: 1,
    };
  }
  const [before, after] = updateDoc(db, name, coll, target, u);
  return {
    lastErrorObject: { n: 1, updatedExisting: true },
    value: project(clone(cmd.new ? after : before)),
    ok: 1,
  };
}
