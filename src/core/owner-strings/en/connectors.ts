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
