/**
 * Durations as the owner writes them: `90m`, `4h`, `1d`, `1h30m`, `2w`. `d` and `w` are kept
 * apart from hours because a reply due in "1d" means the same time the next business day,
 * not 24 hours of opening time.
 */
import type { Urgency } from '../model.js';
import { type BusinessHours, addBusinessTime, nextOpen } from './hours.js';
import type { Parsed } from './hours.js';
import { addDays, localParts, ymd, zonedTime } from './zoned.js';

export interface Duration {
  /** Whole days (a week is 7). */
  days: number;
  /** Hours, minutes and seconds, in ms. */
  ms: number;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string): Parsed<Duration> {
  const clean = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!/^(\d+(\.\d+)?[smhdw])+$/.test(clean))
    return { ok: false, error: `"${text}": expected a duration such as 30m, 4h, 1d or 1h30m` };
  const out: Duration = { days: 0, ms: 0 };
  for (const [, n, unit] of clean.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)) {
    const value = Number(n);
    if (unit === 'd' || unit === 'w') {
      const days = value * (unit === 'w' ? 7 : 1);
      out.days += Math.floor(days);
      out.ms += Math.round((days % 1) * 86_400_000);
    } else out.ms += Math.round(value * (UNIT_MS[unit as string] as number));
  }
  if (out.days === 0 && out.ms === 0) return { ok: false, error: `"${text}": the duration is zero` };
  return { ok: true, value: out };
}

/** Calendar length, for durations that are not business time (AUTO_ACK_EVERY, REMIND_AGAIN, away for). */
export function durationMs(d: Duration): number {
  return d.days * 86_400_000 + d.ms;
}

export type ReplyDue = Record<Urgency, Duration>;

export const DEFAULT_REPLY_DUE = 'high=1h,normal=4h,low=1d';

/** `high=1h,normal=4h,low=1d`; a missing urgency keeps its default. */
export function parseReplyDue(text: string): Parsed<ReplyDue> {
  const defaults = parseReplyDueStrict(DEFAULT_REPLY_DUE);
  if (!defaults.ok) return defaults;
  return parseReplyDueStrict(text, defaults.value);
}

function parseReplyDueStrict(text: string, base?: ReplyDue): Parsed<ReplyDue> {
  const out: Partial<ReplyDue> = { ...base };
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, value] = pair.split('=').map((s) => s.trim());
    if (key !== 'high' && key !== 'normal' && key !== 'low')
      return { ok: false, error: `"${pair}": expected high=…, normal=… or low=…` };
    const d = parseDuration(value ?? '');
    if (!d.ok) return d;
    out[key] = d.value;
  }
  if (!out.high || !out.normal || !out.low) return { ok: false, error: 'expected high=1h,normal=4h,low=1d' };
  return { ok: true, value: out as ReplyDue };
}

/**
 * When a reply is due: `d.ms` of business time after `from`, after first moving `d.days`
 * business days ahead (same time of day on the N-th next open day).
 */
export function addBusinessDuration(hours: BusinessHours, from: Date, d: Duration): Date | undefined {
  let at = nextOpen(hours, from);
  if (!at) return undefined;
  if (d.days > 0) {
    const p = localParts(at, hours.tz);
    let found = 0;
    let target: Date | undefined;
    for (let k = 1; k < 400 && found < d.days; k++) {
      const day = addDays(p.year, p.month, p.day, k);
      if (hours.holidays.has(ymd(day.year, day.month, day.day))) continue;
      if ((hours.days[day.weekday] ?? []).length === 0) continue;
      found++;
      if (found === d.days) target = zonedTime(day.year, day.month, day.day, p.minutes, hours.tz);
    }
    if (!target) return undefined;
    at = nextOpen(hours, target);
    if (!at) return undefined;
  }
  return d.ms > 0 ? addBusinessTime(hours, at, d.ms) : at;
}
