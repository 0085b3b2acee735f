/**
 * The owner's figures (PRODUCT.md "Figures"), derived from a store's raw aggregates.
 * Pure: periods and local days are computed with Intl only, no I/O.
 *
 * The article's index E = C × T × P / 100 takes C customers, T the mean first response
 * time in minutes and P the share of 4–5 ratings on 0–100. It grows with T (slower
 * answers raise it), so it is shown beside the figures that matter, never instead of them.
 */
import type { Channel } from './model.js';
import type { DurationSummary, FiguresData } from './ports.js';

export const PERIODS = ['today', '7d', '30d', '90d', 'all'] as const;
export type Period = (typeof PERIODS)[number];

export function isPeriod(value: string): value is Period {
  return (PERIODS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------- time zones

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ms: number, tz: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out as unknown as LocalParts;
}

/** Local wall-clock time minus UTC at the instant `ms`, in ms. */
function offsetAt(ms: number, tz: string): number {
  const p = localParts(ms, tz);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

function dayKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The local calendar day (`YYYY-MM-DD`) of an instant. */
export function localDay(instant: Date, tz: string): string {
  const p = localParts(instant.getTime(), tz);
  return dayKey(p.year, p.month, p.day);
}

/** The first instant of the local day `year-month-day` (month 1..12; overflowing days roll over). */
export function localMidnight(year: number, month: number, day: number, tz: string): Date {
  const norm = new Date(Date.UTC(year, month - 1, day));
  const target = dayKey(norm.getUTCFullYear(), norm.getUTCMonth() + 1, norm.getUTCDate());
  const wall = norm.getTime();
  // Two passes settle the offset when midnight sits next to a DST change.
  let t = wall - offsetAt(wall, tz);
  t = wall - offsetAt(t, tz);
  // Where midnight does not exist (clocks jump 00:00 → 01:00) we may land on the day before.
  while (localDay(new Date(t), tz) < target) t += 15 * 60_000;
  while (localDay(new Date(t - 1), tz) === target) t -= 15 * 60_000;
  return new Date(t);
}

/** The start of the local day containing `instant`. */
export function startOfLocalDay(instant: Date, tz: string): Date {
  const p = localParts(instant.getTime(), tz);
  return localMidnight(p.year, p.month, p.day, tz);
}

/** Local day starts `days` days after the local day containing `instant` (negative: before). */
export function addLocalDays(instant: Date, days: number, tz: string): Date {
  const p = localParts(instant.getTime(), tz);
  return localMidnight(p.year, p.month, p.day + days, tz);
}

const DAY_MS = 86_400_000;

/**
 * Every local day overlapping [from, to): its key and first instant (the first may precede
 * `from`). Offsets change a few times a year at most, so weeks with one offset throughout
 * are laid out arithmetically and only weeks with a change are computed day by day
 * (Intl is slow enough that a year of exact days would cost tens of milliseconds).
 */
export function localDays(from: Date, to: Date, tz: string): { day: string; start: Date }[] {
  const days: { day: string; start: Date }[] = [];
  const end = to.getTime();
  let start = startOfLocalDay(from, tz).getTime();
  while (start < end) {
    const offset = offsetAt(start, tz);
    const weekLater = start + 7 * DAY_MS;
    if (offsetAt(weekLater, tz) === offset && offsetAt(weekLater - 1, tz) === offset) {
      for (let t = start; t < weekLater && t < end; t += DAY_MS) {
        days.push({ day: new Date(t + offset).toISOString().slice(0, 10), start: new Date(t) });
      }
      start = weekLater;
    } else {
      for (let i = 0; i < 7 && start < end; i += 1) {
        days.push({ day: localDay(new Date(start), tz), start: new Date(start) });
        start = addLocalDays(new Date(start), 1, tz).getTime();
      }
    }
  }
  return days;
}

/**
 * [from, to) of a named period in the owner's zone: `today` is the current local day,
 * `7d` today and the six days before, … `all` starts at the epoch (the store then
 * begins the daily series at the first day with data). `to` is the next local midnight.
 */
export function periodRange(period: Period, now: Date, tz: string): { from: Date; to: Date } {
  const to = addLocalDays(now, 1, tz);
  const back: Record<Exclude<Period, 'all'>, number> = { today: 0, '7d': 6, '30d': 29, '90d': 89 };
  if (period === 'all') return { from: new Date(0), to };
  return { from: addLocalDays(now, -back[period], tz), to };
}

// ---------------------------------------------------------------- statistics

export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** The median; an even count averages the middle pair. */
export function median(values: readonly number[] | Float64Array): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = values instanceof Float64Array ? values : Float64Array.from(values).sort();
  const at = medianOffsets(sorted.length);
  return at.length === 1 ? sorted[at[0]] : (sorted[at[0]]! + sorted[at[1]]!) / 2;
}

/**
 * Zero-based positions of the median in n ascending values: one for odd n, the middle
 * pair (averaged) for even n.
 */
export function medianOffsets(n: number): [number] | [number, number] {
  return n % 2 === 1 ? [(n - 1) / 2] : [n / 2 - 1, n / 2];
}

/** Zero-based position of the p90 in n ascending values: nearest rank, the ⌈0.9·n⌉-th smallest. */
export function p90Offset(n: number): number {
  return Math.max(1, Math.ceil(0.9 * n)) - 1;
}

/** Summarises durations held in memory (tests, and stores that gather values). */
export function durationSummary(values: readonly number[]): DurationSummary | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    sumMs: sum,
    medianMs: median(sorted)!,
    p90Ms: sorted[p90Offset(sorted.length)]!,
  };
}

