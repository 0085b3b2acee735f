/**
 * The emulator's REST routes for channels, forum posts, messages and DMs, each checking
 * the limits of limits.ts the way Discord does (400 "Invalid Form Body", code 50035).
 */
import { checkAppliedTags, checkForumThread, checkMessage, uploadProblem } from './limits.js';
import { callback, putCommands, webhook } from './rest-interactions.js';
import type { EmulatorState, FakeChannel, FakeUser, Json } from './state.js';
import { snowflake, type UploadedFile } from './wire.js';

export type Routed = { status: number; body?: unknown };

export function routeRest(
  s: EmulatorState,
  method: string,
  path: string,
  body: Json,
  files: UploadedFile[],
): { status: number; body?: unknown } | undefined {
  let m: RegExpExecArray | null;
  if (method === 'GET' && path === '/gateway/bot') {
    const ws = s.apiUrl.replace(/^http/, 'ws').replace(/\/api$/, '/gateway');
    return {
      status: 200,
      body: {
        url: ws,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      },
    };
  }
  if (method === 'GET' && path === '/users/@me') return { status: 200, body: s.bot };
  if (method === 'GET' && (path === '/applications/@me' || path === '/oauth2/applications/@me')) {
    return { status: 200, body: { id: s.applicationId, name: 'solodesk', bot: s.bot, flags: 0 } };
  }
  if (method === 'GET' && (m = /^\/users\/(\d+)$/.exec(path))) {
    const u = s.users.get(m[1] as string);
    return u ? { status: 200, body: u } : { status: 404, body: { message: 'Unknown User', code: 10013 } };
  }
  if (method === 'POST' && path === '/users/@me/channels') {
    const recipient = String(body.recipient_id ?? '');
    if (!s.users.has(recipient)) return { status: 400, body: { message: 'Unknown User', code: 10013 } };
    return { status: 200, body: s.openDM(recipient) };
  }
  if ((m = /^\/channels\/(\d+)$/.exec(path))) return channelRoute(s, method, m[1] as string, body);
  if (method === 'POST' && (m = /^\/channels\/(\d+)\/threads$/.exec(path)))
    return createThread(s, m[1] as string, body, files);
  if ((m = /^\/channels\/(\d+)\/messages(?:\/(\d+))?$/.exec(path))) {
    return messageRoute(s, method, m[1] as string, m[2], body, files);
  }
  if (method === 'PUT' && (m = /^\/channels\/(\d+)\/thread-members\/@me$/.exec(path))) return { status: 204 };
  if (method === 'GET' && (m = /^\/guilds\/(\d+)\/threads\/active$/.exec(path))) {
    // Every thread of the guild that is not archived, as Discord lists them.
    const threads = [...s.channels.values()].filter(
      (c) => c.type === 11 && c.guild_id === m![1] && !(c.thread_metadata as Json | undefined)?.archived,
    );
    return { status: 200, body: { threads, members: [] } };
  }
  if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
    return callback(s, m[1] as string, m[2] as string, body, files);
  }
  if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path))) {
    return webhook(s, method, m[2] as string, m[3], body);
  }
  if (method === 'PUT' && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
    return putCommands(s, m[2] ?? 'global', body);
  }
  return undefined;
}

export function channelRoute(
  s: EmulatorState,
  method: string,
  id: string,
  body: Json,
): { status: number; body?: unknown } {
  const channel = s.channels.get(id);
  if (!channel) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
  if (method === 'GET') return { status: 200, body: channel };
  if (method === 'DELETE' && channel.type === 11) {
    // A bot with Manage Threads deletes a forum post with all its messages.
    s.channels.delete(id);
    s.messages.delete(id);
    s.dispatch('THREAD_DELETE', { id, guild_id: channel.guild_id, parent_id: channel.parent_id, type: 11 });
    s.notify();
    return { status: 200, body: channel };
  }
  if (method !== 'PATCH') return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
  if (channel.type === 15 && Array.isArray(body.available_tags)) {
    const tags = body.available_tags as Json[];
    const problems: string[] = [];
    if (tags.length > 20) problems.push(`${tags.length} available tags (max 20)`);
    for (const t of tags)
      if (typeof t.name !== 'string' || t.name.length < 1 || t.name.length > 20)
        problems.push('tag name must be 1-20 characters');
    if (problems.length) return s.invalid(`PATCH /channels/${id}`, problems);
    channel.available_tags = tags.map((t) => ({
      ...s.tag(String(t.name)),
      ...(t.id ? { id: t.id } : {}),
    }));
  }
  if (channel.type === 11) {
    if (body.applied_tags !== undefined) {
      const problems = checkAppliedTags(body.applied_tags, {
        flags: Number(s.forum().flags),
        tagIds: s.forumTagIds(),
      });
      if (problems.length) return s.invalid(`PATCH /channels/${id}`, problems);
      channel.applied_tags = body.applied_tags;
    }
    if (typeof body.name === 'string') {
      if (body.name.length < 1 || body.name.length > 100)
        return s.invalid(`PATCH /channels/${id}`, ['thread name must be 1-100 characters']);
      channel.name = body.name;
    }
    if (typeof body.archived === 'boolean') (channel.thread_metadata as Json).archived = body.archived;
  }
  s.dispatch(channel.type === 11 ? 'THREAD_UPDATE' : 'CHANNEL_UPDATE', channel);
  return { status: 200, body: channel };
}

