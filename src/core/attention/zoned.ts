/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl: what a UTC instant reads
 * on the owner's clock, and which instant a local date and time is. Pure (no I/O).
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function localParts(date: Date, tz: string): LocalParts & { seconds: number } {
  const parts = formatter(tz).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
    seconds: Number(get('second')),
  };
}

/** `YYYY-MM-DD` of the instant on the zone's calendar. */
export function localDate(date: Date, tz: string): string {
  const p = localParts(date, tz);
  return ymd(p.year, p.month, p.day);
}

export function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Milliseconds the zone is ahead of UTC at `date`. */
function offsetAt(date: Date, tz: string): number {
  const p = localParts(date, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes, p.seconds);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The instant the zone's clock shows `minutes` after midnight on the given day. A time that
 * does not exist (the spring-forward gap) lands just after the gap.
 */
export function zonedTime(year: number, month: number, day: number, minutes: number, tz: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  let guess = wall - offsetAt(new Date(wall), tz);
  const second = wall - offsetAt(new Date(guess), tz);
  if (second !== guess) guess = Math.max(guess, second);
  return new Date(guess);
}

/** The calendar day `n` days after the given one (no zone involved: pure calendar). */
export function addDays(
  year: number,
  month: number,
  day: number,
  n: number,
): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(year, month - 1, day + n));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
  };
}
