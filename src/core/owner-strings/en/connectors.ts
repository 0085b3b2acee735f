/**
 * Why a connector could not deliver a reply: the reason on the owner's failed delivery card.
 * {detail} is the platform's own words (left as the platform wrote them).
 */
export const telegramSend = {
  noChat: 'no Telegram chat to reply to',
  notReference: 'not a Telegram reply reference',
  empty: 'empty message',
  /** {error}: the network error's name (TypeError, TimeoutError). */
  unreachable: 'Telegram unreachable: {error}',
  flood: 'Telegram flood control',
  error: 'Telegram error {code}',
  errorUnknown: 'Telegram error unknown',
  refused: 'Telegram refused the message: {detail}',
} as const;

/** Messenger and Instagram (connectors/meta); {detail} is `metaSend.graphError` filled in. */
export const metaSend = {
  noRecipient: 'no {channel} recipient in {channel} reply reference',
  notReference: 'not a {channel} reply reference',
  empty: 'empty message',
  automatedWindow: 'Meta allows automated messages only within 24 hours of the customer’s last message',
  humanAgentWindow:
    'the customer last wrote {days} days ago; Meta allows replies only within 7 days (HUMAN_AGENT). Reply on another channel',
  unreachable: 'Graph API unreachable: {error}',
  /** {code}: Graph's error code, with its subcode after a slash. */
  graphError: 'Graph error {code}',
  rateLimited: '{detail}: rate limited',
  platformError: '{detail}: platform error',
  outsideWindow: 'outside Meta’s messaging window; reply on another channel',
  unavailable: 'this person is not available on Messenger/Instagram right now',
  tokenRefused: 'the page access token was refused (check META_PAGE_TOKEN)',
  permission: '{detail}: permission missing',
  /** {message}: Graph's own message (it names the bad parameter). */
  refused: '{detail}: {message}',
  refusedPlain: '{detail}: request refused',
} as const;

/** Email over SMTP (connectors/email); {detail} is the SMTP error: its code, reply code and message. */
export const emailSend = {
  notConfigured: 'email sending is not configured (SMTP_HOST)',
  noAddress: 'no email address to reply to',
  /** A 5xx: the server will never take this mail. */
  refused: '{detail}',
  /** A 4xx or a network error: retried. */
  failed: '{detail}',
  /** The message when the SMTP error carries none. */
  sendFailed: 'send failed',
} as const;

/** WeChat's transport failures (connectors/wechat); its refusals are the `wechat` section. */
export const wechatSend = {
  noFollower: 'no WeChat follower to reply to',
  notReference: 'not a WeChat reply reference',
  empty: 'empty message',
  http: 'WeChat HTTP {status}',
  /** {error}: the network error's name. */
  unreachable: 'WeChat unreachable: {error}',
  tokenRefusedTwice: 'WeChat refused a fresh access_token twice',
  tokenQuota: 'WeChat daily access_token quota reached (45009)',
  /** {detail}: the error's own message. */
  tokenFailed: 'could not get a WeChat access_token: {detail}',
  busy: 'WeChat busy ({code})',
  apiQuota: 'WeChat daily API quota reached (45009)',
} as const;

/** Twilio's transport failures (connectors/twilio); its known refusals are the `twilio` section. */
export const twilioSend = {
  /** {detail}: the HTTP status or error code, or `networkError`. */
  unavailable: 'Twilio unavailable ({detail})',
  networkError: 'network error',
  /** {detail}: Twilio's own message. */
  refused: 'Twilio refused the message ({code}): {detail}',
  refusedPlain: 'Twilio refused the message ({code}): unknown error',
  callFailed: 'Twilio could not place the call ({detail}).',
  cannotSend: 'Twilio cannot send on {channel}.',
} as const;

/** A reply split into parts (connectors/send-parts.ts); {reason} is the refusal of the failed part. */
export const sendParts = {
  partlySent: '{reason} ({sent} of {total} parts were sent)',
  notRecorded: 'a part was neither sent nor recorded',
} as const;
