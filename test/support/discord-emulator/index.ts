/**
 * A local Discord for tests: REST at `${apiUrl}/v10/...` (point discord.js at it with
 * `rest.api = apiUrl`) and a gateway WebSocket. It answers like Discord, records every
 * call, rejects payloads that break the limits of PLATFORMS.md §7.34–35 with Discord's
 * 400 "Invalid Form Body" (and lists them in `violations`), enforces the 3-second
 * interaction deadline and single acknowledgement (§7.33), and counts invalid requests
 * (401/403/429, §7.36).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { FakeGateway } from './gateway.js';
import { guildPayload, interactionContext, readyPayload } from './gateway-payloads.js';
import { routeRest } from './rest.js';
import {
  EmulatorState,
  type DiscordEmulatorOptions,
  type FakeChannel,
  type FakeUser,
  type InteractionRecord,
  type Json,
} from './state.js';
import { parseBody, readBody, snowflake, type UploadedFile } from './wire.js';

export type {
  DiscordEmulatorOptions,
  FakeChannel,
  FakeUser,
  InteractionRecord,
  RecordedCall,
} from './state.js';

export class DiscordEmulator extends EmulatorState {
  private readonly server: Server;
  private readonly gateway: FakeGateway;
  /** Attachments posted in threads, by CDN path. */
  private readonly cdn = new Map<string, { contentType: string; bytes: Buffer }>();
  /** Every attachment download, by CDN path. */
  readonly cdnFetches: string[] = [];

  private constructor(options: DiscordEmulatorOptions) {
    super(options);
    this.server = createServer((req, res) => void this.handle(req, res));
    this.gateway = new FakeGateway(this.server, {
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      onIdentify: () => ({ ready: readyPayload(this), guilds: [guildPayload(this)] }),
    });
  }

  static async start(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
    const emu = new DiscordEmulator(options);
    await new Promise<void>((resolve) => emu.server.listen(0, '127.0.0.1', resolve));
    const { port } = emu.server.address() as AddressInfo;
    emu.apiUrl = `http://127.0.0.1:${port}/api`;
    return emu;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get gatewayStats() {
    return this.gateway.stats;
  }

  get gatewaySessions(): number {
    return this.gateway.sessions;
  }

  /** The next `times` matching requests get a 429 with `retry_after`. */
  rateLimit(method: string, path: RegExp, retryAfterSec: number, times = 1): void {
    this.faults.push({ method, path, status: 429, retryAfterSec, remaining: times });
  }

  /** The next `times` matching requests fail with `status` (e.g. 500, 403). */
  fail(method: string, path: RegExp, status: number, times = 1): void {
    this.faults.push({ method, path, status, remaining: times });
  }

  /** A user writes to the bot in a DM; returns the message as dispatched. */
  sendDM(from: FakeUser, content: string, extra: { attachments?: Json[]; id?: string } = {}): Json {
    const dm = this.openDM(from.id);
    const message = { ...this.baseMessage(dm, from, content), ...extra };
    if (!extra.id) this.store(message);
    // The gateway adds channel_type: discord.js needs it to build the uncached DM channel.
    this.dispatch('MESSAGE_CREATE', { ...message, channel_type: 1 });
    this.notify();
    return message;
  }

  /**
   * A guild member writes in a thread (the owner typing in a customer's forum post), with any
   * files attached: hosted on the emulator's "CDN" (`/attachments/…`, like cdn.discordapp.com).
   */
  postInThread(
    threadId: string,
    from: FakeUser,
    content: string,
    roles: string[] = [],
    files: { name: string; contentType: string; bytes: Buffer }[] = [],
  ): Json {
    const thread = this.channels.get(threadId);
    if (!thread) throw new Error(`emulator: no thread ${threadId}`);
    const attachments = files.map((f) => {
      const id = snowflake();
      const url = `${this.apiUrl.replace(/\/api$/, '')}/attachments/${threadId}/${id}/${encodeURIComponent(f.name)}?ex=0&is=0&hm=emulator`;
      this.cdn.set(new URL(url).pathname, { contentType: f.contentType, bytes: f.bytes });
      return { id, filename: f.name, size: f.bytes.length, content_type: f.contentType, url, proxy_url: url };
    });
    const message = {
      ...this.baseMessage(thread, from, content),
      attachments,
      member: { roles, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    };
    this.store(message);
    this.dispatch('MESSAGE_CREATE', { ...this.visibleContent(message), channel_type: thread.type });
    this.notify();
    return message;
  }

  private interactionBase(
    type: number,
    user: FakeUser,
    channel: FakeChannel,
    roles: string[],
  ): Json & InteractionRecord {
    const id = snowflake();
    const token = `itk.${randomBytes(18).toString('base64url')}`;
    const record: InteractionRecord = {
      id,
      token,
      type,
      userId: user.id,
      channelId: channel.id,
      dispatchedAt: Date.now(),
      callbacks: [],
      followUps: [],
    };
    this.interactions.set(id, record);
    return { ...record, ...interactionContext(this.applicationId, user, channel, roles) };
  }

  private dispatchInteraction(payload: Json, record: InteractionRecord): InteractionRecord {
    const stripped = { ...payload };
    for (const key of [
      'callbacks',
      'followUps',
      'dispatchedAt',
      'userId',
      'channelId',
      'originalMessageId',
      'originalChannelId',
    ]) {
      delete stripped[key];
    }
    record.dispatchedAt = Date.now();
    this.dispatch('INTERACTION_CREATE', stripped);
    this.notify();
    return record;
  }

  /** A user clicks a button (component type 2) on a message the bot posted. */
  click(
    user: FakeUser,
    messageId: string,
    customId: string,
    roles: string[] = [],
    opts: { stale?: boolean } = {},
  ): InteractionRecord {
    return this.component(user, messageId, { custom_id: customId, component_type: 2 }, roles, opts.stale);
  }

  /** A user picks values in a string select (component type 3). */
  select(
    user: FakeUser,
    messageId: string,
    customId: string,
    values: string[],
    roles: string[] = [],
  ): InteractionRecord {
    return this.component(user, messageId, { custom_id: customId, component_type: 3, values }, roles);
  }

  /** `stale`: the user's app still shows a button the bot has since removed (a race Discord allows). */
  private component(
    user: FakeUser,
    messageId: string,
    data: Json,
    roles: string[],
    stale = false,
  ): InteractionRecord {
    // An ephemeral reply is nobody's channel message, but its buttons can be clicked all the same.
    const message =
      this.findMessage(messageId) ??
      [...this.interactions.values()].flatMap((r) => r.followUps).find((m) => m.id === messageId);
    if (!message) throw new Error(`emulator: no message ${messageId}`);
    const exists = JSON.stringify(message.components ?? []).includes(JSON.stringify(data.custom_id));
    if (!exists && !stale)
      throw new Error(`emulator: message ${messageId} has no component ${String(data.custom_id)}`);
    const channel = this.channels.get(String(message.channel_id)) as FakeChannel;
    const payload = { ...this.interactionBase(3, user, channel, roles), type: 3, data, message };
    const record = this.interactions.get(String(payload.id)) as InteractionRecord;
    record.originalMessageId = String(message.id);
    record.originalChannelId = channel.id;
    return this.dispatchInteraction(payload, record);
  }

  /** A user submits a modal the bot showed in answer to `after` (an earlier interaction). */
  submitModal(
    user: FakeUser,
    after: InteractionRecord,
    values: Record<string, string>,
    roles: string[] = [],
  ): InteractionRecord {
    const modal = after.callbacks.find((c) => c.type === 9 && c.status < 300)?.data;
    if (!modal) throw new Error('emulator: that interaction showed no modal');
    const components = (modal.components as Json[]).map((c) => {
      const input = (c.type === 18 ? c.component : (c.components as Json[])[0]) as Json;
      const value = values[String(input.custom_id)] ?? String(input.value ?? '');
      const inner = { type: 4, id: input.id ?? 1, custom_id: input.custom_id, value };
      return c.type === 18 ? { type: 18, id: c.id ?? 2, component: inner } : { type: 1, components: [inner] };
    });
    const channel = this.channels.get(after.channelId) as FakeChannel;
    const message = after.originalMessageId ? this.findMessage(after.originalMessageId) : undefined;
    const payload = {
      ...this.interactionBase(5, user, channel, roles),
      type: 5,
      data: { custom_id: modal.custom_id, components },
      ...(message ? { message } : {}),
    };
    const record = this.interactions.get(String(payload.id)) as InteractionRecord;
    record.originalMessageId = after.originalMessageId;
    record.originalChannelId = after.originalChannelId;
    return this.dispatchInteraction(payload, record);
  }

  /** A user runs `/name subcommand option:value` in a channel (the forum post by default). */
  slash(
    user: FakeUser,
    name: string,
    subcommand: string | undefined,
    options: Record<string, string> = {},
    opts: { channelId?: string; roles?: string[] } = {},
  ): InteractionRecord {
    const channel = this.channels.get(opts.channelId ?? this.threads()[0]?.id ?? this.forumId) as FakeChannel;
    const registered = this.commands.get(this.guildId)?.find((c) => c.name === name);
    const leaf = Object.entries(options).map(([k, v]) => ({ type: 3, name: k, value: v }));
    const data = {
      id: String(registered?.id ?? snowflake()),
      name,
      type: 1,
      guild_id: this.guildId,
      options: subcommand ? [{ type: 1, name: subcommand, options: leaf }] : leaf,
    };
    const payload = { ...this.interactionBase(2, user, channel, opts.roles ?? []), type: 2, data };
    return this.dispatchInteraction(payload, this.interactions.get(String(payload.id)) as InteractionRecord);
  }

  /** Discord archives a quiet post (auto_archive_duration passed). */
  archiveThread(threadId: string): void {
    const thread = this.channels.get(threadId);
    if (!thread) throw new Error(`emulator: no thread ${threadId}`);
    (thread.thread_metadata as Json).archived = true;
    this.dispatch('THREAD_UPDATE', thread);
  }

  /** Someone deletes a forum post (and its messages) in the Discord app. */
  deleteThread(threadId: string): void {
    const thread = this.channels.get(threadId);
    if (!thread) throw new Error(`emulator: no thread ${threadId}`);
    this.channels.delete(threadId);
    this.messages.delete(threadId);
    this.dispatch('THREAD_DELETE', {
      id: threadId,
      guild_id: thread.guild_id,
      parent_id: thread.parent_id,
      type: 11,
    });
    this.notify();
  }

  /** Waits for an interaction's first acknowledgement. */
  acknowledged(record: InteractionRecord, timeoutMs = 5000): Promise<{ type: number; data?: Json }> {
    return this.waitFor(() => record.callbacks.find((c) => c.status < 300), timeoutMs, `ack of ${record.id}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://x');
    const hosted = method === 'GET' ? this.cdn.get(url.pathname) : undefined;
    if (hosted) {
      this.cdnFetches.push(url.pathname);
      res.writeHead(200, { 'content-type': hosted.contentType }).end(hosted.bytes);
      return;
    }
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    let json: Json = {};
    let files: UploadedFile[] = [];
    try {
      const parsed = parseBody(req.headers['content-type'], await readBody(req));
      json = parsed.json;
      files = parsed.files;
    } catch {
      return this.reply(res, method, path, json, files, 400, { message: '400: Bad Request', code: 50109 });
    }
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) =>
      this.reply(res, method, path, json, files, status, body, headers);

    if (!url.pathname.startsWith('/api/v10/')) return answer(404, { message: '404: Not Found', code: 0 });

    const fault = this.faults.find((f) => f.remaining > 0 && f.method === method && f.path.test(path));
    if (fault) {
      fault.remaining -= 1;
      if (fault.status === 429) {
        const retryAfter = fault.retryAfterSec ?? 1;
        return answer(
          429,
          { message: 'You are being rate limited.', retry_after: retryAfter, global: false, code: 0 },
          {
            'Retry-After': String(retryAfter),
            'X-RateLimit-Scope': 'user',
            'X-RateLimit-Limit': '5',
            'X-RateLimit-Remaining': '0',
            'X-RateLimit-Reset-After': String(retryAfter),
          },
        );
      }
      return answer(fault.status, { message: `${fault.status}: injected`, code: 0 });
    }

    const isWebhook = /^\/(interactions|webhooks)\//.test(path);
    if (!isWebhook && req.headers.authorization !== `Bot ${this.token}`) {
      return answer(401, { message: '401: Unauthorized', code: 0 });
    }
    try {
      this.query = url.searchParams;
      const routed = routeRest(this, method, path, json, files);
      if (!routed) {
        this.unhandled.push(`${method} ${path}`);
        return answer(404, { message: '404: Not Found', code: 0 });
      }
      return answer(routed.status, routed.body);
    } catch (error) {
      return answer(500, { message: String(error), code: 0 });
    }
  }

  private reply(
    res: ServerResponse,
    method: string,
    path: string,
    body: Json,
    files: UploadedFile[],
    status: number,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): void {
    if (status === 401 || status === 403 || status === 429) this.invalidRequests += 1;
    this.calls.push({ method, path, status, body, files, at: Date.now() });
    res.writeHead(
      status,
      payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
    );
    res.end(payload === undefined ? undefined : JSON.stringify(payload));
    this.notify();
  }

  dispatch(t: string, d: unknown): number {
    return this.gateway.dispatch(t, d);
  }

  gatewayIntents(): number {
    return this.gateway.intents;
  }
}