export function createThread(
  s: EmulatorState,
  parentId: string,
  body: Json,
  files: UploadedFile[],
): { status: number; body?: unknown } {
  const parent = s.channels.get(parentId);
  if (!parent) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
  if (parent.type !== 15)
    return s.invalid(`POST /channels/${parentId}/threads`, ['only forum posts are emulated']);
  const problems = checkForumThread(body, { flags: Number(parent.flags), tagIds: s.forumTagIds() });
  if (problems.length) return s.invalid(`POST /channels/${parentId}/threads`, problems);
  const id = snowflake();
  const thread: FakeChannel = {
    id,
    type: 11,
    guild_id: s.guildId,
    parent_id: parentId,
    owner_id: s.bot.id,
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
  s.channels.set(id, thread);
  // In a forum the starter message has the thread's id.
  const message = s.botMessage(thread, body.message as Json, files, id);
  s.store(message);
  s.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
  return { status: 201, body: { ...thread, message } };
}

export function messageRoute(
  s: EmulatorState,
  method: string,
  channelId: string,
  messageId: string | undefined,
  body: Json,
  files: UploadedFile[],
): { status: number; body?: unknown } {
  const channel = s.channels.get(channelId);
  if (!channel) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
  const where = `${method} /channels/${channelId}/messages`;
  if (method === 'GET' && !messageId) {
    // Newest first, like Discord; `after` / `before` page by snowflake, `limit` 1-100 (default 50).
    const after = s.query.get('after');
    const before = s.query.get('before');
    const limit = Math.min(100, Math.max(1, Number(s.query.get('limit') ?? 50)));
    const list = s
      .messagesIn(channelId)
      .filter(
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
    // A new message reopens an archived (not locked) thread, as on Discord.
    const meta = channel.thread_metadata as Json | undefined;
    if (channel.type === 11 && meta?.archived) {
      meta.archived = false;
      s.dispatch('THREAD_UPDATE', channel);
    }
    const recipients = (channel.recipients as FakeUser[] | undefined) ?? [];
    if (channel.type === 1 && recipients.some((r) => s.closedDMs.has(r.id))) {
      return { status: 403, body: { message: 'Cannot send messages to this user', code: 50007 } };
    }
    const problems = checkMessage(body, { requireSomething: files.length === 0 });
    if (problems.length) return s.invalid(where, problems);
    const tooBig = uploadProblem(files);
    if (tooBig) {
      s.violations.push(`${where}: ${tooBig}`);
      return { status: 413, body: { message: 'Request entity too large', code: 40005 } };
    }
    // enforce_nonce: the same author and nonce within a few minutes returns the first message
    // (as it is now: edits show), and no new one is created. Later, the nonce is forgotten.
    const nonceKey = `${channelId}:${String(body.nonce)}`;
    if (body.enforce_nonce && body.nonce !== undefined) {
      const seen = s.nonces.get(nonceKey);
      const current = seen && s.messagesIn(channelId).find((x) => x.id === seen.message.id);
      if (seen && s.now() - seen.at <= s.nonceWindowMs) return { status: 200, body: current ?? seen.message };
    }
    const message = s.botMessage(channel, body, files);
    if (body.enforce_nonce && body.nonce !== undefined) s.nonces.set(nonceKey, { message, at: s.now() });
    s.store(message);
    s.dispatch('MESSAGE_CREATE', {
      ...s.visibleContent(message),
      channel_type: channel.type,
    });
    return { status: 200, body: message };
  }
  const message = messageId ? s.messagesIn(channelId).find((x) => x.id === messageId) : undefined;
  if (!message) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
  if (method === 'GET') return { status: 200, body: message };
  if (method === 'PATCH') return editMessage(s, where, message, body);
  if (method === 'DELETE') {
    s.messages.set(
      channelId,
      s.messagesIn(channelId).filter((x) => x !== message),
    );
    return { status: 204 };
  }
  return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
}

export function editMessage(
  s: EmulatorState,
  where: string,
  message: Json,
  body: Json,
): { status: number; body?: unknown } {
  if ((message.author as FakeUser).id !== s.bot.id)
    return {
      status: 403,
      body: { message: 'Cannot edit a message authored by another user', code: 50005 },
    };
  const thread = s.channels.get(String(message.channel_id));
  if (thread?.type === 11 && (thread.thread_metadata as Json | undefined)?.archived) {
    return { status: 400, body: { message: 'Thread is archived', code: 50083 } };
  }
  const merged = { ...message, ...body };
  const problems = checkMessage(merged, { requireSomething: true });
  if (problems.length) return s.invalid(where, problems);
  for (const key of ['content', 'embeds', 'components', 'flags'] as const)
    if (key in body) message[key] = body[key];
  message.edited_timestamp = new Date().toISOString();
  s.dispatch('MESSAGE_UPDATE', s.visibleContent(message));
  return { status: 200, body: message };
}
