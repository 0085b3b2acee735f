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
import { checkAppliedTags, checkForumThread, checkMessage, checkModal } from './limits.js';
import { parseBody, readBody, snowflake, type UploadedFile } from './wire.js';

type Json = Record<string, unknown>;

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export interface FakeChannel extends Json {
  id: string;
  type: number;
}

export interface RecordedCall {
  method: string;
  path: string;
  status: number;
  body: Json;
  files: UploadedFile[];
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  userId: string;
  channelId: string;
  dispatchedAt: number;
  /** Callback bodies in the order received (including rejected second acknowledgements). */
  callbacks: { type: number; data?: Json; at: number; status: number }[];
  followUps: Json[];
  /** The message the interaction's @original refers to. */
  originalMessageId?: string;
  originalChannelId?: string;
}

export interface DiscordEmulatorOptions {
  token?: string;
  heartbeatIntervalMs?: number;
  /** Forum flags: REQUIRE_TAG (16) makes every post need a tag. */
  forumFlags?: number;
  /** Tags that exist before the desk starts. */
  forumTags?: string[];
  /** Interaction deadline (Discord: 3 s). */
  interactionDeadlineMs?: number;
}

interface Fault {
  method: string;
  path: RegExp;
  status: number;
  retryAfterSec?: number;
  remaining: number;
}

const INTERACTION_TTL_MS = 15 * 60_000;

