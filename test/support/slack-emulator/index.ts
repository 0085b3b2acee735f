/**
 * A local Slack Web API (and Socket Mode endpoint) for tests. The real WebClient, Bolt and
 * socket-mode client talk to it over HTTP/WebSocket. It records every call, answers like
 * Slack (HTTP 200 with ok:false for errors, 429 + Retry-After when rate limited), and
 * enforces what PLATFORMS.md §7 says our code must respect:
 *   - Block Kit limits on every message, ephemeral, response_url payload and view (§7.9, §7.10);
 *   - a second chat.postMessage to one channel within `postWindowMs` gets 429 (§7.6);
 *   - thread_ts must be a parent message's ts (§7.7);
 *   - username/icon_* need chat:write.customize, which this app does not have (§7.8);
 *   - trigger_id is single-use and expires after 3 s (§1.2);
 *   - response_url takes at most 5 posts within 30 min (§7.4);
 *   - files.upload is retired; uploads go getUploadURLExternal → POST → completeUploadExternal (§7.14).
 */
import { listenLocal, readBody } from '../local-server.js';
import { checkMessageBlocks, checkView } from './block-limits.js';
import { createFileHost, type FileFetch, type SlackFileObject } from './hosted-files.js';
import type { EmulatedMessage, RecordedCall, ResponseUrlRecord } from './records.js';
import { attachSocketMode } from './socket-mode.js';
import { json, listed, metadataOf, parseArgs } from './wire.js';

export interface SlackEmulatorOptions {
  botToken?: string;
  appToken?: string;
  /** Channels that exist; others answer channel_not_found. */
  channels?: string[];
  /** A second post to a channel within this window is rate limited. Slack: ~1 s. */
  postWindowMs?: number;
  retryAfterSec?: number;
  triggerTtlMs?: number;
}

export type { EmulatedMessage, RecordedCall, ResponseUrlRecord } from './records.js';

export interface SlackEmulator {
  /** Web API base for slackApiUrl, ends with `/api/`. */
  apiUrl: string;
  baseUrl: string;
  calls: RecordedCall[];
  /** Problems our code caused that Slack would reject or that §7 forbids. Tests assert it stays empty. */
  violations: string[];
  rateLimited: number;
  messages: EmulatedMessage[];
  uploads: Map<string, { filename: string; length: number; received?: number; completed: boolean }>;
  responses: Map<string, ResponseUrlRecord>;
  /** A fresh trigger_id, as Slack puts in an interaction payload. */
  triggerId(): string;
  /** A fresh response_url on this emulator. */
  responseUrl(): string;
  callsTo(method: string): RecordedCall[];
  thread(channel: string, ts: string): EmulatedMessage[];
  /** Pushes an Events API envelope over Socket Mode; resolves with the client's ack. */
  socketEvent(
    payload: Record<string, unknown>,
    options?: { retryAttempt?: number },
  ): Promise<Record<string, unknown>>;
  socketConnected(): Promise<void>;
  /** Files the owner shares (hosted-files.ts): a Slack file object for a file_share event. */
  hostFile(file: { name: string; mimetype: string; bytes: Buffer; user?: string }): SlackFileObject;
  /** Every GET of a hosted file, and whether it carried the bot token. */
  fileFetches: FileFetch[];
  close(): Promise<void>;
}

