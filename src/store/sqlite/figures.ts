/**
 * Figures aggregation on SQLite (see FiguresData). Every query reads a day rollup or
 * walks a covering index of migrations 2–3 — no joins, no large sorts, and no row-by-row
 * reads into JavaScript — so `/cs stats all` stays fast at a million messages.
 */
import type Database from 'better-sqlite3';
import type { Channel, DecisionKind } from '../../core/model.js';
import type { DurationSummary, FiguresData, FiguresQuery } from '../../core/ports.js';
import {
  emptyFiguresData,
  localDays,
  median as medianOf,
  medianOffsets,
  p90Offset,
  startOfLocalDay,
} from '../../core/figures.js';

type Prepare = (sql: string) => Database.Statement;

const DAY_MS = 86_400_000;

/**
 * Periods up to this many days get exact daily medians. Longer ones (`all`) chart a busy
 * day's median from a systematic sample of about DAILY_SAMPLE conversations: a year of
 * exact per-day sorts would cost more than every other figure together, and the chart
 * cannot show the difference. The period's own median and p90 are always exact.
 */
const EXACT_DAILY_DAYS = 92;
const DAILY_SAMPLE = 100;

/** Below this many values a period's durations are sorted directly; above, the duration index is walked. */
export const SORT_LIMIT = 20_000;

/** Replaces each `/*channel:<column>*\/` marker with ` AND <column> = @channel` when a channel is asked for. */
function withChannel(sql: string, channel: Channel | undefined): string {
  return sql.replace(/\/\*channel:([\w.]+)\*\//g, (_, column: string) =>
    channel ? ` AND ${column} = @channel` : '',
  );
}

const DRAFT_KINDS: readonly DecisionKind[] = ['send', 'send_via', 'edit_send', 'discard'];

