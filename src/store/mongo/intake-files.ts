/**
 * The MongoDB store's attachment files and set-aside inbound items.
 *
 * Files are split into 1 MiB chunk documents (`attachment_chunks`), described by one
 * `attachment_files` document written after its chunks: far from the 16 MiB document limit
 * whatever was attached, and a file is there only once all of it is. Not GridFS: a GridFS
 * upload gets a fresh ObjectId each time, so a retried intake would either leave a second
 * copy or have to delete-then-upload (a crash in between leaves no file). Here ids are
 * deterministic (Attachment.fileId) and every write is an upsert, so a retry replaces in place.
 */
import type { Connection } from 'mongoose';
import type { Channel } from '../../core/model.js';
import type { IntakeFailure, Store, StoredFile } from '../../core/ports.js';

type IntakeFileMethods = Pick<
  Store,
  | 'putFile'
  | 'getFile'
  | 'expireFile'
  | 'deleteExpiredFiles'
  | 'getIntakeFailure'
  | 'putIntakeFailure'
  | 'listSetAside'
>;

export const CHUNK_BYTES = 1024 * 1024;
const FILES = 'attachment_files';
const CHUNKS = 'attachment_chunks';
const FAILURES = 'intake_failures';

type Doc = Record<string, unknown>;

function failureId(channel: string, externalId: string): string {
  return `${channel}:${externalId}`;
}

function toFailure(d: Doc): IntakeFailure {
  return {
    channel: d.channel as Channel,
    externalId: d.externalId as string,
    signature: d.signature as string,
    attempts: d.attempts as number,
    firstAt: d.firstAt as Date,
    lastAt: d.lastAt as Date,
    ...(d.setAsideAt ? { setAsideAt: d.setAsideAt as Date } : {}),
    summary: (d.summary as Record<string, string> | undefined) ?? {},
  };
}

function bytesOf(value: unknown): Buffer {
  const v = value as { buffer?: Uint8Array } | Uint8Array;
  if (v instanceof Uint8Array) return Buffer.from(v);
  return Buffer.from(v.buffer ?? new Uint8Array());
}

export function createIntakeFiles(connection: Connection): IntakeFileMethods & {
  ensureIndexes(): Promise<void>;
} {
  const db = () => {
    if (!connection.db) throw Object.assign(new Error('mongodb not connected'), { code: 'NOT_CONNECTED' });
    return connection.db;
  };
  const coll = (name: string) => db().collection<Doc & { _id: string }>(name);

  return {
    async ensureIndexes() {
      await coll(CHUNKS).createIndex({ fileId: 1, n: 1 }, { name: 'file_chunks' });
      await coll(FAILURES).createIndex({ setAsideAt: -1 }, { name: 'set_aside', sparse: true });
    },
    async putFile(file) {
      const data = Buffer.from(file.dataBase64, 'base64');
      const count = Math.max(1, Math.ceil(data.length / CHUNK_BYTES));
      for (let n = 0; n < count; n++) {
        const chunk = data.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES);
        await coll(CHUNKS).replaceOne(
          { _id: `${file.id}|${n}` },
          { fileId: file.id, n, data: chunk },
          { upsert: true },
        );
      }
      // Last: the file exists only once every chunk does.
      await coll(FILES).replaceOne(
        { _id: file.id },
        {
          contentType: file.contentType,
          length: data.length,
          chunks: count,
          chunkBytes: CHUNK_BYTES,
          ...(file.expiresAt ? { expiresAt: file.expiresAt } : {}),
        },
        { upsert: true },
      );
    },
    async expireFile(id, at) {
      await coll(FILES).updateOne({ _id: id }, { $set: { expiresAt: at } });
    },
    async deleteExpiredFiles(now) {
      const due = await coll(FILES)
        .find({ expiresAt: { $lte: now } }, { projection: { _id: 1 } })
        .toArray();
      for (const { _id } of due) {
        // The description first: a file is there only while it is (see putFile).
        await coll(FILES).deleteOne({ _id });
        await coll(CHUNKS).deleteMany({ fileId: _id });
      }
      return due.length;
    },
    async getFile(id): Promise<StoredFile | undefined> {
      const meta = await coll(FILES).findOne({ _id: id });
      if (!meta) return undefined;
      const chunks = await coll(CHUNKS)
        .find({ fileId: id, n: { $lt: meta.chunks as number } })
        .sort({ n: 1 })
        .toArray();
      if (chunks.length !== meta.chunks) return undefined;
      const data = Buffer.concat(chunks.map((c) => bytesOf(c.data))).subarray(0, meta.length as number);
      return { id, contentType: meta.contentType as string, dataBase64: data.toString('base64') };
    },
    async getIntakeFailure(channel, externalId) {
      const d = await coll(FAILURES).findOne({ _id: failureId(channel, externalId) });
      return d ? toFailure(d) : undefined;
    },
    async putIntakeFailure(f) {
      await coll(FAILURES).replaceOne(
        { _id: failureId(f.channel, f.externalId) },
        {
          channel: f.channel,
          externalId: f.externalId,
          signature: f.signature,
          attempts: f.attempts,
          firstAt: f.firstAt,
          lastAt: f.lastAt,
          ...(f.setAsideAt ? { setAsideAt: f.setAsideAt } : {}),
          summary: f.summary,
        },
        { upsert: true },
      );
    },
    async listSetAside(limit) {
      const docs = await coll(FAILURES)
        .find({ setAsideAt: { $exists: true } })
        .sort({ setAsideAt: -1 })
        .limit(limit)
        .toArray();
      return docs.map(toFailure);
    },
  };
}
