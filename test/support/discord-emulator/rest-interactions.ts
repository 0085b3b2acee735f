/**
 * The emulator's interaction routes: the callback (answered once, within the deadline,
 * §7.33; modals checked, §7.34), follow-up webhooks (valid 15 minutes) and slash command
 * registration (names and lengths as Discord checks them).
 */
import { checkMessage, checkModal } from './limits.js';
import { editMessage } from './rest.js';
import type { EmulatorState, FakeChannel, Json } from './state.js';
import { snowflake, type UploadedFile } from './wire.js';

const INTERACTION_TTL_MS = 15 * 60_000;

export function callback(
  s: EmulatorState,
  id: string,
  token: string,
  body: Json,
  files: UploadedFile[],
): { status: number; body?: unknown } {
  const record = s.interactions.get(id);
  if (!record || record.token !== token)
    return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
  const at = Date.now();
  const type = Number(body.type);
  const data = body.data as Json | undefined;
  const log = (status: number) => record.callbacks.push({ type, ...(data ? { data } : {}), at, status });
  if (at - record.dispatchedAt > s.deadlineMs) {
    log(404);
    s.violations.push(
      `interaction ${id} answered after ${at - record.dispatchedAt} ms (max ${s.deadlineMs})`,
    );
    return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
  }
  if (record.callbacks.some((c) => c.status < 300)) {
    log(400);
    s.violations.push(`interaction ${id} acknowledged twice`);
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
    return s.invalid(`callback ${id}`, problems);
  }
  log(204);
  const channel = s.channels.get(record.channelId) as FakeChannel;
  if (type === 7 && record.originalMessageId) {
    const message = s.findMessage(record.originalMessageId) as Json;
    for (const key of ['content', 'embeds', 'components'] as const)
      if (data && key in data) message[key] = data[key];
  }
  if (type === 4 || type === 5) {
    const ephemeral = (Number(data?.flags ?? 0) & 64) !== 0;
    const message = s.botMessage(channel, type === 4 ? (data ?? {}) : { content: '' }, files);
    message.interaction_id = id;
    if (ephemeral) message.flags = 64;
    else s.store(message);
    record.followUps.push(message);
    record.originalMessageId = String(message.id);
    record.originalChannelId = channel.id;
  }
  return { status: 204 };
}

export function webhook(
  s: EmulatorState,
  method: string,
  token: string,
  target: string | undefined,
  body: Json,
): { status: number; body?: unknown } {
  const record = [...s.interactions.values()].find((r) => r.token === token);
  if (!record || Date.now() - record.dispatchedAt > INTERACTION_TTL_MS) {
    return { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } };
  }
  if (!record.callbacks.some((c) => c.status < 300)) {
    return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
  }
  const where = `${method} /webhooks/${token.slice(0, 8)}…`;
  if (method === 'POST' && !target) {
    const problems = checkMessage(body, { requireSomething: true });
    if (problems.length) return s.invalid(where, problems);
    const message = s.botMessage(s.channels.get(record.channelId) as FakeChannel, body, []);
    record.followUps.push(message);
    if ((Number(body.flags ?? 0) & 64) === 0) s.store(message);
    return { status: 200, body: message };
  }
  const messageId = target === '@original' ? record.originalMessageId : target;
  const message = messageId
    ? (s.findMessage(messageId) ??
      [...s.interactions.values()].flatMap((r) => r.followUps).find((m) => m.id === messageId))
    : undefined;
  if (!message) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
  if (method === 'GET') return { status: 200, body: message };
  if (method === 'PATCH') return editMessage(s, where, message, body);
  return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
}

export function putCommands(
  s: EmulatorState,
  scope: string,
  body: unknown,
): { status: number; body?: unknown } {
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
  if (problems.length) return s.invalid(`PUT commands (${scope})`, problems);
  const stored = list.map((c) => ({
    ...c,
    id: snowflake(),
    application_id: s.applicationId,
    version: snowflake(),
  }));
  s.commands.set(scope === 'global' ? 'global' : scope, stored);
  return { status: 200, body: stored };
}
