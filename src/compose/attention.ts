/**
 * AttentionSettings from the validated Config (config.ts has checked every value already),
 * plus the optional acknowledgement texts file `DATA_DIR/auto-ack.json` ({"en": "…", "zh": "…"});
 * AUTO_ACK_TEXT_EN / AUTO_ACK_TEXT_ZH win over it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type Config } from '../config.js';
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
      ...ackTextsFile(config.DATA_DIR),
      ...(config.AUTO_ACK_TEXT_EN ? { en: config.AUTO_ACK_TEXT_EN } : {}),
      ...(config.AUTO_ACK_TEXT_ZH ? { zh: config.AUTO_ACK_TEXT_ZH } : {}),
    },
    replyDue: must(parseReplyDue(config.REPLY_DUE), 'REPLY_DUE'),
    remindAgainMs: durationMs(must(parseDuration(config.REMIND_AGAIN), 'REMIND_AGAIN')),
    ...(h !== undefined && m !== undefined ? { digestAt: h * 60 + m } : {}),
    ownerLanguage: config.OWNER_LANGUAGE,
  };
}

export const ACK_TEXTS_FILE = 'auto-ack.json';

function ackTextsFile(dataDir: string): Partial<Record<'en' | 'zh', string>> {
  const file = join(dataDir, ACK_TEXTS_FILE);
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([`${file}: not valid JSON (${(err as Error).message})`]);
  }
  const out: Partial<Record<'en' | 'zh', string>> = {};
  const record = (parsed ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if ((key !== 'en' && key !== 'zh') || typeof value !== 'string' || !value.trim())
      throw new ConfigError([`${file}: expected {"en": "…", "zh": "…"} with non-empty texts`]);
    out[key] = value.trim();
  }
  return out;
}
