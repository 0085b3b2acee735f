/** AttentionSettings from the validated Config (config.ts has checked every value already). */
import type { Config } from '../config.js';
import { durationMs, parseDuration, parseReplyDue } from '../core/attention/durations.js';
import { parseHolidays, parseWeeklyHours } from '../core/attention/hours.js';
import type { AttentionSettings } from '../core/attention/settings.js';

function must<T>(parsed: { ok: true; value: T } | { ok: false; error: string }, name: string): T {
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error}`);
  return parsed.value;
}

export function attentionSettings(config: Config): AttentionSettings {
  const [h, m] = config.DIGEST_AT === 'off' ? [] : config.DIGEST_AT.split(':').map(Number);
  return {
    hours: {
      days: must(parseWeeklyHours(config.BUSINESS_HOURS), 'BUSINESS_HOURS'),
      holidays: must(parseHolidays(config.HOLIDAYS), 'HOLIDAYS'),
      tz: config.TZ,
    },
    autoAck: config.AUTO_ACK,
    ackEveryMs: durationMs(must(parseDuration(config.AUTO_ACK_EVERY), 'AUTO_ACK_EVERY')),
    ackTexts: {
      ...(config.AUTO_ACK_TEXT_EN ? { en: config.AUTO_ACK_TEXT_EN } : {}),
      ...(config.AUTO_ACK_TEXT_ZH ? { zh: config.AUTO_ACK_TEXT_ZH } : {}),
    },
    replyDue: must(parseReplyDue(config.REPLY_DUE), 'REPLY_DUE'),
    remindAgainMs: durationMs(must(parseDuration(config.REMIND_AGAIN), 'REMIND_AGAIN')),
    ...(h !== undefined && m !== undefined ? { digestAt: h * 60 + m } : {}),
    ownerLanguage: config.OWNER_LANGUAGE,
  };
}
