/** The Message resources Twilio answers with: one created message, and a page of the list. */
import type { EmulatedMessage } from './index.js';

/** The Message resource Twilio answers a create with (201). */
export function messageResource(
  accountSid: string,
  m: EmulatedMessage,
  created: string,
): Record<string, unknown> {
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: m.body ?? '',
    date_created: created,
    date_sent: null,
    date_updated: created,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: null,
    num_media: String(m.mediaUrls.length),
    num_segments: String(m.segments),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: 'queued',
    subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}/Media.json` },
    to: m.to,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
  };
}

/**
 * GET Messages.json: the account's messages, newest first, filtered by To and From as Twilio
 * does (exact match), one page of at most PageSize (default 50, at most 1,000).
 */
export function messagesPage(
  accountSid: string,
  messages: readonly EmulatedMessage[],
  url: string,
): Record<string, unknown> {
  const query = new URL(url, 'http://twilio.local').searchParams;
  const to = query.get('To');
  const from = query.get('From');
  const pageSize = Math.min(1000, Math.max(1, Number(query.get('PageSize') ?? 50) || 50));
  const rows = messages
    .filter((m) => (!to || m.to === to) && (!from || m.from === from))
    .slice()
    .reverse()
    .slice(0, pageSize);
  const base = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  return {
    messages: rows.map((m) => ({
      account_sid: accountSid,
      sid: m.sid,
      to: m.to,
      from: m.from,
      body: m.body ?? '',
      status: 'sent',
      direction: 'outbound-api',
      date_created: m.dateCreated,
      date_updated: m.dateCreated,
      date_sent: m.dateCreated,
      num_segments: String(m.segments),
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
    })),
    uri: `${base}?PageSize=${pageSize}&Page=0`,
    first_page_uri: `${base}?PageSize=${pageSize}&Page=0`,
    next_page_uri: null,
    previous_page_uri: null,
    page: 0,
    page_size: pageSize,
    start: 0,
    end: Math.max(0, rows.length - 1),
  };
}
