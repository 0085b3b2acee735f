/** The Bot API's limits on a bot's messages (PLATFORMS.md §7.28–31), as the emulator checks them. */
import type { BotMessage } from './index.js';

/** setWebhook's secret_token: 1–256 characters of A–Z, a–z, 0–9, _ and -. */
export const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

/** Why Telegram would refuse this text and inline keyboard, or undefined when it would not. */
export function messageProblem(text: string, markup: BotMessage['replyMarkup']): string | undefined {
  if (text.length === 0) return 'message text is empty';
  if (text.length > 4096) return `message is too long (${text.length} > 4096)`;
  for (const row of markup?.inline_keyboard ?? []) {
    if (row.length > 8) return 'too many buttons in a row';
    for (const button of row) {
      if (!button.text) return 'button text is empty';
      const data = button.callback_data;
      if (
        data !== undefined &&
        (Buffer.byteLength(data, 'utf8') < 1 || Buffer.byteLength(data, 'utf8') > 64)
      ) {
        return `BUTTON_DATA_INVALID (${Buffer.byteLength(data, 'utf8')} bytes)`;
      }
    }
  }
  return undefined;
}

/**
 * About one message a second per chat (a gap under `minGapMs` is too fast) and ~30 a second
 * overall (the 31st within one second is a flood).
 */
export class SendPace {
  private readonly lastSendAt = new Map<string, number>();
  private readonly recentSends: number[] = [];

  constructor(private readonly minGapMs: number) {}

  /** Counts a send to `chatId` now; a flood is not counted and comes back as its violation. */
  take(chatId: string): string | undefined {
    const now = performance.now();
    const last = this.lastSendAt.get(chatId);
    while (this.recentSends.length > 0 && now - (this.recentSends[0] as number) > 1000)
      this.recentSends.shift();
    if ((last !== undefined && now - last < this.minGapMs) || this.recentSends.length >= 30) {
      return `flood: chat ${chatId} ${last !== undefined ? Math.round(now - last) : '-'} ms after the last message`;
    }
    this.lastSendAt.set(chatId, now);
    this.recentSends.push(now);
    return undefined;
  }
}
