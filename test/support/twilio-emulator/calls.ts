/** The emulator's Calls.json: what a call request must carry, and what Twilio answers. */
import { randomBytes } from 'node:crypto';
import { TwilioError } from './errors.js';
import { E164, MAX_TWIML } from './limits.js';

export interface EmulatedCall {
  sid: string;
  from: string;
  to: string;
  twiml?: string;
  url?: string;
  statusCallback?: string;
}

/** A call request checked as Twilio checks it (To/From E.164, Url or well-formed Twiml ≤4000). */
export function parseCall(form: URLSearchParams): EmulatedCall {
  const to = form.get('To');
  const from = form.get('From');
  const twiml = form.get('Twiml') ?? undefined;
  const url = form.get('Url') ?? undefined;
  const statusCallback = form.get('StatusCallback') ?? undefined;
  if (!to) throw new TwilioError(400, 21201, "A 'To' phone number is required.");
  if (!from) throw new TwilioError(400, 21213, "A 'From' phone number is required.");
  if (!E164.test(to)) throw new TwilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
  if (!E164.test(from)) throw new TwilioError(400, 21212, `The 'From' number ${from} is not valid.`);
  if (!twiml && !url) throw new TwilioError(400, 21205, 'Either Url or Twiml is required.');
  if (twiml && twiml.length > MAX_TWIML) throw new TwilioError(400, 21232, 'Twiml exceeds 4000 characters.');
  if (twiml && !/^(<\?xml[^>]*\?>)?\s*<Response>[\s\S]*<\/Response>\s*$/.test(twiml)) {
    throw new TwilioError(400, 21206, 'Invalid Twiml.');
  }
  return {
    sid: `CA${randomBytes(16).toString('hex')}`,
    from,
    to,
    ...(twiml ? { twiml } : {}),
    ...(url ? { url } : {}),
    ...(statusCallback ? { statusCallback } : {}),
  };
}

/** The Call resource Twilio answers a create with (201). */
export function callResource(
  accountSid: string,
  call: EmulatedCall,
  created: string,
): Record<string, unknown> {
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    date_created: created,
    date_updated: created,
    direction: 'outbound-api',
    from: call.from,
    from_formatted: call.from,
    sid: call.sid,
    status: 'queued',
    to: call.to,
    to_formatted: call.to,
    uri: `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}.json`,
  };
}

/** The <Dial> target numbers and callerId of a TwiML document (tests read what a call would do). */
export function dialOf(twiml: string): { callerId?: string; numbers: string[] } | undefined {
  const dial = /<Dial([^>]*)>([\s\S]*?)<\/Dial>/.exec(twiml);
  if (!dial) return undefined;
  const callerId = /callerId="([^"]*)"/.exec(dial[1] ?? '')?.[1];
  const numbers = [...(dial[2] ?? '').matchAll(/<Number[^>]*>([^<]*)<\/Number>/g)].map((m) => m[1] ?? '');
  const bare = (dial[2] ?? '').trim();
  if (numbers.length === 0 && bare && !bare.startsWith('<')) numbers.push(bare);
  return { ...(callerId ? { callerId } : {}), numbers };
}
