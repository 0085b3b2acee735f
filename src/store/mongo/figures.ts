/**
 * Figures (FiguresData) by aggregation pipelines in MongoDB. Every pipeline opens with a
 * `$match` on a period range that one of the models' indexes serves (messages_period,
 * conversations_period, conversations_rating_asked, ratings_period, drafts_decided), and
 * only small results come back: counts, and for medians/p90 the one or two values at the
 * ranks src/core/figures.ts prescribes ($sort + $skip + $limit in the server). Daily
 * medians are taken per day bucket inside the server with $sortArray (MongoDB ≥ 5.2).
 * Large sorts spill to disk by the server's default (allowDiskUseByDefault, MongoDB ≥ 6.0);
 * the option is not passed (Atlas Free and Flex clusters ignore it anyway).
 */
import type { PipelineStage } from 'mongoose';
import type { Channel, DecisionKind } from '../../core/model.js';
import type { DurationSummary, FiguresData, FiguresQuery } from '../../core/ports.js';
import {
  emptyFiguresData,
  localDays,
  medianOffsets,
  p90Offset,
  startOfLocalDay,
} from '../../core/figures.js';
import type { Models } from './models.js';

type Row = Record<string, unknown>;

/** `end − openedAt` in ms, or null when `end` is missing. */
const durationOf = (end: string) => ({
  $cond: [{ $eq: [{ $ifNull: [`$${end}`, null] }, null] }, null, { $subtract: [`$${end}`, '$openedAt'] }],
});

/** The median of the sorted numeric array `$s` of size `$n` (null when empty), as the core ranks it. */
const MEDIAN_OF_SORTED = {
  $cond: [
    { $eq: ['$n', 0] },
    null,
    {
      $cond: [
        { $eq: [{ $mod: ['$n', 2] }, 1] },
        { $arrayElemAt: ['$s', { $toInt: { $divide: [{ $subtract: ['$n', 1] }, 2] } }] },
        {
          $divide: [
            {
              $add: [
                { $arrayElemAt: ['$s', { $toInt: { $subtract: [{ $divide: ['$n', 2] }, 1] } }] },
                { $arrayElemAt: ['$s', { $toInt: { $divide: ['$n', 2] } }] },
              ],
            },
            2,
          ],
        },
      ],
    },
  ],
};

