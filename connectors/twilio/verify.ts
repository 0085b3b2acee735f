/**
 * X-Twilio-Signature checks with the twilio library's own validators, against the public
 * URL Twilio called (PUBLIC_URL + path and query) rather than what the proxy forwarded.
 *
 * - form-encoded webhooks: validateRequest over every parameter that arrived;
 * - JSON-body webhooks (`?bodySHA256=` in the URL): validateRequestWithBody over the raw bytes.
 */
import twilio from 'twilio';
import type { Params } from './parse.js';

export type Verified = { ok: true; params: Params } | { ok: false; status: 400 | 403; error: string };

export interface SignedRequest {
  /** Path and query as received, e.g. `/twilio/status?channel=sms`. */
  originalUrl: string;
  signature: string | undefined;
  rawBody: Buffer;
}

/** The URL Twilio signed: the public base (which may carry a path prefix) + path and query. */
export function publicUrlOf(publicUrl: string, originalUrl: string): string {
  return publicUrl.replace(/\/+$/, '') + originalUrl;
}

export function verifyTwilioRequest(authToken: string, publicUrl: string, req: SignedRequest): Verified {
  if (!req.signature) return { ok: false, status: 400, error: 'missing X-Twilio-Signature' };
  const url = publicUrlOf(publicUrl, req.originalUrl);
  const body = req.rawBody.toString('utf8');

  if (hasBodyHash(req.originalUrl)) {
    if (!twilio.validateRequestWithBody(authToken, req.signature, url, body)) {
      return { ok: false, status: 403, error: 'Twilio Request Validation Failed.' };
    }
    return { ok: true, params: jsonParams(body) };
  }

  const params = formParams(body);
  if (!twilio.validateRequest(authToken, req.signature, url, params)) {
    return { ok: false, status: 403, error: 'Twilio Request Validation Failed.' };
  }
  return { ok: true, params };
}

function hasBodyHash(originalUrl: string): boolean {
  const q = originalUrl.indexOf('?');
  return q >= 0 && new URLSearchParams(originalUrl.slice(q + 1)).has('bodySHA256');
}

/** Form bodies keep repeated names as arrays: the signature covers each value. */
export function formParams(body: string): Params {
  const out: Params = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

/** A signed JSON body, flattened to string parameters (objects kept as JSON text). */
function jsonParams(body: string): Params {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  const out: Params = {};
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const [key, value] of Object.entries(parsed)) {
      if (value === null || value === undefined) continue;
      out[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }
  return out;
}
