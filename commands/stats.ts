/**
 * `/cs stats [today|7d|30d|90d|all] [channel]`: the owner's figures (PRODUCT.md "Figures")
 * as a console-neutral reply, with a chart of the daily series where images are shown.
 */
import { CHANNELS, type Channel } from '../src/core/model.js';
import type { Actor } from '../src/core/model.js';
import type { Clock, FiguresSource } from '../src/core/ports.js';
import {
  isPeriod,
  periodRange,
  summariseFigures,
  type FiguresSummary,
  type Period,
} from '../src/core/figures.js';
import type { Command, CommandReply } from './command.js';
import { renderStatsChart } from './stats-chart.js';
import { formatInt, formatMinutes, round1, STATS_TEXT, type OwnerLanguage } from './stats-text.js';
import type { AttentionFigures } from '../src/core/attention/figures.js';
import { attentionSection } from './stats-attention.js';
import { loopSections, type LoopFigures } from './stats-loop.js';

export interface StatsDeps {
  figures: FiguresSource;
  clock: Clock;
  /** The owner's IANA time zone: where "today" and the chart's days begin. */
  tz: string;
  language?: OwnerLanguage;
  /** Render the chart image (default true). */
  chart?: boolean;
  /** Acknowledgements, answered within due, overdue now (src/core/attention). */
  attention?: (from: Date, to: Date) => Promise<AttentionFigures>;
  /** Draft outcomes and ratings by reply source (src/core/answers), desk-wide. */
  loop?: (from: Date, to: Date) => Promise<LoopFigures>;
}

const USAGE = 'stats [today|7d|30d|90d|all] [channel]';

export function parseStatsArgs(
  args: readonly string[],
): { period: Period; channel?: Channel } | { bad: string } {
  let period: Period | undefined;
  let channel: Channel | undefined;
  for (const raw of args) {
    const arg = raw.trim().toLowerCase();
    if (!arg) continue;
    if (!period && isPeriod(arg)) period = arg;
    else if (!channel && (CHANNELS as readonly string[]).includes(arg)) channel = arg as Channel;
    else return { bad: raw };
  }
  return { period: period ?? '30d', ...(channel ? { channel } : {}) };
}

export function createStatsCommand(deps: StatsDeps): Command {
  const language = deps.language ?? 'en';
  const t = STATS_TEXT[language];
  return {
    name: 'stats',
    usage: USAGE,
    summary: {
      en: 'Figures for a period: C, T, P, E, drafts and a chart',
      zh: '某时段的数据：C、T、P、E、草稿与图表',
    },
    async run(args: string[], _actor: Actor): Promise<CommandReply> {
      const parsed = parseStatsArgs(args);
      if ('bad' in parsed) {
        return { title: t.usage, sections: [], text: t.usageText(USAGE, parsed.bad), usage: true };
      }
      const { from, to } = periodRange(parsed.period, deps.clock.now(), deps.tz);
      const data = await deps.figures.figures({
        from,
        to,
        tz: deps.tz,
        ...(parsed.channel ? { channel: parsed.channel } : {}),
      });
      const summary = summariseFigures(data);
      const periodName = t.period[parsed.period] + (parsed.channel ? t.channelSuffix(parsed.channel) : '');
      const reply = statsReply(summary, periodName, language);
      // Attention figures are desk-wide (not per channel): shown only for the whole desk.
      if (deps.attention && !parsed.channel)
        reply.sections.push(attentionSection(await deps.attention(from, to), language));
      if (deps.loop && !parsed.channel)
        reply.sections.push(...loopSections(await deps.loop(from, to), language));
      if (deps.chart !== false && summary.daily.length > 0 && summary.conversations.opened > 0) {
        const png = await renderStatsChart(summary.daily, {
          title: t.chartTitle(periodName),
          conversations: t.chartConversations,
          firstResponse: t.chartFirstResponse,
        });
        reply.image = { png, alt: t.chartAlt(periodName), filename: `stats-${parsed.period}.png` };
      }
      return reply;
    },
  };
}

/** The figures as sections of label/value pairs; short values so Slack fields read well on a phone. */
export function statsReply(s: FiguresSummary, periodName: string, language: OwnerLanguage): CommandReply {
  const t = STATS_TEXT[language];
  const duration = (d: FiguresSummary['firstResponse']) =>
    d
      ? t.durationValue(
          formatMinutes(d.meanMin, language),
          formatMinutes(d.medianMin, language),
          formatMinutes(d.p90Min, language),
        )
      : t.none;
  const sat = s.satisfaction;
  const sections: CommandReply['sections'] = [
    {
      heading: t.overview,
      fields: [
        { label: t.customers, value: formatInt(s.customers) },
        {
          label: t.conversations,
          value: t.conversationsValue(
            formatInt(s.conversations.opened),
            formatInt(s.conversations.resolved),
            formatInt(s.conversations.unanswered),
          ),
        },
        { label: t.messages, value: t.messagesValue(formatInt(s.messages.in), formatInt(s.messages.out)) },
      ],
    },
    {
      heading: t.speed,
      fields: [
        { label: t.firstResponse, value: duration(s.firstResponse) },
        { label: t.resolution, value: duration(s.resolution) },
      ],
    },
    {
      heading: t.satisfaction,
      fields: [
        { label: t.satisfied, value: sat.satisfied === undefined ? t.none : `${round1(sat.satisfied)}%` },
        { label: t.meanRating, value: sat.mean === undefined ? t.none : `${round1(sat.mean)} / 5` },
        {
          label: t.ratings,
          value: t.ratingsValue(
            formatInt(sat.ratings),
            formatInt(sat.asked),
            sat.responseRate === undefined ? undefined : `${round1(sat.responseRate)}%`,
          ),
        },
      ],
    },
    {
      heading: t.drafts,
      fields: [
        { label: t.asDrafted, value: formatInt(s.drafts.asDrafted) },
        { label: t.edited, value: formatInt(s.drafts.edited) },
        { label: t.discarded, value: formatInt(s.drafts.discarded) },
        { label: t.automatic, value: formatInt(s.drafts.automatic) },
        ...(s.drafts.ownerWritten > 0
          ? [{ label: t.ownerWritten, value: formatInt(s.drafts.ownerWritten) }]
          : []),
      ],
    },
  ];
  if (s.messages.byChannel.length > 0) {
    sections.push({
      heading: t.byChannel,
      fields: s.messages.byChannel.map((c) => ({
        label: c.channel,
        value: t.messagesValue(formatInt(c.in), formatInt(c.out)),
      })),
    });
  }
  if (s.messages.byIntent.length > 0) {
    sections.push({
      heading: t.byIntent,
      fields: s.messages.byIntent.map((i) => ({
        label: t.intents[i.intent] ?? i.intent,
        value: formatInt(i.count),
      })),
    });
  }
  const e = s.articleIndex;
  sections.push({
    heading: t.index,
    fields: [
      {
        label: t.indexLabel,
        value: e
          ? `${formatInt(e.c)} × ${round1(e.t)} × ${round1(e.p)} / 100 = ${formatInt(e.value)}`
          : t.none,
      },
    ],
  });
  const notes: string[] = [e ? t.indexNote : t.indexMissing];
  if (s.messages.in === 0 && s.conversations.opened === 0) notes.unshift(t.empty);
  return { title: `${t.title} · ${periodName}`, sections, text: notes.join('\n') };
}
