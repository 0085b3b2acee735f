/**
 * The Discord emulator's state and the helpers both sides use: the REST routes (rest.ts,
 * rest-interactions.ts) and the test-facing actions (index.ts).
 */
import { randomBytes } from 'node:crypto';
import { snowflake, type UploadedFile } from './wire.js';

export type Json = Record<string, unknown>;

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
  /** How long enforce_nonce remembers a nonce (Discord: "the past few minutes"; here 5 min). */
  nonceWindowMs?: number;
  /** The clock nonces are remembered by (tests move it instead of sleeping). */
  now?: () => number;
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  retryAfterSec?: number;
  remaining: number;
}

export abstract class EmulatorState {
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
  readonly faults: Fault[] = [];
  /** The query string of the request being routed (message history paging). */
  query = new URLSearchParams();
  /** enforce_nonce: channel:nonce → the message first created with it, and when. */
  readonly nonces = new Map<string, { message: Json; at: number }>();
  readonly nonceWindowMs: number;
  readonly now: () => number;
  readonly deadlineMs: number;
  private readonly waiters = new Set<() => void>();

  constructor(options: DiscordEmulatorOptions) {
    this.token = options.token ?? `emu.${randomBytes(12).toString('base64url')}`;
    this.bot = this.user('solodesk', { bot: true });
    this.applicationId = this.bot.id;
    this.everyoneRoleId = this.guildId;
    this.deadlineMs = options.interactionDeadlineMs ?? 3000;
    this.nonceWindowMs = options.nonceWindowMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
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
  }

  /** Sends a gateway dispatch (op 0) to every identified session. */
  abstract dispatch(t: string, d: unknown): number;
  /** The intents the client identified with. */
  abstract gatewayIntents(): number;

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

  tag(name: string): Json {
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

  notify(): void {
    for (const w of [...this.waiters]) w();
  }

  baseMessage(channel: FakeChannel, author: FakeUser, content: string): Json {
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

  store(message: Json): void {
    const list = this.messages.get(String(message.channel_id)) ?? [];
    list.push(message);
    this.messages.set(String(message.channel_id), list);
  }

  /** Without the MessageContent intent Discord blanks guild message content. */
  visibleContent(message: Json): Json {
    const hasContentIntent = (this.gatewayIntents() & (1 << 15)) !== 0;
    if (message.guild_id && !hasContentIntent)
      return { ...message, content: '', embeds: [], attachments: [] };
    return message;
  }

  findMessage(messageId: string): Json | undefined {
    for (const list of this.messages.values()) {
      const m = list.find((x) => x.id === messageId);
      if (m) return m;
    }
    return undefined;
  }

  invalid(where: string, problems: string[]): { status: number; body: Json } {
    for (const p of problems) this.violations.push(`${where}: ${p}`);
    return {
      status: 400,
      body: { message: 'Invalid Form Body', code: 50035, errors: { _errors: problems } },
    };
  }

  openDM(userId: string): FakeChannel {
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

  botMessage(channel: FakeChannel, body: Json, files: UploadedFile[], id = snowflake()): Json {
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
}
