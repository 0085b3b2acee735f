/**
 * An in-process server that speaks the MongoDB wire protocol over TCP, so the MongoDB
 * store's tests run through the real mongoose and the real MongoDB driver on a machine
 * without a `mongod`. It executes the commands the store needs (handshake, CRUD,
 * findAndModify, aggregate, count, distinct, indexes with unique enforcement, drop) with
 * mingo. TEST SUPPORT ONLY: it has no durability, no auth (every login is refused, so a
 * URI with credentials fails the way a wrong password does), no transactions.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { CommandError, Databases } from './collections.js';
import * as reads from './reads.js';
import { Cursors } from './reads.js';
import * as writes from './writes.js';
import { encodeReply, parseMessage, readMessages, type Doc } from './wire.js';

export interface MongoWireServer {
  /** `mongodb://127.0.0.1:<port>` — add a database name as the path. */
  readonly uri: string;
  readonly port: number;
  /** Every command name received, in order (tests assert what the driver sent). */
  readonly commands: string[];
  /** Cuts every open connection (the driver must reconnect). */
  dropConnections(): void;
  /** Stops accepting connections and cuts the open ones; `resume()` listens again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

const WIRE_VERSION = 25; // MongoDB 8.0

export async function startMongoWire(options: { port?: number } = {}): Promise<MongoWireServer> {
  const dbs = new Databases();
  const cursors = new Cursors();
  const sockets = new Set<Socket>();
  const commands: string[] = [];
  let connectionId = 0;

  const handle = (cmd: Doc, connId: number): Doc => {
    const name = Object.keys(cmd)[0] ?? '';
    commands.push(name);
    const db = (cmd.$db as string | undefined) ?? 'admin';
    const ctx = { dbs, db, cursors };
    switch (name) {
      case 'hello':
      case 'isMaster':
      case 'ismaster':
        return {
          helloOk: true,
          ismaster: true,
          isWritablePrimary: true,
          maxBsonObjectSize: 16 * 1024 * 1024,
          maxMessageSizeBytes: 48_000_000,
          maxWriteBatchSize: 100_000,
          localTime: new Date(),
          logicalSessionTimeoutMinutes: 30,
          connectionId: connId,
          minWireVersion: 0,
          maxWireVersion: WIRE_VERSION,
          readOnly: false,
          ok: 1,
        };
      case 'buildInfo':
      case 'buildinfo':
        return {
          version: '8.0.0-wire-test',
          versionArray: [8, 0, 0, 0],
          bits: 64,
          maxBsonObjectSize: 16777216,
          ok: 1,
        };
      case 'ping':
        return { ok: 1 };
      case 'endSessions':
        return { ok: 1 };
      case 'saslStart':
      case 'authenticate':
        throw new CommandError(18, 'AuthenticationFailed', 'Authentication failed.');
      case 'insert':
        return writes.insert(ctx, cmd);
      case 'update':
        return writes.update(ctx, cmd);
      case 'delete':
        return writes.remove(ctx, cmd);
      case 'findAndModify':
      case 'findandmodify':
        return writes.findAndModify(ctx, cmd);
      case 'find':
        return reads.find(ctx, cmd);
      case 'getMore':
        return cursors.more(cmd.getMore, cmd.batchSize as number | undefined);
      case 'killCursors':
        return { cursorsKilled: cursors.kill((cmd.cursors as unknown[]) ?? []), ok: 1 };
      case 'aggregate':
        return reads.aggregate(ctx, cmd);
      case 'count':
        return reads.count(ctx, cmd);
      case 'distinct':
        return reads.distinct(ctx, cmd);
      case 'createIndexes':
        return reads.createIndexes(ctx, cmd);
      case 'listIndexes':
        return reads.listIndexes(ctx, cmd);
      case 'listCollections':
        return reads.listCollections(ctx, cmd);
      case 'create':
        return reads.create(ctx, cmd);
      case 'drop':
        return reads.drop(ctx, cmd);
      case 'dropDatabase':
        dbs.dropDatabase(db);
        return { dropped: db, ok: 1 };
      default:
        throw new CommandError(
          59,
          'CommandNotFound',
          `no such command: '${name}' (MongoDB wire test server)`,
        );
    }
  };

  const onConnection = (socket: Socket): void => {
    sockets.add(socket);
    const connId = (connectionId += 1);
    let pending: Buffer = Buffer.alloc(0);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      try {
        const { messages, rest } = readMessages(Buffer.concat([pending, chunk]));
        pending = rest;
        for (const raw of messages) {
          const request = parseMessage(raw);
          let reply: Doc;
          try {
            reply = handle(request.command, connId);
          } catch (err) {
            reply =
              err instanceof CommandError
                ? err.toReply()
                : { ok: 0, code: 1, codeName: 'InternalError', errmsg: (err as Error).message };
          }
          if (!request.moreToCome) socket.write(encodeReply(request, reply));
        }
      } catch {
        socket.destroy(); // unreadable framing: hang up, as mongod would
      }
    });
  };

  let server: Server = createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  const port = await listen(options.port ?? 0);
  const stop = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return {
    uri: `mongodb://127.0.0.1:${port}`,
    port,
    commands,
    dropConnections() {
      for (const s of sockets) s.destroy();
    },
    pause: stop,
    async resume() {
      server = createServer(onConnection);
      await listen(port);
    },
    close: stop,
  };
}
