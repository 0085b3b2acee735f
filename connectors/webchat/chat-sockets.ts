/**
 * The live side of the website chat: WebSocket upgrades at /chat/ws (origin-checked), the
 * per-connection frame loop, and pushing owner replies to a visitor's open tabs.
 */
import { withFileLinks } from '../../src/core/outbound-files.js';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ProxyTrust } from '../../src/core/client-address.js';
import type { Clock, Intake, Logger, OutboundMessage, SendResult } from '../../src/core/ports.js';
import { perPeriod, TokenBuckets } from '../../src/core/rate-limit.js';
import type { Admission } from './admission.js';
import type { ClientFrame } from './frames.js';
import { parseClientFrame } from './frames.js';
import type { WebchatLimits } from './limits.js';
import { OpenTabs, reply, type Connection } from './open-tabs.js';
import type { OriginPolicy } from './origins.js';
import {
  error,
  errorName,
  messageIdOf,
  publicEntry,
  rawText,
  replyRefOf,
  visitorOfReplyRef,
} from './socket-helpers.js';
import type { StoredEntry, TranscriptStore, VisitorRecord } from './transcript.js';
import { admit, CLOSE_LIMITED, refuse } from './upgrade-gate.js';
import type { VisitorIds } from './visitor-id.js';

export const CHAT_PATH = '/chat/ws';
const HEARTBEAT_MS = 30_000;
/** Close code the widget understands: identity refused (start afresh); 4000 = replaced (open-tabs.ts). */
export const CLOSE_REFUSED = 4401;

export interface ChatSocketsDeps {
  ids: VisitorIds;
  origins: OriginPolicy;
  limits: WebchatLimits;
  transcript: TranscriptStore;
  admission: Admission;
  /** Which X-Forwarded-For entries to believe for the client's address. */
  proxyTrust: ProxyTrust;
  logger: Logger;
  clock: Clock;
  intake(): Intake | undefined;
  ownerOnline(): boolean | null;
}

export class ChatSockets {
  private readonly wss: WebSocketServer;
  private readonly tabs: OpenTabs;
  private readonly messageBudget: TokenBuckets;
  private readonly frameBudget: TokenBuckets;
  private readonly connections = new Set<Connection>();
  private heartbeat?: NodeJS.Timeout;
  private readonly servers = new Set<Server>();
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    this.upgrade(req, socket, head);