export class DiscordEmulator {
  readonly token: string;
  readonly bot: FakeUser;
  readonly applicationId: string;
  readonly guildId = snowflake();
  readonly forumId = snowflake();
  readonly everyoneRoleId: string;
  /** A guild role tests can give owners (DISCORD_OWNER_ROLE_ID). */
  readonly ownerRoleId = snowflake();
  readonly calls: RecordedCall[] = [];
  readonly violations: string[] = [];
  readonly unhandled: string[] = [];
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, Json[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly commands = new Map<string, Json[]>();
  readonly users = new Map<string, FakeUser>();
  /** Users whose privacy settings refuse DMs from the bot (Discord answers 403, code 50007). */
  readonly closedDMs = new Set<string>();
  /** 401, 403 and 429 answers, which Discord counts towards its 10,000 per 10 minutes ban. */
  invalidRequests = 0;
  apiUrl = '';
  private readonly faults: Fault[] = [];
  /** The query string of the request being routed (message history paging). */
  private query = new URLSearchParams();
  private readonly nonces = new Map<string, Json>();
  private readonly waiters = new Set<() => void>();
  private readonly server: Server;
  private readonly gateway: FakeGateway;
  private readonly deadlineMs: number;

  private constructor(options: DiscordEmulatorOptions) {
    this.token = options.token ?? `emu.${randomBytes(12).toString('base64url')}`;
    this.bot = this.user('solodesk', { bot: true });
    this.applicationId = this.bot.id;
    this.everyoneRoleId = this.guildId;
    this.deadlineMs = options.interactionDeadlineMs ?? 3000;
    this.channels.set(this.forumId, {
      id: this.forumId,
      type: 15,
      guild_id: this.guildId,
      name: 'support',
      position: 0,
      flags: options.forumFlags ?? 0,
      permission_overwrites: [],
      available_tags: (options.forumTags ?? []).map((name) => this.tag(name)),
      default_reaction_emoji: null,
      default_sort_order: null,
      default_forum_layout: 0,
      rate_limit_per_user: 0,
      topic: null,
      nsfw: false,
    });
    this.server = createServer((req, res) => void this.handle(req, res));
    this.gateway = new FakeGateway(this.server, {
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      onIdentify: () => ({ ready: this.readyPayload(), guilds: [this.guildPayload()] }),
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

  // ------------------------------------------------------------ fixtures

  user(username: string, extra: { bot?: boolean; id?: string; globalName?: string } = {}): FakeUser {
    const u: FakeUser = {
      id: extra.id ?? snowflake(),
      username,
      global_name: extra.globalName ?? null,
      discriminator: '0',
      avatar: null,
      ...(extra.bot ? { bot: true } : {}),
    };
    this.users.set(u.id, u);
    return u;
  }

  private tag(name: string): Json {
    return { id: snowflake(), name, moderated: false, emoji_id: null, emoji_name: null };
  }

  forum(): FakeChannel {
    return this.channels.get(this.forumId) as FakeChannel;
  }

  forumTagIds(): string[] {
    return ((this.forum().available_tags as Json[]) ?? []).map((t) => String(t.id));
  }

  tagNames(ids: unknown): string[] {
    const tags = (this.forum().available_tags as Json[]) ?? [];
    return (Array.isArray(ids) ? ids : []).map((id) => String(tags.find((t) => t.id === id)?.name ?? id));
  }

  threads(): FakeChannel[] {
    return [...this.channels.values()].filter((c) => c.parent_id === this.forumId);
  }

  messagesIn(channelId: string): Json[] {
    return this.messages.get(channelId) ?? [];
  }

  dmChannelOf(userId: string): FakeChannel | undefined {
    return [...this.channels.values()].find(
      (c) => c.type === 1 && (c.recipients as FakeUser[]).some((r) => r.id === userId),
    );
  }

  /** Messages the bot sent to a user's DM channel. */
  dmsTo(userId: string): Json[] {
    const dm = this.dmChannelOf(userId);
    return dm ? this.messagesIn(dm.id).filter((m) => (m.author as FakeUser).id === this.bot.id) : [];
  }

  private readyPayload(): Json {
    return {
      v: 10,
      user: { ...this.bot, verified: true, flags: 0, mfa_enabled: false },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: randomBytes(16).toString('hex'),
      resume_gateway_url: this.apiUrl.replace(/^http/, 'ws').replace(/\/api$/, '/gateway'),
      application: { id: this.applicationId, flags: 1 << 19 },
      private_channels: [],
      relationships: [],
      shard: [0, 1],
    };
  }

  private guildPayload(): Json {
    return {
      id: this.guildId,
      name: 'Shop',
      icon: null,
      owner_id: snowflake(),
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      features: [],
      mfa_level: 0,
      premium_tier: 0,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      large: false,
      unavailable: false,
      member_count: 2,
      joined_at: new Date().toISOString(),
      roles: [this.everyoneRoleId, this.ownerRoleId].map((id, position) => ({
        id,
        name: position === 0 ? '@everyone' : 'Support owner',
        permissions: '0',
        position,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      })),
      emojis: [],
      stickers: [],
      members: [
        {
          user: this.bot,
          roles: [],
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
      ],
      channels: [this.forum()],
      threads: this.threads().filter((t) => !(t.thread_metadata as Json)?.archived),
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ------------------------------------------------------------ test controls

  /** The next `times` matching requests get a 429 with `retry_after`. */
  rateLimit(method: string, path: RegExp, retryAfterSec: number, times = 1): void {
    this.faults.push({ method, path, status: 429, retryAfterSec, remaining: times });
  }

  /** The next `times` matching requests fail with `status` (e.g. 500, 403). */
  fail(method: string, path: RegExp, status: number, times = 1): void {
    this.faults.push({ method, path, status, remaining: times });
  }

  /** Resolves when `check` returns a value (re-checked on every recorded call and dispatch). */
  waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = (): boolean => {
        const v = check();
        if (v !== undefined && v !== false) {
          cleanup();
          resolve(v);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`emulator: timed out waiting for ${what}`));
      }, timeoutMs);
      // Conditions on the client's side (an intake, a store) change without a call here.
      const poll = setInterval(() => void attempt(), 10);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(waiter);
      };
      const waiter = () => void attempt();
      if (!attempt()) this.waiters.add(waiter);
    });
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  // ------------------------------------------------------------ gateway events

  private baseMessage(channel: FakeChannel, author: FakeUser, content: string): Json {
    return {
      id: snowflake(),
      channel_id: channel.id,
      ...(channel.guild_id ? { guild_id: channel.guild_id } : {}),
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 0,
      flags: 0,
    };
  }

  private store(message: Json): void {
    const list = this.messages.get(String(message.channel_id)) ?? [];
    list.push(message);
    this.messages.set(String(message.channel_id), list);
  }

  /** Without the MessageContent intent Discord blanks guild message content. */
  private visibleContent(message: Json): Json {
    const hasContentIntent = (this.gateway.intents & (1 << 15)) !== 0;
    if (message.guild_id && !hasContentIntent)
      return { ...message, content: '', embeds: [], attachments: [] };
    return message;
  }

  /** A user writes to the bot in a DM; returns the message as dispatched. */
  sendDM(from: FakeUser, content: string, extra: { attachments?: Json[]; id?: string } = {}): Json {
    const dm = this.openDM(from.id);
    const message = { ...this.baseMessage(dm, from, content), ...extra };
    if (!extra.id) this.store(message);
    // The gateway adds channel_type: discord.js needs it to build the uncached DM channel.
    this.gateway.dispatch('MESSAGE_CREATE', { ...message, channel_type: 1 });
    this.notify();
    return message;
  }

  /** A guild member writes in a thread (the owner typing in a customer's forum post). */
  postInThread(threadId: string, from: FakeUser, content: string, roles: string[] = []): Json {
    const thread = this.channels.get(threadId);
    if (!thread) throw new Error(`emulator: no thread ${threadId}`);
    const message = {
      ...this.baseMessage(thread, from, content),
      member: { roles, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    };
    this.store(message);
    this.gateway.dispatch('MESSAGE_CREATE', { ...this.visibleContent(message), channel_type: thread.type });
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
    const where = channel.guild_id
      ? {
          guild_id: channel.guild_id,
          guild: { id: channel.guild_id, locale: 'en-US', features: [] },
          member: {
            user,
            roles,
            permissions: '2248473465835073',
            joined_at: new Date().toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
          },
          context: 0,
        }
      : { user, context: 1 };
    return {
      ...record,
      application_id: this.applicationId,
      version: 1,
      channel_id: channel.id,
      channel: { ...channel },
      app_permissions: '2248473465835073',
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
      attachment_size_limit: 10485760,
      ...where,
    };
  }

  private findMessage(messageId: string): Json | undefined {
    for (const list of this.messages.values()) {
      const m = list.find((x) => x.id === messageId);
      if (m) return m;
    }
    return undefined;
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
    this.gateway.dispatch('INTERACTION_CREATE', stripped);
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
    const message = this.findMessage(messageId);
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

  /** Someone deletes a forum post (and its messages) in the Discord app. */
  deleteThread(threadId: string): void {
    const thread = this.channels.get(threadId);
    if (!thread) throw new Error(`emulator: no thread ${threadId}`);
    this.channels.delete(threadId);
    this.messages.delete(threadId);
    this.gateway.dispatch('THREAD_DELETE', {
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

  // ------------------------------------------------------------ REST

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://x');
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
      const routed = this.route(method, path, json, files);
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

  private invalid(where: string, problems: string[]): { status: number; body: Json } {
    for (const p of problems) this.violations.push(`${where}: ${p}`);
    return {
      status: 400,
      body: { message: 'Invalid Form Body', code: 50035, errors: { _errors: problems } },
    };
  }

  private route(
    method: string,
    path: string,
    body: Json,
    files: UploadedFile[],
  ): { status: number; body?: unknown } | undefined {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      const ws = this.apiUrl.replace(/^http/, 'ws').replace(/\/api$/, '/gateway');
      return {
        status: 200,
        body: {
          url: ws,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if (method === 'GET' && path === '/users/@me') return { status: 200, body: this.bot };
    if (method === 'GET' && (path === '/applications/@me' || path === '/oauth2/applications/@me')) {
      return { status: 200, body: { id: this.applicationId, name: 'solodesk', bot: this.bot, flags: 0 } };
    }
    if (method === 'GET' && (m = /^\/users\/(\d+)$/.exec(path))) {
      const u = this.users.get(m[1] as string);
      return u ? { status: 200, body: u } : { status: 404, body: { message: 'Unknown User', code: 10013 } };
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = String(body.recipient_id ?? '');
      if (!this.users.has(recipient)) return { status: 400, body: { message: 'Unknown User', code: 10013 } };
      return { status: 200, body: this.openDM(recipient) };
    }
    if ((m = /^\/channels\/(\d+)$/.exec(path))) return this.channelRoute(method, m[1] as string, body);
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/threads$/.exec(path)))
      return this.createThread(m[1] as string, body, files);
    if ((m = /^\/channels\/(\d+)\/messages(?:\/(\d+))?$/.exec(path))) {
      return this.messageRoute(method, m[1] as string, m[2], body, files);
    }
    if (method === 'PUT' && (m = /^\/channels\/(\d+)\/thread-members\/@me$/.exec(path)))
      return { status: 204 };
    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      return this.callback(m[1] as string, m[2] as string, body, files);
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path))) {
      return this.webhook(method, m[2] as string, m[3], body);
    }
    if (method === 'PUT' && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      return this.putCommands(m[2] ?? 'global', body);
    }
    return undefined;
  }

  private openDM(userId: string): FakeChannel {
    const existing = this.dmChannelOf(userId);
    if (existing) return existing;
    const dm: FakeChannel = {
      id: snowflake(),
      type: 1,
      recipients: [this.users.get(userId)],
      last_message_id: null,
      flags: 0,
    };
    this.channels.set(dm.id, dm);
    return dm;
  }

  private channelRoute(method: string, id: string, body: Json): { status: number; body?: unknown } {
    const channel = this.channels.get(id);
    if (!channel) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    if (method === 'GET') return { status: 200, body: channel };
    if (method !== 'PATCH') return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
    if (channel.type === 15 && Array.isArray(body.available_tags)) {
      const tags = body.available_tags as Json[];
      const problems: string[] = [];
      if (tags.length > 20) problems.push(`${tags.length} available tags (max 20)`);
      for (const t of tags)
        if (typeof t.name !== 'string' || t.name.length < 1 || t.name.length > 20)
          problems.push('tag name must be 1-20 characters');
      if (problems.length) return this.invalid(`PATCH /channels/${id}`, problems);
      channel.available_tags = tags.map((t) => ({
        ...this.tag(String(t.name)),
        ...(t.id ? { id: t.id } : {}),
      }));
    }
    if (channel.type === 11) {
      if (body.applied_tags !== undefined) {
        const problems = checkAppliedTags(body.applied_tags, {
          flags: Number(this.forum().flags),
          tagIds: this.forumTagIds(),
        });
        if (problems.length) return this.invalid(`PATCH /channels/${id}`, problems);
        channel.applied_tags = body.applied_tags;
      }
      if (typeof body.name === 'string') {
        if (body.name.length < 1 || body.name.length > 100)
          return this.invalid(`PATCH /channels/${id}`, ['thread name must be 1-100 characters']);
        channel.name = body.name;
      }
      if (typeof body.archived === 'boolean') (channel.thread_metadata as Json).archived = body.archived;
    }
    this.gateway.dispatch(channel.type === 11 ? 'THREAD_UPDATE' : 'CHANNEL_UPDATE', channel);
    return { status: 200, body: channel };
  }

  private createThread(
    parentId: string,
    body: Json,
    files: UploadedFile[],
  ): { status: number; body?: unknown } {
    const parent = this.channels.get(parentId);
    if (!parent) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    if (parent.type !== 15)
      return this.invalid(`POST /channels/${parentId}/threads`, ['only forum posts are emulated']);
    const problems = checkForumThread(body, { flags: Number(parent.flags), tagIds: this.forumTagIds() });
    if (problems.length) return this.invalid(`POST /channels/${parentId}/threads`, problems);
    const id = snowflake();
    const thread: FakeChannel = {
      id,
      type: 11,
      guild_id: this.guildId,
      parent_id: parentId,
      owner_id: this.bot.id,
      name: body.name,
      applied_tags: body.applied_tags ?? [],
      last_message_id: id,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      flags: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: body.auto_archive_duration ?? 4320,
        archive_timestamp: new Date().toISOString(),
        locked: false,
        create_timestamp: new Date().toISOString(),
      },
    };
    this.channels.set(id, thread);
    // In a forum the starter message has the thread's id.
    const message = this.botMessage(thread, body.message as Json, files, id);
    this.store(message);
    this.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return { status: 201, body: { ...thread, message } };
  }

  private botMessage(channel: FakeChannel, body: Json, files: UploadedFile[], id = snowflake()): Json {
    return {
      ...this.baseMessage(channel, this.bot, String(body.content ?? '')),
      id,
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      flags: body.flags ?? 0,
      attachments: files.map((f) => ({
        id: snowflake(),
        filename: f.filename,
        size: f.size,
        content_type: f.contentType,
        url: `https://cdn.example/${f.filename}`,
        proxy_url: `https://cdn.example/${f.filename}`,
      })),
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
    };
  }

  private messageRoute(
    method: string,
    channelId: string,
    messageId: string | undefined,
    body: Json,
    files: UploadedFile[],
  ): { status: number; body?: unknown } {
    const channel = this.channels.get(channelId);
    if (!channel) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    const where = `${method} /channels/${channelId}/messages`;
    if (method === 'GET' && !messageId) {
      // Newest first, like Discord; `after` / `before` page by snowflake, `limit` 1-100 (default 50).
      const after = this.query.get('after');
      const before = this.query.get('before');
      const limit = Math.min(100, Math.max(1, Number(this.query.get('limit') ?? 50)));
      const list = this.messagesIn(channelId).filter(
        (m) =>
          (!after || BigInt(String(m.id)) > BigInt(after)) &&
          (!before || BigInt(String(m.id)) < BigInt(before)),
      );
      const page = after ? list.slice(0, limit) : list.slice(-limit);
      return { status: 200, body: page.reverse() };
    }
    if (method === 'POST' && !messageId) {
      if (channel.type === 15)
        return { status: 400, body: { message: 'Cannot send messages in a forum channel', code: 50008 } };
      const recipients = (channel.recipients as FakeUser[] | undefined) ?? [];
      if (channel.type === 1 && recipients.some((r) => this.closedDMs.has(r.id))) {
        return { status: 403, body: { message: 'Cannot send messages to this user', code: 50007 } };
      }
      const problems = checkMessage(body, { requireSomething: files.length === 0 });
      if (problems.length) return this.invalid(where, problems);
      // enforce_nonce: the same author and nonce within minutes returns the first message.
      if (body.enforce_nonce && body.nonce !== undefined) {
        const seen = this.nonces.get(`${channelId}:${String(body.nonce)}`);
        if (seen) return { status: 200, body: seen };
      }
      const message = this.botMessage(channel, body, files);
      if (body.enforce_nonce && body.nonce !== undefined)
        this.nonces.set(`${channelId}:${String(body.nonce)}`, message);
      this.store(message);
      this.gateway.dispatch('MESSAGE_CREATE', {
        ...this.visibleContent(message),
        channel_type: channel.type,
      });
      return { status: 200, body: message };
    }
    const message = messageId ? this.messagesIn(channelId).find((x) => x.id === messageId) : undefined;
    if (!message) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    if (method === 'GET') return { status: 200, body: message };
    if (method === 'PATCH') return this.editMessage(where, message, body);
    if (method === 'DELETE') {
      this.messages.set(
        channelId,
        this.messagesIn(channelId).filter((x) => x !== message),
      );
      return { status: 204 };
    }
    return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
  }

  private editMessage(where: string, message: Json, body: Json): { status: number; body?: unknown } {
    if ((message.author as FakeUser).id !== this.bot.id)
      return {
        status: 403,
        body: { message: 'Cannot edit a message authored by another user', code: 50005 },
      };
    const merged = { ...message, ...body };
    const problems = checkMessage(merged, { requireSomething: true });
    if (problems.length) return this.invalid(where, problems);
    for (const key of ['content', 'embeds', 'components', 'flags'] as const)
      if (key in body) message[key] = body[key];
    message.edited_timestamp = new Date().toISOString();
    this.gateway.dispatch('MESSAGE_UPDATE', this.visibleContent(message));
    return { status: 200, body: message };
  }

  private callback(
    id: string,
    token: string,
    body: Json,
    files: UploadedFile[],
  ): { status: number; body?: unknown } {
    const record = this.interactions.get(id);
    if (!record || record.token !== token)
      return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    const at = Date.now();
    const type = Number(body.type);
    const data = body.data as Json | undefined;
    const log = (status: number) => record.callbacks.push({ type, ...(data ? { data } : {}), at, status });
    if (at - record.dispatchedAt > this.deadlineMs) {
      log(404);
      this.violations.push(
        `interaction ${id} answered after ${at - record.dispatchedAt} ms (max ${this.deadlineMs})`,
      );
      return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    }
    if (record.callbacks.some((c) => c.status < 300)) {
      log(400);
      this.violations.push(`interaction ${id} acknowledged twice`);
      return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    }
    let problems: string[] = [];
    if (type === 9) problems = checkModal(data ?? {});
    else if (type === 4 || type === 7)
      problems = checkMessage(data ?? {}, { requireSomething: type === 4 && files.length === 0 });
    else if (type !== 5 && type !== 6) problems = [`unsupported callback type ${type}`];
    if (type === 9 && record.type === 5) problems.push('a modal cannot answer a modal submit');
    if ((type === 6 || type === 7) && !record.originalMessageId)
      problems.push('only component interactions can update a message');
    if (problems.length) {
      log(400);
      return this.invalid(`callback ${id}`, problems);
    }
    log(204);
    const channel = this.channels.get(record.channelId) as FakeChannel;
    if (type === 7 && record.originalMessageId) {
      const message = this.findMessage(record.originalMessageId) as Json;
      for (const key of ['content', 'embeds', 'components'] as const)
        if (data && key in data) message[key] = data[key];
    }
    if (type === 4 || type === 5) {
      const ephemeral = (Number(data?.flags ?? 0) & 64) !== 0;
      const message = this.botMessage(channel, type === 4 ? (data ?? {}) : { content: '' }, files);
      message.interaction_id = id;
      if (ephemeral) message.flags = 64;
      else this.store(message);
      record.followUps.push(message);
      record.originalMessageId = String(message.id);
      record.originalChannelId = channel.id;
    }
    return { status: 204 };
  }

  private webhook(
    method: string,
    token: string,
    target: string | undefined,
    body: Json,
  ): { status: number; body?: unknown } {
    const record = [...this.interactions.values()].find((r) => r.token === token);
    if (!record || Date.now() - record.dispatchedAt > INTERACTION_TTL_MS) {
      return { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } };
    }
    if (!record.callbacks.some((c) => c.status < 300)) {
      return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
    }
    const where = `${method} /webhooks/${token.slice(0, 8)}…`;
    if (method === 'POST' && !target) {
      const problems = checkMessage(body, { requireSomething: true });
      if (problems.length) return this.invalid(where, problems);
      const message = this.botMessage(this.channels.get(record.channelId) as FakeChannel, body, []);
      record.followUps.push(message);
      if ((Number(body.flags ?? 0) & 64) === 0) this.store(message);
      return { status: 200, body: message };
    }
    const messageId = target === '@original' ? record.originalMessageId : target;
    const message = messageId
      ? (this.findMessage(messageId) ?? record.followUps.find((m) => m.id === messageId))
      : undefined;
    if (!message) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    if (method === 'GET') return { status: 200, body: message };
    if (method === 'PATCH') return this.editMessage(where, message, body);
    return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
  }

  private putCommands(scope: string, body: unknown): { status: number; body?: unknown } {
    const list = Array.isArray(body) ? (body as Json[]) : [];
    const problems: string[] = [];
    const nameRe = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
    const walk = (cmds: Json[], depth: string) => {
      if (cmds.length > 25 && depth !== '') problems.push(`${depth}: more than 25 options`);
      for (const c of cmds) {
        const name = String(c.name ?? '');
        if (!nameRe.test(name) || name !== name.toLowerCase()) problems.push(`${depth}${name}: invalid name`);
        const d = String(c.description ?? '');
        if (d.length < 1 || d.length > 100)
          problems.push(`${depth}${name}: description must be 1-100 characters`);
        if (Array.isArray(c.choices) && c.choices.length > 25)
          problems.push(`${depth}${name}: more than 25 choices`);
        if (Array.isArray(c.options)) walk(c.options as Json[], `${depth}${name}.`);
      }
    };
    walk(list, '');
    if (list.length > 100) problems.push('more than 100 commands');
    if (problems.length) return this.invalid(`PUT commands (${scope})`, problems);
    const stored = list.map((c) => ({
      ...c,
      id: snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
    }));
    this.commands.set(scope === 'global' ? 'global' : scope, stored);
    return { status: 200, body: stored };
  }
}
