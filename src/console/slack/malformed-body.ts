/**
 * Bolt throws on a signed body that is not shaped like anything Slack sends and its receiver
 * answers 500, which asks Slack to retry the same body. Those get a 400; any other error keeps
 * Bolt's answer.
 *
 * Before any listener runs, Bolt's App.processEvent files the body by its fields (not its
 * `type`: anything with an `event` is an event), then reads ids out of it with bare property
 * access and `in` (getTypeAndConversation, isBodyWithTypeEnterpriseInstall, buildSource), and
 * keeps a client pool per team id in a plain object. The checks below follow those reads
 * (@slack/bolt 5.1), so a body passes exactly when Bolt can get as far as our listeners.
 */
import { HTTPModuleFunctions, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';

type Bag = Record<string, unknown>;

const isObject = (v: unknown): v is Bag => typeof v === 'object' && v !== null && !Array.isArray(v);
/** What `in` and property reads survive: any object, arrays included. */
const isReadable = (v: unknown): v is object => typeof v === 'object' && v !== null;

/** Whether a verified, parsed body is something no listener could read. */
export function malformedSlackBody(body: unknown): boolean {
  if (!isObject(body)) return true;
  // Bolt's own order of filing (getTypeAndConversation).
  if (body.event !== undefined) return malformedEvent(body);
  // Slash commands are forms with a `command` field and no `type`.
  if (body.command !== undefined) return typeof body.command !== 'string';
  if (typeof body.type !== 'string') return true;
  if (body.name !== undefined || body.type === 'block_suggestion') {
    return !hasUser(body) || !optionalChannel(body) || badPoolKey(interactionTeam(body));
  }
  if (body.actions !== undefined || body.type === 'dialog_submission') return malformedAction(body);
  if (body.type === 'shortcut' || body.type === 'message_action') {
    return !hasUser(body) || !optionalChannel(body) || badPoolKey(interactionTeam(body));
  }
  if (body.type === 'view_submission' || body.type === 'view_closed') {
    if (!isObject(body.view) || !hasUser(body) || !responseUrlsReadable(body)) return true;
    return badPoolKey(body.view.app_installed_team_id || interactionTeam(body));
  }
  return false;
}

function malformedEvent(body: Bag): boolean {
  if (typeof body.type !== 'string') return true;
  const event = body.event;
  if (!isObject(event) || typeof event.type !== 'string') return true;
  // getTypeAndConversation: `'id' in event.channel`, `'channel' in event.item`.
  if ('channel' in event && typeof event.channel !== 'string' && !isReadable(event.channel)) return true;
  if ('item' in event && !isReadable(event.item)) return true;
  // buildSource: event.user.id when user is an object, event.subteam.created_by.
  if ('user' in event && event.user === null) return true;
  if ('subteam' in event && event.subteam === null) return true;
  // isBodyWithTypeEnterpriseInstall and buildSource read authorizations[0].<field>.
  const auths = body.authorizations;
  const first: unknown = Array.isArray(auths) ? auths[0] : undefined;
  if (Array.isArray(auths) && first !== undefined && !isReadable(first)) return true;
  if (!responseUrlsReadable(body)) return true;
  const auth = first as Bag | undefined;
  const team = auth !== undefined && auth.team_id !== null ? auth.team_id : body.team_id;
  const enterprise = auth !== undefined ? (auth.enterprise_id ?? undefined) : body.enterprise_id;
  return badPoolKey(team !== undefined ? team : enterprise);
}

function malformedAction(body: Bag): boolean {
  const actions = body.actions;
  if (!hasUser(body) || !optionalChannel(body) || !responseUrlsReadable(body)) return true;
  if (badPoolKey(interactionTeam(body))) return true;
  // Bolt takes `[payload] = actions`; our button listeners match on action_id.
  if (actions !== undefined && !(Array.isArray(actions) && actions.every(isReadable))) return true;
  if (body.type !== 'block_actions') return false;
  return !Array.isArray(actions) || !actions.every((a) => isObject(a) && typeof a.action_id === 'string');
}

/** buildSource reads `user.id` (and `user.team_id` when there is no team). */
function hasUser(body: Bag): boolean {
  return isObject(body.user) && typeof body.user.id === 'string';
}

/** `channel.id` is read whenever a channel is present. */
function optionalChannel(body: Bag): boolean {
  return !('channel' in body) || isObject(body.channel);
}

/** `response_urls.length` and `response_urls[0].response_url` (view submissions). */
function responseUrlsReadable(body: Bag): boolean {
  const urls = body.response_urls;
  return urls === undefined || (Array.isArray(urls) && urls.every(isReadable));
}

/** buildSource's team for an interaction: team.id, else user.team_id. */
function interactionTeam(body: Bag): unknown {
  if (body.team !== undefined && body.team !== null) return (body.team as Bag).id;
  return (body.user as Bag).team_id;
}

/**
 * Bolt keeps its client pools in a plain object keyed by team (or enterprise) id: an id that
 * names an Object.prototype member (`__proto__`, `toString`) finds a member, not a pool, and an
 * object whose toString is not callable cannot be a key at all.
 */
function badPoolKey(id: unknown): boolean {
  if (id === undefined) return false;
  let key: string;
  try {
    key = String(id);
  } catch {
    return true;
  }
  return key in Object.prototype;
}

export async function processEventError(args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  const body = (args.request as { body?: unknown }).body;
  if (!args.response.headersSent && malformedSlackBody(body)) {
    args.logger.warn('refused a signed Slack request whose body is not shaped like an event or interaction');
    args.response.writeHead(400);
    args.response.end();
    // Answered here; Bolt must not answer again.
    return false;
  }
  return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
}