  constructor(private readonly deps: ChatSocketsDeps) {
    const now = () => deps.clock.now().getTime();
    this.messageBudget = new TokenBuckets(perPeriod(deps.limits.messagesPerMinute, 60_000), now);
    this.frameBudget = new TokenBuckets(perPeriod(deps.limits.framesPerMinute, 60_000), now);
    this.tabs = new OpenTabs(deps.limits.maxSocketsPerVisitor);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: deps.limits.maxFrameBytes });
  }

  attach(server: Server): void {
    if (this.servers.has(server)) return;
    this.servers.add(server);
    server.on('upgrade', this.onUpgrade);
    this.heartbeat ??= setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get attached(): boolean {
    return this.servers.size > 0;
  }

  isLive(visitor: string): boolean {
    return this.tabs.isLive(visitor);
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const server of this.servers) server.off('upgrade', this.onUpgrade);
    this.servers.clear();
    for (const ws of this.wss.clients) ws.close(1001, 'server stopping');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    for (const ws of this.wss.clients) ws.terminate();
  }

  /** The connector's send(): keep the reply for the visitor and push it to their open tabs. */
  async deliver(out: OutboundMessage): Promise<SendResult> {
    const visitor = visitorOfReplyRef(out.replyRef);
    if (out.channel !== 'webchat' || !visitor) {
      return { kind: 'rejected', reason: 'not a website chat visitor reference' };
    }
    const live = this.isLive(visitor);
    const { entry, added } = await this.deps.transcript.appendOnce(
      visitor,
      (e) => e.idempotencyKey === out.idempotencyKey,
      {
        id: `o_${randomBytes(9).toString('base64url')}`,
        from: 'owner',
        kind: out.purpose === 'rating_request' ? 'rating_request' : 'text',
        // The owner's shared files: signed download links in the line (the chat carries no files).
        text: withFileLinks(out.text, out.files ?? [], out.language),
        at: this.deps.clock.now().toISOString(),
        idempotencyKey: out.idempotencyKey,
        conversationId: out.conversationId,
        delivery: live ? 'delivered' : 'sent',
      },
    );
    if (added && live) this.tabs.broadcast(visitor, { type: 'message', entry: publicEntry(entry) });
    return { kind: 'sent', externalId: entry.id, delivery: entry.delivery ?? 'sent' };
  }

  // ------------------------------------------------------------------ upgrade

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== CHAT_PATH) return; // another module's upgrade
    const gate = admit(req, socket, { ...this.deps, open: this.connections.size });
    if (gate.kind === 'refused') return;
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      gate.kind === 'limited' ? refuse(ws, gate.refusal) : this.connected(ws, gate.client),
    );
  }

  private connected(ws: WebSocket, client: string): void {
    const conn: Connection = {
      ws,
      key: `c_${randomBytes(6).toString('base64url')}`,
      client,
      alive: true,
      openedAt: Date.now(),
      chain: Promise.resolve(),
    };
    this.connections.add(conn);
    ws.on('pong', () => (conn.alive = true));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => this.forget(conn));
    ws.on('message', (data, isBinary) => {
      conn.chain = conn.chain.then(() =>
        this.onFrame(conn, data, isBinary).catch((err: unknown) => {
          this.deps.logger.error({ event: 'webchat_frame_failed', err: errorName(err) }, 'chat frame failed');
          reply(conn, error('server_error', isBinary ? undefined : messageIdOf(data)));
        }),
      );
    });
  }

  private async onFrame(conn: Connection, data: WebSocket.RawData, isBinary: boolean): Promise<void> {
    if (this.frameBudget.take(conn.key) > 0) {
      conn.ws.close(1008, 'too many frames');
      return;
    }
    if (isBinary) return reply(conn, { type: 'error', code: 'bad_frame' });
    const raw = rawText(data);
    const parsed = parseClientFrame(raw, this.deps.limits.maxMessageLength);
    if (!parsed.ok) return reply(conn, error(parsed.code, parsed.id));
    const frame = parsed.frame;
    if (frame.type === 'ping') return reply(conn, { type: 'pong' });
    if (frame.type === 'hello') return this.hello(conn, frame);
    const visitor = conn.visitor;
    if (!visitor) return reply(conn, error('hello_first', frame.type === 'message' ? frame.id : undefined));
    switch (frame.type) {
      case 'message':
        return this.message(conn, visitor, frame);
      case 'email':
        return this.email(conn, visitor, frame.address);
      case 'rate':
        return this.rate(conn, visitor, frame.requestId, frame.score);
      case 'seen':
        return this.seen(visitor, frame.upTo);
    }
  }

  private async hello(conn: Connection, frame: Extract<ClientFrame, { type: 'hello' }>): Promise<void> {
    if (conn.visitor) return reply(conn, error('bad_frame'));
    let visitor: string;
    let token: string;
    if (frame.visitor !== undefined) {
      const verified = this.deps.ids.verify(frame.visitor);
      if (!verified) {
        this.deps.logger.warn({ event: 'webchat_visitor_refused' }, 'chat visitor id failed its signature');
        reply(conn, error('visitor_refused'));
        conn.ws.close(CLOSE_REFUSED, 'visitor id refused');
        return;
      }
      visitor = verified;
      token = frame.visitor;
    } else {
      const refused = this.deps.admission.newVisitor(conn.client);
      if (refused) {
        // debug, not warn: a flood would write a line per refusal (the trip itself is warned once).
        this.deps.logger.debug(
          { event: 'webchat_new_visitor_refused', code: refused.code },
          'new chat visitor refused',
        );
        reply(conn, { type: 'error', code: refused.code, retryAfterMs: refused.retryAfterMs });
        conn.ws.close(CLOSE_LIMITED, refused.code);
        return;
      }
      ({ address: visitor, token } = this.deps.ids.issue());
    }
    conn.visitor = visitor;
    if (frame.lang) conn.lang = frame.lang;
    this.tabs.add(visitor, conn);

    const record = await this.deps.transcript.get(visitor);
    const waiting = (record?.entries ?? []).filter((e) => e.from === 'owner' && e.delivery === 'sent');
    if (waiting.length > 0) {
      await this.deps.transcript.update(visitor, (r) => {
        for (const e of r.entries) if (e.from === 'owner' && e.delivery === 'sent') e.delivery = 'delivered';
      });
      await this.reportDelivery(waiting, 'delivered');
    }
    const fresh = (await this.deps.transcript.get(visitor)) ?? record;
    reply(conn, {
      type: 'welcome',
      visitor: token,
      history: (fresh?.entries ?? []).map(publicEntry),
      emailKnown: fresh?.emailKnown ?? false,
      ownerOnline: this.deps.ownerOnline(),
      missed: waiting.length,
      limits: {
        maxMessageLength: this.deps.limits.maxMessageLength,
        messagesPerMinute: this.deps.limits.messagesPerMinute,
        emailPromptAfterMs: this.deps.limits.emailPromptAfterMs,
      },
    });
  }

  private async message(
    conn: Connection,
    visitor: string,
    frame: Extract<ClientFrame, { type: 'message' }>,
  ): Promise<void> {
    const intake = this.deps.intake();
    if (!intake) return reply(conn, error('not_ready', frame.id));
    // A resend of something already stored is acknowledged again without counting twice.
    const known = (await this.deps.transcript.get(visitor))?.entries.find((e) => e.clientId === frame.id);
    if (known)
      return reply(conn, { type: 'ack', id: frame.id, status: 'duplicate', entry: publicEntry(known) });
    const wait = this.messageBudget.take(visitor);
    if (wait > 0)
      return reply(conn, { type: 'error', code: 'rate_limited', id: frame.id, retryAfterMs: wait });

    const result = await intake.receive({
      channel: 'webchat',
      externalId: `${visitor}:${frame.id}`,
      // No display name: a visitor is anonymous, and a made-up handle would end up in drafts
      // ("Hi Visitor AB12"). Consoles label anonymous visitors themselves.
      from: { address: visitor },
      replyRef: replyRefOf(visitor),
      text: frame.text,
      meta: conn.lang ? { widgetLanguage: conn.lang } : {},
      receivedAt: this.deps.clock.now(),
    });
    if (result.kind === 'ignored') return reply(conn, error('not_accepted', frame.id));
    const { entry, added } = await this.deps.transcript.appendOnce(visitor, (e) => e.clientId === frame.id, {
      id: `i_${randomBytes(9).toString('base64url')}`,
      from: 'visitor',
      kind: 'text',
      text: frame.text,
      at: this.deps.clock.now().toISOString(),
      clientId: frame.id,
    });
    const status = result.kind === 'stored' && added ? 'stored' : 'duplicate';
    reply(conn, { type: 'ack', id: frame.id, status, entry: publicEntry(entry) });
    // The visitor's other tabs show it too.
    if (added) this.tabs.broadcast(visitor, { type: 'message', entry: publicEntry(entry) }, conn);
  }

  private async email(conn: Connection, visitor: string, address: string): Promise<void> {
    const intake = this.deps.intake();
    if (!intake) return reply(conn, error('not_ready'));
    // Typed in, so unproven: an unverified contact of this visitor, never their identity.
    await intake.claimIdentity('webchat', visitor, { channel: 'email', address });
    await this.deps.transcript.update(visitor, (record) => {
      record.emailKnown = true;
    });
    this.tabs.broadcast(visitor, { type: 'email_saved' });
  }

  private async rate(conn: Connection, visitor: string, requestId: string, score: number): Promise<void> {
    const intake = this.deps.intake();
    if (!intake) return reply(conn, error('not_ready'));
    const record = await this.deps.transcript.get(visitor);
    // Only a rating request this visitor was actually sent can be answered, once.
    const request = record?.entries.find((e) => e.id === requestId && e.kind === 'rating_request');
    if (!request?.conversationId) return reply(conn, error('unknown_rating'));
    if (request.rated !== undefined) return reply(conn, error('already_rated'));
    const result = await intake.rating({
      channel: 'webchat',
      address: visitor,
      conversationId: request.conversationId,
      score,
    });
    if (result.kind === 'rejected') return reply(conn, error('rating_refused'));
    await this.deps.transcript.update(visitor, (r) => {
      const entry = r.entries.find((e) => e.id === requestId);
      if (entry) entry.rated = score;
    });
    this.tabs.broadcast(visitor, { type: 'rated', requestId, score });
  }

  private async seen(visitor: string, upTo: string): Promise<void> {
    const read = await this.deps.transcript.update(visitor, (record) => {
      const index = record.entries.findIndex((e) => e.id === upTo);
      if (index < 0) return [];
      const changed: VisitorRecord['entries'] = [];
      for (const e of record.entries.slice(0, index + 1)) {
        if (e.from === 'owner' && e.delivery !== 'read') {
          e.delivery = 'read';
          changed.push(e);
        }
      }
      return changed;
    });
    await this.reportDelivery(read, 'read');
  }

  // ------------------------------------------------------------------ helpers

  private async reportDelivery(entries: StoredEntry[], state: 'delivered' | 'read'): Promise<void> {
    const intake = this.deps.intake();
    if (!intake) return;
    for (const entry of entries) {
      try {
        await intake.delivery({ channel: 'webchat', externalId: entry.id, state });
      } catch (err) {
        this.deps.logger.warn(
          { event: 'webchat_delivery_update_failed', err: errorName(err) },
          'delivery update failed',
        );
      }
    }
  }

  private forget(conn: Connection): void {
    if (this.connections.delete(conn)) this.deps.admission.release(conn.client);
    this.tabs.remove(conn);
  }

  private beat(): void {
    const helloBy = Date.now() - HEARTBEAT_MS;
    for (const conn of this.connections) {
      // A dead peer, or a socket that never said hello within a heartbeat, is dropped.
      if (!conn.alive || (!conn.visitor && conn.openedAt < helloBy)) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
    this.messageBudget.sweep();
    this.frameBudget.sweep();
    this.deps.admission.sweep();
  }
}
