/**
 * Snooze choices → an instant: `1h`, `3h`, `tomorrow` (9:00), `nextweek` (Monday 9:00), a
 * duration (`90m`, `2d`), a time today or tomorrow (`14:30`), or a local date and time
 * (`2026-12-28 09:00`, `2026-12-28T09:00`, `2026-12-28`).
 */
import type { BusinessHours } from './hours.js';
import { durationMs, parseDuration } from './durations.js';
import { addDays, localParts, zonedTime } from './zoned.js';

export const SNOOZE_PRESETS = ['1h', '3h', 'tomorrow', 'nextweek'] as const;
const MORNING = 9 * 60;

export function snoozeUntil(choice: string, now: Date, hours: BusinessHours): Date | undefined {
  const text = choice.trim().toLowerCase();
  const tz = hours.tz;
  const today = localParts(now, tz);
  if (text === 'tomorrow') {
    const d = addDays(today.year, today.month, today.day, 1);
    return zonedTime(d.year, d.month, d.day, MORNING, tz);
  }
  if (text === 'nextweek' || text === 'next-week') {
    // Next Monday (a week from today when today is Monday).
    const ahead = (8 - today.weekday) % 7 || 7;
    const d = addDays(today.year, today.month, today.day, ahead);
    return zonedTime(d.year, d.month, d.day, MORNING, tz);
  }
  const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (time) {
    const minutes = Number(time[1]) * 60 + Number(time[2]);
    let at = zonedTime(today.year, today.month, today.day, minutes, tz);
    if (at.getTime() <= now.getTime()) {
      const d = addDays(today.year, today.month, today.day, 1);
      at = zonedTime(d.year, d.month, d.day, minutes, tz);
    }
    return at;
  }
  const stamp = /^(\d{4})-(\d{2})-(\d{2})(?:[t ]([01]?\d|2[0-3]):([0-5]\d))?$/.exec(text);
  if (stamp) {
    const minutes = stamp[4] === undefined ? MORNING : Number(stamp[4]) * 60 + Number(stamp[5]);
    return zonedTime(Number(stamp[1]), Number(stamp[2]), Number(stamp[3]), minutes, tz);
  }
  const duration = parseDuration(text);
  if (duration.ok) return new Date(now.getTime() + durationMs(duration.value));
  return undefined;
}