export function createSqliteFigures(
  st: Prepare,
  sortLimit = SORT_LIMIT,
): (query: FiguresQuery) => Promise<FiguresData> {
  return async function figures(query: FiguresQuery): Promise<FiguresData> {
    const data = emptyFiguresData();
    const from = query.from.getTime();
    const to = query.to.getTime();
    if (!(to > from)) return data;
    const channel = query.channel;
    const params: Record<string, unknown> = { from, to, ...(channel ? { channel } : {}) };
    const q = (sql: string) => st(withChannel(sql, channel));
    const count = (sql: string, extra: Record<string, unknown> = {}): number =>
      (q(sql).get({ ...params, ...extra }) as { n: number }).n;

    // Whole UTC days come from the day rollups (migration 3); the partial first and last
    // day from index range counts.
    const firstDay = Math.ceil(from / DAY_MS);
    const lastDay = Math.floor(to / DAY_MS);
    const edges: [number, number][] =
      firstDay < lastDay
        ? [
            [from, firstDay * DAY_MS],
            [lastDay * DAY_MS, to],
          ]
        : [[from, to]];
    const dayParams = { firstDay, lastDay, ...params };

    const messageCounts = new Map<string, number>();
    const intentCounts = new Map<string, number>();
    const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
    if (firstDay < lastDay) {
      const rows = q(
        `SELECT direction, channel, intent, SUM(n) AS n FROM message_days
         WHERE day >= @firstDay AND day < @lastDay /*channel:channel*/ GROUP BY 1, 2, 3`,
      ).all(dayParams) as { direction: string; channel: string; intent: string; n: number }[];
      for (const r of rows) {
        add(messageCounts, `${r.direction} ${r.channel}`, r.n);
        if (r.direction === 'in') add(intentCounts, r.intent || 'unclassified', r.n);
      }
    }
    for (const [lo, hi] of edges) {
      if (lo >= hi) continue;
      // A partial day: a short range of the period index, grouped.
      const rows = q(
        `SELECT direction, channel, IFNULL(intent, '') AS intent, COUNT(*) AS n FROM messages
         WHERE direction IN ('in', 'out') AND created_at >= @lo AND created_at < @hi /*channel:channel*/
         GROUP BY 1, 2, 3`,
      ).all({ ...params, lo, hi }) as { direction: string; channel: string; intent: string; n: number }[];
      for (const r of rows) {
        add(messageCounts, `${r.direction} ${r.channel}`, r.n);
        if (r.direction === 'in') add(intentCounts, r.intent || 'unclassified', r.n);
      }
    }
    for (const [key, n] of messageCounts) {
      const [direction, c] = key.split(' ') as ['in' | 'out', Channel];
      if (n > 0) data.messages.push({ direction, channel: c, count: n });
    }
    for (const [intent, n] of intentCounts) if (n > 0) data.intents.push({ intent, count: n });

    data.customers = countCustomers();

    // Conversations opened in the period.
    const conv = q(
      `SELECT COUNT(*) AS opened, COUNT(first_response_at) AS answered, COUNT(resolved_at) AS resolved,
         TOTAL(first_response_at - opened_at) AS frt, TOTAL(resolved_at - opened_at) AS res,
         MIN(opened_at) AS first
       FROM conversations WHERE opened_at >= @from AND opened_at < @to /*channel:channel*/`,
    ).get(params) as {
      opened: number;
      answered: number;
      resolved: number;
      frt: number;
      res: number;
      first: number | null;
    };
    data.conversations = {
      opened: conv.opened,
      resolved: conv.resolved,
      unanswered: conv.opened - conv.answered,
    };
    const firstResponse = durations('first_response_at', conv.answered, conv.frt, from, to);
    if (firstResponse) data.firstResponse = firstResponse;
    const resolution = durations('resolved_at', conv.resolved, conv.res, from, to);
    if (resolution) data.resolution = resolution;

    // The daily series, from the first local day with a conversation.
    if (conv.first !== null) {
      const start = Math.max(from, startOfLocalDay(new Date(conv.first), query.tz).getTime());
      const days = localDays(new Date(start), query.to, query.tz);
      days.forEach((d, i) => {
        const lo = Math.max(from, d.start.getTime());
        const hi = i + 1 < days.length ? days[i + 1]!.start.getTime() : to;
        const day = q(
          `SELECT COUNT(*) AS opened, COUNT(first_response_at) AS answered FROM conversations
           WHERE opened_at >= @lo AND opened_at < @hi /*channel:channel*/`,
        ).get({ ...params, lo, hi }) as { opened: number; answered: number };
        const dayMedian =
          day.answered === 0
            ? undefined
            : days.length > EXACT_DAILY_DAYS && day.answered > DAILY_SAMPLE
              ? sampledMedian(Math.ceil(day.answered / DAILY_SAMPLE), lo, hi)
              : sortedMedian('first_response_at', day.answered, lo, hi);
        data.daily.push({
          day: d.day,
          start: d.start,
          conversations: day.opened,
          ...(dayMedian !== undefined ? { medianFirstResponseMs: dayMedian } : {}),
        });
      });
    }

    // Ratings: only a conversation's latest rating is current (kept by insertRating).
    for (let score = 1; score <= 5; score += 1) {
      data.ratingCounts[score - 1] = count(
        `SELECT COUNT(*) AS n FROM ratings
         WHERE superseded = 0 AND score = @score AND created_at >= @from AND created_at < @to /*channel:channel*/`,
        { score },
      );
    }
    data.ratingsAsked = count(
      `SELECT COUNT(*) AS n FROM conversations
       WHERE rating_requested_at >= @from AND rating_requested_at < @to /*channel:channel*/`,
    );

    // Draft outcomes: decision time, kind and the auto flag are copied onto the draft at commit.
    const outcome = (origin: string, kind: string, auto: number, n: number) => {
      if (n === 0) return;
      if (origin === 'owner_note') {
        if (kind !== 'discard') data.drafts.ownerWritten += n;
      } else if (kind === 'discard') data.drafts.discarded += n;
      else if (auto) data.drafts.automatic += n;
      else if (kind === 'edit_send') data.drafts.edited += n;
      else data.drafts.asDrafted += n;
    };
    if (firstDay < lastDay) {
      const rows = q(
        `SELECT origin, kind, auto, SUM(n) AS n FROM draft_days
         WHERE day >= @firstDay AND day < @lastDay /*channel:channel*/ GROUP BY 1, 2, 3`,
      ).all(dayParams) as { origin: string; kind: string; auto: number; n: number }[];
      for (const r of rows) outcome(r.origin, r.kind, r.auto, r.n);
    }
    for (const [lo, hi] of edges) {
      if (lo >= hi) continue;
      for (const origin of ['auto', 'owner_note'] as const) {
        for (const kind of DRAFT_KINDS) {
          for (const auto of [0, 1]) {
            const n = count(
              `SELECT COUNT(*) AS n FROM drafts
               WHERE origin = @origin AND decision_kind = @kind AND decision_auto = @auto
                 AND decided_at >= @lo AND decided_at < @hi /*channel:channel*/`,
              { origin, kind, auto, lo, hi },
            );
            outcome(origin, kind, auto, n);
          }
        }
      }
    }
    return data;

    /** Median and p90 of `<column> − opened_at` over conversations opened in [lo, hi). */
    function durations(
      column: 'first_response_at' | 'resolved_at',
      n: number,
      sumMs: number,
      lo: number,
      hi: number,
    ): DurationSummary | undefined {
      if (n === 0) return undefined;
      const at = (offset: number, limit: number): number[] => {
        const sql =
          n <= sortLimit
            ? `SELECT ${column} - opened_at AS d FROM conversations
               WHERE opened_at >= @lo AND opened_at < @hi AND ${column} IS NOT NULL /*channel:channel*/
               ORDER BY d LIMIT @limit OFFSET @offset`
            : `SELECT ${column} - opened_at AS d FROM conversations
                 INDEXED BY ${column === 'first_response_at' ? 'conversations_first_response' : 'conversations_resolution'}
               WHERE ${column} IS NOT NULL AND opened_at >= @lo AND opened_at < @hi /*channel:channel*/
               ORDER BY ${column} - opened_at LIMIT @limit OFFSET @offset`;
        return q(sql)
          .pluck(true)
          .all({ ...params, lo, hi, limit, offset }) as number[];
      };
      const mid = medianOffsets(n);
      const pair = at(mid[0], mid.length);
      const medianMs = pair.length === 2 ? (pair[0]! + pair[1]!) / 2 : pair[0]!;
      return { count: n, sumMs, medianMs, p90Ms: at(p90Offset(n), 1)[0]! };
    }

    /** C: distinct customers with an inbound message in [from, to). */
    function countCustomers(): number {
      // Periods that run to the present (every named period does): whoever wrote in the
      // period last wrote at or after its start, and nobody has written after its end.
      const latest = (
        st(
          channel
            ? 'SELECT MAX(at) AS t FROM customer_channel_last_inbound WHERE channel = @channel'
            : 'SELECT MAX(at) AS t FROM customer_last_inbound',
        ).get(channel ? { channel } : {}) as { t: number | null }
      ).t;
      if (latest === null) return 0;
      if (latest < to) {
        return channel
          ? count(
              'SELECT COUNT(*) AS n FROM customer_channel_last_inbound WHERE channel = @channel AND at >= @from',
            )
          : count('SELECT COUNT(*) AS n FROM customer_last_inbound WHERE at >= @from');
      }
      // A period in the past (rare): a range of the period index, de-duplicated.
      return count(
        `SELECT COUNT(DISTINCT customer_id) AS n FROM messages INDEXED BY messages_period
         WHERE direction = 'in' AND created_at >= @from AND created_at < @to /*channel:channel*/`,
      );
    }

    /** The chart's median of a busy day in a long period, from every k-th conversation (by rowid). */
    function sampledMedian(k: number, lo: number, hi: number): number | undefined {
      const values = q(
        `SELECT first_response_at - opened_at AS d FROM conversations
         WHERE opened_at >= @lo AND opened_at < @hi AND first_response_at IS NOT NULL /*channel:channel*/
           AND rowid % @k = 0`,
      )
        .pluck(true)
        .all({ ...params, lo, hi, k }) as number[];
      return medianOf(values);
    }

    function sortedMedian(column: 'first_response_at', n: number, lo: number, hi: number): number {
      const mid = medianOffsets(n);
      const values = q(
        `SELECT ${column} - opened_at AS d FROM conversations
         WHERE opened_at >= @lo AND opened_at < @hi AND ${column} IS NOT NULL /*channel:channel*/
         ORDER BY d LIMIT @limit OFFSET @offset`,
      )
        .pluck(true)
        .all({ ...params, lo, hi, limit: mid.length, offset: mid[0] }) as number[];
      return values.length === 2 ? (values[0]! + values[1]!) / 2 : values[0]!;
    }
  };
}