export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const botToken = options.botToken ?? 'xoxb-test-token';
  const appToken = options.appToken ?? 'xapp-test-token';
  const channels = new Set(options.channels ?? ['C0SUPPORT', 'C0NEWSUPPORT']);
  const postWindowMs = options.postWindowMs ?? 1000;
  const retryAfterSec = options.retryAfterSec ?? 1;
  const triggerTtlMs = options.triggerTtlMs ?? 3000;

  const calls: RecordedCall[] = [];
  const violations: string[] = [];
  const messages: EmulatedMessage[] = [];
  const uploads: SlackEmulator['uploads'] = new Map();
  const responses = new Map<string, ResponseUrlRecord>();
  const triggers = new Map<string, { issuedAt: number; used: boolean }>();
  const lastPost = new Map<string, number>();
  let seq = 0;
  let rateLimited = 0;
  const nextTs = () => {
    seq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`;
  };

  const find = (channel: string, ts: string) => messages.find((m) => m.channel === channel && m.ts === ts);

  function blocksOk(method: string, blocks: unknown): string | undefined {
    const problems = checkMessageBlocks(blocks);
    if (problems.length === 0) return undefined;
    violations.push(`${method}: ${problems.join('; ')}`);
    return problems.some((p) => p.includes('msg_blocks_too_long')) ? 'msg_blocks_too_long' : 'invalid_blocks';
  }

  function api(
    method: string,
    args: Record<string, unknown>,
    token: string | undefined,
  ): { status: number; body: Record<string, unknown>; headers?: Record<string, string> } {
    const ok = (body: Record<string, unknown> = {}) => ({ status: 200, body: { ok: true, ...body } });
    const err = (error: string, extra: Record<string, unknown> = {}) => ({
      status: 200,
      body: { ok: false, error, ...extra },
    });
    if (method === 'apps.connections.open') {
      if (token !== appToken) return err('invalid_auth');
      return ok({ url: `${baseUrl.replace('http', 'ws')}/socket-mode` });
    }
    if (token !== botToken) return err(token ? 'invalid_auth' : 'not_authed');
    const channel = String(args.channel ?? args.channel_id ?? '');
    switch (method) {
      case 'auth.test':
        return ok({
          url: 'https://emulated.slack.com/',
          team: 'Emulated',
          user: 'solodesk',
          team_id: 'T0TEAM',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        });
      case 'chat.postMessage': {
        if (!channels.has(channel)) return err('channel_not_found');
        if (args.username !== undefined || args.icon_emoji !== undefined || args.icon_url !== undefined) {
          violations.push('chat.postMessage: username/icon override without chat:write.customize');
          return err('missing_scope', { needed: 'chat:write.customize', provided: 'chat:write,commands' });
        }
        if (!args.text && !args.blocks) return err('no_text');
        const now = Date.now();
        const last = lastPost.get(channel);
        if (last !== undefined && now - last < postWindowMs) {
          rateLimited += 1;
          return {
            status: 429,
            body: { ok: false, error: 'ratelimited' },
            headers: { 'retry-after': String(retryAfterSec) },
          };
        }
        const bad = blocksOk(method, args.blocks);
        if (bad) return err(bad);
        const metadata = metadataOf(args.metadata);
        if (metadata === 'invalid') return err('invalid_metadata_format');
        const threadTs = args.thread_ts === undefined ? undefined : String(args.thread_ts);
        if (threadTs) {
          const parent = find(channel, threadTs);
          if (!parent || parent.thread_ts) {
            violations.push(`chat.postMessage: thread_ts ${threadTs} is not a parent message in ${channel}`);
            return err('thread_not_found');
          }
        }
        if (args.reply_broadcast === true && !threadTs)
          violations.push('chat.postMessage: reply_broadcast without thread_ts');
        lastPost.set(channel, now);
        const message: EmulatedMessage = {
          channel,
          ts: nextTs(),
          ...(typeof args.text === 'string' ? { text: args.text } : {}),
          ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...(args.reply_broadcast === true ? { reply_broadcast: true } : {}),
          ...(metadata ? { metadata } : {}),
          updates: 0,
        };
        messages.push(message);
        return ok({ channel, ts: message.ts, message: { ...message, bot_id: 'B0BOT', user: 'U0BOT' } });
      }
      case 'chat.update': {
        const message = find(channel, String(args.ts ?? ''));
        if (!message) return err('message_not_found');
        const bad = blocksOk(method, args.blocks);
        if (bad) return err(bad);
        if (typeof args.text === 'string') message.text = args.text;
        if (Array.isArray(args.blocks)) message.blocks = args.blocks;
        message.updates += 1;
        return ok({ channel, ts: message.ts });
      }
      case 'chat.delete': {
        // Every emulated post is the bot's own (owner messages arrive as events only).
        const message = find(channel, String(args.ts ?? ''));
        if (!message) return err('message_not_found');
        messages.splice(messages.indexOf(message), 1);
        return ok({ channel, ts: message.ts });
      }
      case 'conversations.open': {
        // The bot's direct-message channel with one user (needs im:write).
        const users = String(args.users ?? '');
        if (!users || users.includes(',')) return err('invalid_arguments');
        const id = `D${users}`;
        channels.add(id);
        return ok({ channel: { id } });
      }
      case 'chat.postEphemeral': {
        if (!channels.has(channel)) return err('channel_not_found');
        if (!args.user) return err('user_not_in_channel');
        const bad = blocksOk(method, args.blocks);
        if (bad) return err(bad);
        return ok({ message_ts: nextTs() });
      }
      case 'chat.getPermalink': {
        const message = find(channel, String(args.message_ts ?? ''));
        if (!message) return err('message_not_found');
        return ok({
          channel,
          permalink: `https://emulated.slack.com/archives/${channel}/p${message.ts.replace('.', '')}`,
        });
      }
      case 'views.open': {
        const trigger = triggers.get(String(args.trigger_id ?? ''));
        if (!trigger) return err('invalid_trigger_id');
        if (trigger.used) return err('exchanged_trigger_id');
        if (Date.now() - trigger.issuedAt > triggerTtlMs) return err('expired_trigger_id');
        trigger.used = true;
        const problems = checkView(args.view);
        if (problems.length) {
          violations.push(`views.open: ${problems.join('; ')}`);
          return err(
            problems.some((p) => p.includes('view_too_large')) ? 'view_too_large' : 'invalid_arguments',
          );
        }
        return ok({ view: { id: `V${nextTs().replace('.', '')}`, ...(args.view as object) } });
      }
      case 'files.getUploadURLExternal': {
        const length = Number(args.length);
        if (!args.filename || !Number.isInteger(length) || length <= 0) return err('invalid_arguments');
        const id = `F${String(uploads.size + 1).padStart(6, '0')}`;
        uploads.set(id, { filename: String(args.filename), length, completed: false });
        return ok({ upload_url: `${baseUrl}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(args.files) ? (args.files as { id: string }[]) : [];
        if (!files.length) return err('invalid_arguments');
        if (args.channels !== undefined)
          violations.push('files.completeUploadExternal: use channel_id, not channels');
        if (args.channel_id && !channels.has(String(args.channel_id))) return err('channel_not_found');
        const threadTs = args.thread_ts === undefined ? undefined : String(args.thread_ts);
        if (threadTs && !find(String(args.channel_id), threadTs)) return err('thread_not_found');
        for (const f of files) {
          const upload = uploads.get(f.id);
          if (!upload || upload.received === undefined) return err('file_not_found');
          upload.completed = true;
        }
        if (args.channel_id) {
          messages.push({
            channel: String(args.channel_id),
            ts: nextTs(),
            ...(threadTs ? { thread_ts: threadTs } : {}),
            updates: 0,
            files: files.map((f) => f.id),
          });
        }
        return ok({ files: files.map((f) => ({ id: f.id, title: uploads.get(f.id)?.filename })) });
      }
      case 'files.upload':
        violations.push('files.upload is retired (2025-11-12): use files.getUploadURLExternal');
        return err('method_deprecated');
      case 'conversations.info':
        if (!channels.has(channel)) return err('channel_not_found');
        return ok({ channel: { id: channel, name: channel.toLowerCase(), is_member: true } });
      case 'conversations.replies': {
        const ts = String(args.ts ?? '');
        const parent = find(channel, ts);
        if (!parent) return err('thread_not_found');
        return ok({
          messages: listed(
            [parent, ...messages.filter((m) => m.channel === channel && m.thread_ts === ts)],
            args,
          ),
        });
      }
      case 'conversations.history':
        if (!channels.has(channel)) return err('channel_not_found');
        return ok({
          messages: listed(
            messages.filter((m) => m.channel === channel && (!m.thread_ts || m.reply_broadcast)),
            args,
          ).reverse(),
        });
      default:
        return err('unknown_method');
    }
  }

  const {
    server,
    url: baseUrl,
    close: closeServer,
  } = await listenLocal(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const raw = await readBody(req);
      if (fileHost.serve(req, res)) return;
      if (req.method !== 'POST') return json(res, 405, { ok: false, error: 'method_not_allowed' });
      if (url.pathname.startsWith('/upload/')) {
        const upload = uploads.get(url.pathname.slice('/upload/'.length));
        if (!upload) return json(res, 404, { ok: false });
        upload.received = raw.length;
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(`OK - ${raw.length}`);
      }
      if (url.pathname.startsWith('/respond/')) {
        const record = responses.get(url.pathname.slice('/respond/'.length));
        // Slack: at most 5 responses within 30 minutes of the invocation.
        if (!record || record.posts.length >= 5 || Date.now() - record.createdAt > 30 * 60_000) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          return res.end('no_response_url');
        }
        const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
        const problems = checkMessageBlocks(body.blocks);
        if (problems.length) {
          violations.push(`response_url: ${problems.join('; ')}`);
          return json(res, 400, { ok: false, error: 'invalid_blocks' });
        }
        record.posts.push(body);
        return json(res, 200, { ok: true });
      }
      if (!url.pathname.startsWith('/api/')) return json(res, 404, { ok: false, error: 'unknown_path' });
      const method = url.pathname.slice('/api/'.length);
      const args = parseArgs(req, raw);
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ')
        ? auth.slice(7)
        : typeof args.token === 'string'
          ? args.token
          : undefined;
      const result = api(method, args, token);
      calls.push({
        method,
        args,
        at: Date.now(),
        ok: result.body.ok === true,
        status: result.status,
        ...(typeof result.body.error === 'string' ? { error: result.body.error } : {}),
      });
      json(res, result.status, result.body, result.headers);
    } catch (err) {
      json(res, 500, { ok: false, error: 'emulator_error', detail: (err as Error).message });
    }
  });

  const socketMode = attachSocketMode(server);

  const fileHost = createFileHost(() => baseUrl, botToken);

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    calls,
    violations,
    get rateLimited() {
      return rateLimited;
    },
    messages,
    uploads,
    responses,
    triggerId() {
      const id = `${Date.now()}.${Math.floor(Math.random() * 1e9)}.trigger`;
      triggers.set(id, { issuedAt: Date.now(), used: false });
      return id;
    },
    responseUrl() {
      const id = `R${String(responses.size + 1).padStart(5, '0')}`;
      responses.set(id, { createdAt: Date.now(), posts: [] });
      return `${baseUrl}/respond/${id}`;
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    thread: (channel, ts) =>
      messages.filter((m) => m.channel === channel && (m.ts === ts || m.thread_ts === ts)),
    socketConnected: () => socketMode.connected(),
    hostFile: (file) => fileHost.host(file),
    fileFetches: fileHost.fetches,
    socketEvent: (payload, opts = {}) => socketMode.event(payload, opts),
    async close() {
      socketMode.close();
      await closeServer();
    },
  };
}
