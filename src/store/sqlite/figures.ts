/**
 * Figures aggregation on SQLite (see FiguresData). Every query is an index range count
 * or walk over migration 2's indexes — no joins, no large sorts, and no row-by-row reads
 * into JavaScript — so `/cs stats all` stays fast at a million messages.
 */
import type Database from 'better-sqlite3';
import { CHANNELS, INTENTS, type Channel, type DecisionKind } from '../../core/model.js';
import type { DurationSummary, FiguresData, FiguresQuery } from '../../core/ports.js';
import {
  emptyFiguresData,
  localDays,
  medianOffsets,
  p90Offset,
  startOfLocalDay,
} from '../../core/figures.js';

type Prepare = (sql: string) => Database.Statement;

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

    // Messages: one index range count per (direction, channel) and per intent.
    for (const direction of ['in', 'out'] as const) {
      for (const c of channel ? [channel] : CHANNELS) {
        const n = (
          st(
            `SELECT COUNT(*) AS n FROM messages
             WHERE direction = '${direction}' AND channel = @c AND created_at >= @from AND created_at < @to`,
          ).get({ from, to, c }) as { n: number }
        ).n;
        if (n > 0) data.messages.push({ direction, channel: c, count: n });
      }
    }
    for (const intent of INTENTS) {
      const n = count(
        `SELECT COUNT(*) AS n FROM messages
         WHERE direction = 'in' AND intent = @intent AND created_at >= @from AND created_at < @to /*channel:channel*/`,
        { intent },
      );
      if (n > 0) data.intents.push({ intent, count: n });
    }
    const unclassified = count(
      `SELECT COUNT(*) AS n FROM messages
       WHERE direction = 'in' AND intent IS NULL AND created_at >= @from AND created_at < @to /*channel:channel*/`,
    );
    if (unclassified > 0) data.intents.push({ intent: 'unclassified', count: unclassified });
    // The customer-ordered index makes DISTINCT a single walk without a temporary b-tree.
    data.customers = count(
      `SELECT COUNT(DISTINCT customer_id) AS n FROM messages INDEXED BY messages_period_customer
       WHERE direction = 'in' AND created_at >= @from AND created_at < @to /*channel:channel*/`,
    );

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
        const median = day.answered > 0 ? sortedMedian('first_response_at', day.answered, lo, hi) : undefined;
        data.daily.push({
          day: d.day,
          start: d.start,
          conversations: day.opened,
          ...(median !== undefined ? { medianFirstResponseMs: median } : {}),
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
    for (const origin of ['auto', 'owner_note'] as const) {
      for (const kind of DRAFT_KINDS) {
        for (const auto of [0, 1]) {
          const n = count(
            `SELECT COUNT(*) AS n FROM drafts
             WHERE origin = @origin AND decision_kind = @kind AND decision_auto = @auto
               AND decided_at >= @from AND decided_at < @to /*channel:channel*/`,
            { origin, kind, auto },
          );
          if (n === 0) continue;
          if (origin === 'owner_note') {
            if (kind !== 'discard') data.drafts.ownerWritten += n;
          } else if (kind === 'discard') data.drafts.discarded += n;
          else if (auto) data.drafts.automatic += n;
          else if (kind === 'edit_send') data.drafts.edited += n;
          else data.drafts.asDrafted += n;
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
