/**
 * Figures aggregation on SQLite. Every query is a range scan of a covering index
 * (migration 2), so a period costs what it contains. Conversations are read in
 * opened_at order and bucketed into local days by walking the day boundaries once.
 */
import type Database from 'better-sqlite3';
import { CHANNELS, INTENTS, type Channel } from '../../core/model.js';
import type { FiguresData, FiguresQuery } from '../../core/ports.js';
import { emptyFiguresData, localDays, startOfLocalDay } from '../../core/figures.js';

type Prepare = (sql: string) => Database.Statement;

/** `sql` with ` AND <column> = @channel` in place of `/*channel:<column>*\/` when a channel is asked for. */
function withChannel(sql: string, channel: Channel | undefined): string {
  return sql.replace(/\/\*channel:([\w.]+)\*\//g, (_, column: string) =>
    channel ? ` AND ${column} = @channel` : '',
  );
}

export function createSqliteFigures(st: Prepare): (query: FiguresQuery) => Promise<FiguresData> {
  return async function figures(query: FiguresQuery): Promise<FiguresData> {
    const data = emptyFiguresData();
    const from = query.from.getTime();
    const to = query.to.getTime();
    if (!(to > from)) return data;
    const channel = query.channel;
    const params: Record<string, unknown> = { from, to, ...(channel ? { channel } : {}) };
    const q = (sql: string) => st(withChannel(sql, channel));

    // One index range count per (direction, channel) and per intent: no grouping sorts.
    const channels = channel ? [channel] : CHANNELS;
    for (const direction of ['in', 'out'] as const) {
      const count = st(
        `SELECT COUNT(*) AS n FROM messages
         WHERE direction = '${direction}' AND channel = @c AND created_at >= @from AND created_at < @to`,
      );
      for (const c of channels) {
        const n = (count.get({ from, to, c }) as { n: number }).n;
        if (n > 0) data.messages.push({ direction, channel: c, count: n });
      }
    }
    const byIntent = q(
      `SELECT COUNT(*) AS n FROM messages
       WHERE direction = 'in' AND intent = @intent AND created_at >= @from AND created_at < @to /*channel:channel*/`,
    );
    for (const intent of INTENTS) {
      const n = (byIntent.get({ ...params, intent }) as { n: number }).n;
      if (n > 0) data.intents.push({ intent, count: n });
    }
    const unclassified = (
      q(
        `SELECT COUNT(*) AS n FROM messages
         WHERE direction = 'in' AND intent IS NULL AND created_at >= @from AND created_at < @to /*channel:channel*/`,
      ).get(params) as { n: number }
    ).n;
    if (unclassified > 0) data.intents.push({ intent: 'unclassified', count: unclassified });
    data.customers = (
      q(
        `SELECT COUNT(DISTINCT customer_id) AS n FROM messages
         WHERE direction = 'in' AND created_at >= @from AND created_at < @to /*channel:channel*/`,
      ).get(params) as { n: number }
    ).n;

    // Conversations opened in the period, oldest first: counts, durations and the daily series.
    // raw: arrays instead of objects; this statement is only ever used this way.
    const conversations = q(
      `SELECT opened_at, first_response_at, resolved_at FROM conversations
       WHERE opened_at >= @from AND opened_at < @to /*channel:channel*/ ORDER BY opened_at`,
    )
      .raw(true)
      .all(params) as [number, number | null, number | null][];

    // The daily series starts at the first day with data, so `all` does not start in 1970.
    const firstIn = q(
      `SELECT MIN(created_at) AS t FROM messages
       WHERE direction = 'in' AND created_at >= @from AND created_at < @to /*channel:channel*/`,
    ).get(params) as { t: number | null };
    const firstAt = Math.min(conversations[0]?.[0] ?? Infinity, firstIn.t ?? Infinity);
    const days = Number.isFinite(firstAt)
      ? localDays(
          new Date(Math.max(from, startOfLocalDay(new Date(firstAt), query.tz).getTime())),
          query.to,
          query.tz,
        )
      : [];
    data.daily = days.map((d) => ({
      day: d.day,
      start: d.start,
      conversations: 0,
      messagesIn: 0,
      firstResponseMs: [],
    }));

    let dayIndex = 0;
    for (const [opened, firstResponse, resolved] of conversations) {
      data.conversations.opened += 1;
      while (dayIndex + 1 < days.length && days[dayIndex + 1]!.start.getTime() <= opened) dayIndex += 1;
      const day = data.daily[dayIndex];
      if (day) day.conversations += 1;
      if (firstResponse === null) data.conversations.unanswered += 1;
      else {
        const ms = Math.max(0, firstResponse - opened);
        data.firstResponseMs.push(ms);
        day?.firstResponseMs.push(ms);
      }
      if (resolved !== null) {
        data.conversations.resolved += 1;
        data.resolutionMs.push(Math.max(0, resolved - opened));
      }
    }

    if (days.length > 0) {
      const bounds = days.map((d, i) => [
        Math.max(from, d.start.getTime()),
        i + 1 < days.length ? days[i + 1]!.start.getTime() : to,
      ]);
      const counts = q(
        `SELECT CAST(b.key AS INTEGER) AS i,
           (SELECT COUNT(*) FROM messages WHERE direction = 'in'
              AND created_at >= json_extract(b.value, '$[0]') AND created_at < json_extract(b.value, '$[1]')
              /*channel:channel*/) AS n
         FROM json_each(@bounds) AS b`,
      ).all({ ...params, bounds: JSON.stringify(bounds) }) as { i: number; n: number }[];
      for (const c of counts) {
        const day = data.daily[c.i];
        if (day) day.messagesIn = c.n;
      }
    }

    // The latest rating of each conversation counts, in the period it was given.
    const scores = q(
      `SELECT score, COUNT(*) AS n FROM ratings AS r
       WHERE created_at >= @from AND created_at < @to /*channel:r.channel*/
         AND NOT EXISTS (
           SELECT 1 FROM ratings AS l WHERE l.conversation_id = r.conversation_id
             AND (l.created_at > r.created_at OR (l.created_at = r.created_at AND l.rowid > r.rowid)))
       GROUP BY score`,
    ).all(params) as { score: number; n: number }[];
    for (const s of scores) {
      const i = Math.round(s.score) - 1;
      if (i >= 0 && i < 5) data.ratingCounts[i as 0 | 1 | 2 | 3 | 4] += s.n;
    }
    data.ratingsAsked = (
      q(
        `SELECT COUNT(*) AS n FROM conversations
         WHERE rating_requested_at >= @from AND rating_requested_at < @to /*channel:channel*/`,
      ).get(params) as { n: number }
    ).n;

    // Decision time, kind and console are copied onto the draft at commit: no join.
    const outcomes = q(
      `SELECT origin, decision_kind AS kind, decision_console = 'auto' AS auto, COUNT(*) AS n FROM drafts
       WHERE decided_at >= @from AND decided_at < @to /*channel:channel*/
       GROUP BY 1, 2, 3`,
    ).all(params) as { origin: string; kind: string; auto: number; n: number }[];
    for (const o of outcomes) {
      if (o.origin === 'owner_note') {
        if (o.kind !== 'discard') data.drafts.ownerWritten += o.n;
      } else if (o.kind === 'discard') data.drafts.discarded += o.n;
      else if (o.kind === 'edit_send') data.drafts.edited += o.n;
      else if (o.auto) data.drafts.automatic += o.n;
      else data.drafts.asDrafted += o.n;
    }
    return data;
  };
}
