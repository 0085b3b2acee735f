/**
 * MongoDB wire protocol framing for the test server: reads OP_MSG (2013) and the legacy
 * OP_QUERY (2004) the driver still uses for its very first handshake, and writes OP_MSG /
 * OP_REPLY (1) answers. https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/
 * Test support only — never used at run time.
 */
import mongoose from 'mongoose';

export const { BSON } = mongoose.mongo;
export type Doc = Record<string, unknown>;

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

export interface Request {
  requestId: number;
  opCode: number;
  /** The command document, with kind-1 document sequences merged in as arrays. */
  command: Doc;
  /** For OP_QUERY: the namespace (`admin.$cmd`). */
  namespace?: string;
}

const CHECKSUM_PRESENT = 1;
const MORE_TO_COME = 2;

/** Splits complete messages off the front of `buf`; returns them and the unread rest. */
export function readMessages(buf: Buffer): { messages: Buffer[]; rest: Buffer } {
  const messages: Buffer[] = [];
  let offset = 0;
  while (buf.length - offset >= 4) {
    const len = buf.readInt32LE(offset);
    if (len < 16) throw new Error(`invalid message length ${len}`);
    if (buf.length - offset < len) break;
    messages.push(buf.subarray(offset, offset + len));
    offset += len;
  }
  return { messages, rest: buf.subarray(offset) };
}

function cstring(buf: Buffer, at: number): [string, number] {
  const end = buf.indexOf(0, at);
  return [buf.toString('utf8', at, end), end + 1];
}

export function parseMessage(msg: Buffer): Request & { moreToCome: boolean } {
  const requestId = msg.readInt32LE(4);
  const opCode = msg.readInt32LE(12);
  if (opCode === OP_MSG) {
    const flags = msg.readUInt32LE(16);
    const end = msg.length - (flags & CHECKSUM_PRESENT ? 4 : 0);
    let at = 20;
    let command: Doc | undefined;
    const sequences: [string, Doc[]][] = [];
    while (at < end) {
      const kind = msg.readUInt8(at);
      at += 1;
      if (kind === 0) {
        const size = msg.readInt32LE(at);
        command = BSON.deserialize(msg.subarray(at, at + size));
        at += size;
      } else if (kind === 1) {
        const size = msg.readInt32LE(at);
        const stop = at + size;
        const [id, next] = cstring(msg, at + 4);
        const docs: Doc[] = [];
        for (let p = next; p < stop;) {
          const n = msg.readInt32LE(p);
          docs.push(BSON.deserialize(msg.subarray(p, p + n)));
          p += n;
        }
        sequences.push([id, docs]);
        at = stop;
      } else throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
    if (!command) throw new Error('OP_MSG without a body section');
    for (const [id, docs] of sequences) command[id] = docs;
    return { requestId, opCode, command, moreToCome: (flags & MORE_TO_COME) !== 0 };
  }
  if (opCode === OP_QUERY) {
    const [namespace, next] = cstring(msg, 20);
    const at = next + 8; // numberToSkip, numberToReturn
    const size = msg.readInt32LE(at);
    let command = BSON.deserialize(msg.subarray(at, at + size));
    // Legacy wrapping: { $query: { ... }, $readPreference: ... }.
    if (command.$query && typeof command.$query === 'object') command = command.$query as Doc;
    const db = namespace.split('.')[0] ?? 'admin';
    return { requestId, opCode, command: { ...command, $db: db }, namespace, moreToCome: false };
  }
  throw new Error(`unsupported opCode ${opCode}`);
}

let nextResponseId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(nextResponseId++, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** The answer to `request` in the form it was asked in. */
export function encodeReply(request: Request, reply: Doc): Buffer {
  const body = Buffer.from(BSON.serialize(reply));
  if (request.opCode === OP_QUERY) {
    const fields = Buffer.alloc(20);
    fields.writeInt32LE(0, 0); // responseFlags
    fields.writeBigInt64LE(0n, 4); // cursorID
    fields.writeInt32LE(0, 12); // startingFrom
    fields.writeInt32LE(1, 16); // numberReturned
    const length = 16 + fields.length + body.length;
    return Buffer.concat([header(length, request.requestId, OP_REPLY), fields, body]);
  }
  const flags = Buffer.alloc(5); // flagBits 0, then section kind 0
  const length = 16 + flags.length + body.length;
  return Buffer.concat([header(length, request.requestId, OP_MSG), flags, body]);
}
