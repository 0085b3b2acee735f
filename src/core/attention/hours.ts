/**
 * Business hours: parsing `mon-fri 09:00-18:00; sat 10:00-14:00` and `2026-12-25,2027-01-01`,
 * and the arithmetic the desk needs — is it open, when does it open next, and which instant
 * is N hours of business time after another. Pure: the time zone is data, the clock is passed in.
 */
import { addDays, localParts, ymd, zonedTime } from './zoned.js';

/** [start, end) in minutes after local midnight; end may be 1440 (24:00). */
export type Interval = readonly [number, number];

export interface BusinessHours {
  /** Index 0 = Sunday … 6 = Saturday; each day's intervals sorted and disjoint. */
  days: readonly (readonly Interval[])[];
  /** Local dates (`YYYY-MM-DD`) the desk is closed all day. */
  holidays: ReadonlySet<string>;
  tz: string;
}

export const DEFAULT_BUSINESS_HOURS = 'mon-fri 09:00-18:00';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseTime(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return undefined;
  return h * 60 + min;
}

function parseDays(text: string): number[] | undefined {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to] = part.split('-') as [string, string | undefined];
    const a = DAY_NAMES.indexOf(from.slice(0, 3));
    const b = to === undefined ? a : DAY_NAMES.indexOf(to.slice(0, 3));
    if (a < 0 || b < 0) return undefined;
    // mon-fri, or a wrap such as fri-mon.
    for (let d = a; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === b) break;
    }
  }
  return [...days];
}

/**
 * `mon-fri 09:00-18:00; sat 10:00-14:00` → weekly intervals. Several ranges for one day are
 * allowed (`mon 09:00-12:00, 13:00-17:00`); an overnight range is not (split it at midnight).
 */
export function parseWeeklyHours(text: string): Parsed<Interval[][]> {
  const days: Interval[][] = [[], [], [], [], [], [], []];
  const clauses = text
    .toLowerCase()
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  if (clauses.length === 0) return { ok: false, error: 'expected e.g. mon-fri 09:00-18:00' };
  for (const clause of clauses) {
    const m = /^([a-z,-]+)\s+(.+)$/.exec(clause);
    const which = m ? parseDays(m[1] as string) : undefined;
    if (!m || !which) return { ok: false, error: `"${clause}": expected days such as mon-fri then times` };
    for (const range of (m[2] as string).split(/[,\s]+/).filter(Boolean)) {
      const [a, b] = range.split('-');
      const start = a === undefined ? undefined : parseTime(a);
      const end = b === undefined ? undefined : parseTime(b);
      if (start === undefined || end === undefined)
        return { ok: false, error: `"${range}": expected a time range such as 09:00-18:00` };
      if (end <= start)
        return { ok: false, error: `"${range}": the end must be after the start (split overnight hours)` };
      for (const d of which) days[d]?.push([start, end]);
    }
  }
  for (const list of days) {
    list.sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < list.length; i++) {
      if ((list[i] as Interval)[0] < (list[i - 1] as Interval)[1])
        return { ok: false, error: 'two time ranges of one day overlap' };
    }
  }
  return { ok: true, value: days };
}

/** `2026-12-25,2027-01-01` → the set of dates. */
export function parseHolidays(text: string): Parsed<Set<string>> {
  const out = new Set<string>();
  for (const raw of text.split(/[,\s]+/).filter(Boolean)) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
    const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
    if (!m || !date || date.getUTCDate() !== Number(m[3]))
      return { ok: false, error: `"${raw}": expected dates such as 2026-12-25` };
    out.add(raw);
  }
  return { ok: true, value: out };
}

/** One stretch of opening time. */
export interface OpenSpan {
  from: Date;
  until: Date;
}

/**
 * The opening span that contains `at`, or else the next one; `from` is `at` itself when the
 * desk is open at that moment. Undefined when no opening time is found within a year.
 */
export function nextOpenSpan(hours: BusinessHours, at: Date): OpenSpan | undefined {
  const start = localParts(at, hours.tz);
  for (let n = 0; n < 370; n++) {
    const d = addDays(start.year, start.month, start.day, n);
    if (hours.holidays.has(ymd(d.year, d.month, d.day))) continue;
    for (const [s, e] of hours.days[d.weekday] ?? []) {
      const from = zonedTime(d.year, d.month, d.day, s, hours.tz);
      const until = zonedTime(d.year, d.month, d.day, e, hours.tz);
      if (at.getTime() < until.getTime())
        return { from: new Date(Math.max(at.getTime(), from.getTime())), until };
    }
  }
  return undefined;
}

export function isOpen(hours: BusinessHours, at: Date): boolean {
  return nextOpenSpan(hours, at)?.from.getTime() === at.getTime();
}

/** When the desk next opens (`at` itself when open now). */
export function nextOpen(hours: BusinessHours, at: Date): Date | undefined {
  return nextOpenSpan(hours, at)?.from;
}

/** The instant `ms` of business time after `at` (counting only opening hours). */
export function addBusinessTime(hours: BusinessHours, at: Date, ms: number): Date | undefined {
  let cursor = at;
  let left = ms;
  for (let guard = 0; guard < 5000; guard++) {
    const span = nextOpenSpan(hours, cursor);
    if (!span) return undefined;
    const room = span.until.getTime() - span.from.getTime();
    if (left <= room) return new Date(span.from.getTime() + left);
    left -= room;
    cursor = span.until;
  }
  return undefined;
}

/** Business time between two instants (0 when `to` is not after `from`). */
export function businessTimeBetween(hours: BusinessHours, from: Date, to: Date): number {
  let total = 0;
  let cursor = from;
  for (let guard = 0; guard < 5000 && cursor.getTime() < to.getTime(); guard++) {
    const span = nextOpenSpan(hours, cursor);
    if (!span || span.from.getTime() >= to.getTime()) break;
    total += Math.min(span.until.getTime(), to.getTime()) - span.from.getTime();
    cursor = span.until;
  }
  return total;
}

/** The weekly hours as text again, for `/cs hours`: `mon-fri 09:00-18:00; sat 10:00-14:00`. */
export function describeWeek(days: readonly (readonly Interval[])[]): string[] {
  const fmt = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const key = (d: number) => (days[d] ?? []).map(([s, e]) => `${fmt(s)}-${fmt(e)}`).join(', ');
  const lines: string[] = [];
  // Monday first; consecutive days with the same hours are joined (mon-fri).
  const order = [1, 2, 3, 4, 5, 6, 0];
  for (let i = 0; i < order.length;) {
    const k = key(order[i] as number);
    let j = i;
    while (j + 1 < order.length && key(order[j + 1] as number) === k) j++;
    if (k) {
      const a = DAY_NAMES[order[i] as number] as string;
      const b = DAY_NAMES[order[j] as number] as string;
      lines.push(`${a === b ? a : `${a}-${b}`} ${k}`);
    }
    i = j + 1;
  }
  return lines;
}