export interface DurationStats {
  count: number;
  meanMin: number;
  medianMin: number;
  p90Min: number;
}

/** A store's duration summary in minutes. */
export function durationStats(d: DurationSummary | undefined): DurationStats | undefined {
  if (!d || d.count === 0) return undefined;
  return {
    count: d.count,
    meanMin: d.sumMs / d.count / 60_000,
    medianMin: d.medianMs / 60_000,
    p90Min: d.p90Ms / 60_000,
  };
}

/** The article's index: E = C × T × P / 100 (T in minutes, P on 0–100). */
export function articleIndex(customers: number, minutes: number, satisfaction: number): number {
  return (customers * minutes * satisfaction) / 100;
}

// ---------------------------------------------------------------- the summary

export interface FiguresSummary {
  customers: number;
  conversations: { opened: number; resolved: number; unanswered: number };
  messages: {
    in: number;
    out: number;
    byChannel: { channel: Channel; in: number; out: number }[];
    byIntent: { intent: string; count: number }[];
  };
  firstResponse?: DurationStats;
  resolution?: DurationStats;
  satisfaction: {
    ratings: number;
    asked: number;
    /** Ratings given ÷ asked, 0–100, when anyone was asked. */
    responseRate?: number;
    /** Mean score 1–5. */
    mean?: number;
    /** P: share of 4–5 ratings, 0–100. */
    satisfied?: number;
  };
  drafts: FiguresData['drafts'];
  /** E with its inputs; absent when T or P is unknown (no answers or no ratings). */
  articleIndex?: { value: number; c: number; t: number; p: number };
  daily: {
    day: string;
    start: Date;
    conversations: number;
    medianFirstResponseMin?: number;
  }[];
}

export function summariseFigures(data: FiguresData): FiguresSummary {
  const byChannel = new Map<Channel, { channel: Channel; in: number; out: number }>();
  let totalIn = 0;
  let totalOut = 0;
  for (const m of data.messages) {
    const row = byChannel.get(m.channel) ?? { channel: m.channel, in: 0, out: 0 };
    row[m.direction] += m.count;
    byChannel.set(m.channel, row);
    if (m.direction === 'in') totalIn += m.count;
    else totalOut += m.count;
  }
  const ratings = data.ratingCounts.reduce((a, b) => a + b, 0);
  const scoreSum = data.ratingCounts.reduce((sum, n, i) => sum + n * (i + 1), 0);
  const happy = data.ratingCounts[3] + data.ratingCounts[4];
  const firstResponse = durationStats(data.firstResponse);
  const resolution = durationStats(data.resolution);
  const satisfied = ratings > 0 ? (100 * happy) / ratings : undefined;

  const summary: FiguresSummary = {
    customers: data.customers,
    conversations: { ...data.conversations },
    messages: {
      in: totalIn,
      out: totalOut,
      byChannel: [...byChannel.values()].sort(
        (a, b) => b.in + b.out - (a.in + a.out) || a.channel.localeCompare(b.channel),
      ),
      byIntent: [...data.intents].sort((a, b) => b.count - a.count || a.intent.localeCompare(b.intent)),
    },
    satisfaction: {
      ratings,
      asked: data.ratingsAsked,
      ...(data.ratingsAsked > 0 ? { responseRate: Math.min(100, (100 * ratings) / data.ratingsAsked) } : {}),
      ...(ratings > 0 ? { mean: scoreSum / ratings, satisfied } : {}),
    },
    drafts: { ...data.drafts },
    daily: data.daily.map((d) => ({
      day: d.day,
      start: d.start,
      conversations: d.conversations,
      ...(d.medianFirstResponseMs !== undefined
        ? { medianFirstResponseMin: d.medianFirstResponseMs / 60_000 }
        : {}),
    })),
  };
  if (firstResponse) summary.firstResponse = firstResponse;
  if (resolution) summary.resolution = resolution;
  if (firstResponse && satisfied !== undefined) {
    summary.articleIndex = {
      value: articleIndex(data.customers, firstResponse.meanMin, satisfied),
      c: data.customers,
      t: firstResponse.meanMin,
      p: satisfied,
    };
  }
  return summary;
}

/** Empty aggregates, the starting point for stores and tests. */
export function emptyFiguresData(): FiguresData {
  return {
    customers: 0,
    messages: [],
    intents: [],
    conversations: { opened: 0, resolved: 0, unanswered: 0 },
    ratingCounts: [0, 0, 0, 0, 0],
    ratingsAsked: 0,
    drafts: { asDrafted: 0, edited: 0, discarded: 0, automatic: 0, ownerWritten: 0 },
    daily: [],
  };
}
