/** Refusals and notices from elsewhere in the desk: Remember, WeChat sends, messages set aside at intake. */

/** Why a reply cannot be remembered (src/core/answers/remember.ts). */
export const remember = {
  gone: 'That reply is no longer there.',
  undecided: 'Only a sent reply can be remembered.',
  unedited: 'Only a reply you edited or wrote can be remembered.',
  empty: 'The answer is empty.',
  tooLong: 'The answer is too long.',
} as const;

/** Why WeChat would not take a reply (connectors/wechat/send.ts), shown on the card. */
export const wechat = {
  windowClosed:
    'WeChat allows customer-service replies only within 48 hours of the follower’s last message, and that window is closed. Reply on another channel, or wait until the customer writes again.',
  outOfWindow:
    'WeChat refused the reply (45015): more than 48 hours since the customer’s last message, or they unfollowed the account. Reply on another channel.',
  countLimit:
    'WeChat refused the reply (45047): the number of customer-service messages allowed after the customer’s last message is used up. Wait until they write again, or reply on another channel.',
  unfollowed:
    'The customer no longer follows the WeChat account (43004), so WeChat will not deliver. Reply on another channel.',
  noPermission:
    'This WeChat account may not send customer-service messages (48001): it needs a verified service or subscription account with that permission.',
  credentials: 'WeChat refused the app credentials ({code}): check WECHAT_APP_ID and WECHAT_APP_SECRET.',
  ipWhitelist:
    'WeChat refused the call from this server’s IP address (40164): add it to the IP whitelist in the WeChat console.',
  badOpenid: 'WeChat does not know this follower (40003).',
  other: 'WeChat refused the reply ({code}: {detail}).',
} as const;

/** A message that could not be stored and was set aside (src/core/intake-failures.ts). */
export const intake = {
  setAside:
    'An incoming {channel} message{subject} could not be stored {attempts} times in a row ({signature}); it was set aside so later messages keep coming in.',
  subject: ' ("{subject}")',
  emailWhere: 'It stays in your mailbox, unread.',
} as const;

/** Twilio's refusals on the card, and what the owner hears when a call back connects (connectors/twilio). */
export const twilio = {
  connecting: 'Connecting you to your customer.',
  optedOut:
    'The customer texted STOP, so nothing can be sent to them by {channel} until they text START. Use another channel.',
  windowClosed:
    'WhatsApp only allows free-text replies within 24 hours of the customer’s last WhatsApp message, and that window is closed. Reply on another channel (SMS or email), or wait until the customer writes again.',
  noNumber: 'No {what} is configured for Twilio, so this reply cannot be sent.',
  /** What {what} says in noNumber. */
  numberKinds: { phone: 'phone number', whatsapp: 'WhatsApp number' },
  badAddress: 'The customer has no usable phone number (caller ID withheld or invalid).',
  tooLong: 'The reply has {n} characters; Twilio accepts at most 1600. Shorten it or send it by email.',
  noOwnerPhone: 'OWNER_PHONE_NUMBER is not configured, so the desk cannot ring your phone to call back.',
} as const;

/** Why the outbox could not hand a reply to its connector (src/core/outbox-send.ts), shown on a failed delivery. */
export const outbox = {
  noConnector: 'no {channel} connector is running',
  customerGone: 'customer not found',
  optedOut: 'the customer opted out of {channel}',
} as const;

/** Why a Discord DM reply was not delivered (connectors/discord), shown on a failed delivery. */
export const discordDm = {
  notDm: 'not a Discord DM reference',
  notStarted: 'discord client not started',
  rateLimited: 'rate limited',
  /** {detail}: Discord's own message in English; `codes` below when it gives none. */
  refused: 'discord {status} ({code}): {detail}',
  failed: 'discord {status} ({code})',
  /** A failure that is not Discord's answer (a network error): English gives the error's own message. */
  unavailable: 'unknown error',
  codes: {
    c10003: 'unknown channel',
    c10013: 'unknown user',
    c50007: 'cannot send messages to this user (DMs closed, no shared server, or blocked)',
    c50035: 'invalid message',
    other: 'refused',
  },
} as const;

/** The notice in a customer's thread when they opt out of a channel or back in (src/core/opt-notice.ts). */
export const optNotice = {
  optedOut: 'The customer opted out of {channel}: nothing will be sent there until they opt in again.',
  optedIn: 'The customer opted in to {channel} again.',
} as const;

/** Why a private note or tags could not be saved (src/core/customer-notes.ts). */
export const notes = {
  unavailable: 'notes are not available',
  noCustomer: 'no such customer',
  tooLong: 'a note is at most {max} characters',
} as const;