export function createMongoFigures(models: Models): (query: FiguresQuery) => Promise<FiguresData> {
  return async function figures(query: FiguresQuery): Promise<FiguresData> {
    const data = emptyFiguresData();
    if (!(query.to.getTime() > query.from.getTime())) return data;
    const channel: Channel | undefined = query.channel;
    const range = { $gte: query.from, $lt: query.to };
    const only = channel ? { channel } : {};

    const [messages, conv, ratings, asked, drafts] = await Promise.all([
      models.messages.aggregate<Row>(messagePipeline({ createdAt: range, ...only })).exec(),
      models.conversations.aggregate<Row>(conversationTotals({ openedAt: range, ...only })).exec(),
      models.ratings
        .aggregate<Row>([
          { $match: { superseded: false, createdAt: range, ...only } },
          { $group: { _id: '$score', n: { $sum: 1 } } },
        ])
        .exec(),
      models.conversations.countDocuments({ ratingRequestedAt: range, ...only }).exec(),
      models.drafts
        .aggregate<Row>([
          { $match: { decidedAt: range, ...only } },
          { $group: { _id: { o: '$origin', k: '$decisionKind', a: '$decisionAuto' }, n: { $sum: 1 } } },
        ])
        .exec(),
    ]);

    // Messages, intents, customers.
    const facet = messages[0] as { byChannel: Row[]; intents: Row[]; customers: Row[] } | undefined;
    for (const r of facet?.byChannel ?? []) {
      const id = r._id as { d: 'in' | 'out'; c: Channel };
      data.messages.push({ direction: id.d, channel: id.c, count: r.n as number });
    }
    for (const r of facet?.intents ?? []) {
      data.intents.push({ intent: (r._id as string | null) ?? 'unclassified', count: r.n as number });
    }
    data.customers = (facet?.customers[0]?.n as number | undefined) ?? 0;

    // Conversations opened in the period.
    const t = conv[0] as
      | { opened: number; answered: number; resolved: number; frt: number; res: number; first: Date }
      | undefined;
    if (t) {
      data.conversations = { opened: t.opened, resolved: t.resolved, unanswered: t.opened - t.answered };
      const [firstResponse, resolution, daily] = await Promise.all([
        durations('firstResponseAt', t.answered, t.frt),
        durations('resolvedAt', t.resolved, t.res),
        dailySeries(new Date(t.first)),
      ]);
      if (firstResponse) data.firstResponse = firstResponse;
      if (resolution) data.resolution = resolution;
      data.daily = daily;
    }

    for (const r of ratings) {
      const score = r._id as number;
      if (score >= 1 && score <= 5) data.ratingCounts[score - 1] = r.n as number;
    }
    data.ratingsAsked = asked;

    for (const r of drafts) {
      const id = r._id as { o: string; k: DecisionKind; a?: boolean };
      const n = r.n as number;
      if (id.o === 'owner_note') {
        if (id.k !== 'discard') data.drafts.ownerWritten += n;
      } else if (id.k === 'discard') data.drafts.discarded += n;
      else if (id.a) data.drafts.automatic += n;
      else if (id.k === 'edit_send') data.drafts.edited += n;
      else data.drafts.asDrafted += n;
    }
    return data;

    /** Count, sum, median and p90 of `end − openedAt` over conversations opened in the period. */
    async function durations(
      end: 'firstResponseAt' | 'resolvedAt',
      n: number,
      sumMs: number,
    ): Promise<DurationSummary | undefined> {
      if (n === 0) return undefined;
      const mid = medianOffsets(n);
      const [row] = await models.conversations
        .aggregate<{ m: { d: number }[]; p: { d: number }[] }>([
          { $match: { openedAt: range, ...only, [end]: { $exists: true } } },
          { $project: { _id: 0, d: durationOf(end) } },
          {
            $facet: {
              m: [{ $sort: { d: 1 } }, { $skip: mid[0] }, { $limit: mid.length }],
              p: [{ $sort: { d: 1 } }, { $skip: p90Offset(n) }, { $limit: 1 }],
            },
          },
        ])
        .exec();
      const m = row?.m ?? [];
      const medianMs = m.length === 2 ? (m[0]!.d + m[1]!.d) / 2 : (m[0]?.d ?? 0);
      return { count: n, sumMs, medianMs, p90Ms: row?.p[0]?.d ?? 0 };
    }

    /** Conversations and median first response per local day, from the first day with data. */
    async function dailySeries(first: Date): Promise<FiguresData['daily']> {
      const lo = Math.max(query.from.getTime(), startOfLocalDay(first, query.tz).getTime());
      const days = localDays(new Date(lo), query.to, query.tz);
      const boundaries = [new Date(lo), ...days.slice(1).map((d) => d.start), query.to];
      const rows = await models.conversations
        .aggregate<{ _id: Date; n: number; median: number | null }>([
          { $match: { openedAt: { $gte: new Date(lo), $lt: query.to }, ...only } },
          {
            $bucket: {
              groupBy: '$openedAt',
              boundaries,
              output: { n: { $sum: 1 }, d: { $push: durationOf('firstResponseAt') } },
            },
          },
          {
            $project: {
              n: 1,
              s: {
                $sortArray: {
                  input: { $filter: { input: '$d', cond: { $ne: ['$$this', null] } } },
                  sortBy: 1,
                },
              },
            },
          },
          { $project: { conversations: '$n', s: 1, n: { $size: '$s' } } },
          { $project: { conversations: 1, median: MEDIAN_OF_SORTED } },
        ] as PipelineStage[])
        .exec();
      const byStart = new Map(rows.map((r) => [new Date(r._id).getTime(), r]));
      return days.map((d, i) => {
        const r = byStart.get(boundaries[i]!.getTime()) as
          { conversations?: number; median?: number | null } | undefined;
        return {
          day: d.day,
          start: d.start,
          conversations: r?.conversations ?? 0,
          ...(r?.median !== undefined && r.median !== null ? { medianFirstResponseMs: r.median } : {}),
        };
      });
    }
  };
}

function messagePipeline(match: Row): PipelineStage[] {
  return [
    { $match: match },
    { $project: { _id: 0, channel: 1, direction: 1, customerId: 1, intent: '$classification.intent' } },
    {
      $facet: {
        byChannel: [{ $group: { _id: { d: '$direction', c: '$channel' }, n: { $sum: 1 } } }],
        intents: [
          { $match: { direction: 'in' } },
          { $group: { _id: { $ifNull: ['$intent', null] }, n: { $sum: 1 } } },
        ],
        customers: [{ $match: { direction: 'in' } }, { $group: { _id: '$customerId' } }, { $count: 'n' }],
      },
    },
  ];
}

function conversationTotals(match: Row): PipelineStage[] {
  return [
    { $match: match },
    { $project: { openedAt: 1, frt: durationOf('firstResponseAt'), res: durationOf('resolvedAt') } },
    {
      $group: {
        _id: null,
        opened: { $sum: 1 },
        answered: { $sum: { $cond: [{ $eq: ['$frt', null] }, 0, 1] } },
        resolved: { $sum: { $cond: [{ $eq: ['$res', null] }, 0, 1] } },
        frt: { $sum: '$frt' },
        res: { $sum: '$res' },
        first: { $min: '$openedAt' },
      },
    },
  ];
}
