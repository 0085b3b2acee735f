/**
 * Bolt throws on a signed body that is not shaped like anything Slack sends (an event that is
 * not an object, an interaction whose type is not a string) and its receiver answers 500, which
 * asks Slack to retry the same body. Those get a 400; any other error keeps Bolt's answer.
 */
import { HTTPModuleFunctions, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';

/** Whether a verified, parsed body is something no listener could read. */
export function malformedSlackBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return true;
  const record = body as Record<string, unknown>;
  // Slash commands are forms with a `command` field and no `type`.
  if (typeof record.command === 'string') return false;
  if (typeof record.type !== 'string') return true;
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (record.type === 'block_actions') {
    const actions = record.actions;
    const user = record.user as Record<string, unknown> | undefined;
    return (
      !isObject(user) ||
      typeof user?.id !== 'string' ||
      ('channel' in record && !isObject(record.channel)) ||
      !Array.isArray(actions) ||
      !actions.every((a) => isObject(a) && typeof (a as Record<string, unknown>).action_id === 'string')
    );
  }
  if (record.type === 'view_submission' || record.type === 'view_closed') return !isObject(record.view);
  if (record.type === 'event_callback') {
    const event = record.event;
    return (
      typeof event !== 'object' ||
      event === null ||
      Array.isArray(event) ||
      typeof (event as Record<string, unknown>).type !== 'string'
    );
  }
  return false;
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
