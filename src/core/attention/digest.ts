/**
 * The daily digest: who is waiting (soonest due first), how many are overdue, how many replies
 * need the owner (failed, or may already have arrived: needs-you.ts), and yesterday's figures — C, T, P, the share answered within due time, ratings received.
 */
import { addLocalDays, startOfLocalDay, summariseFigures } from '../figures.js';
import type { FiguresSource, OwnerPost, Store } from '../ports.js';
import type { Attention } from './attention.js';
import { attentionLabel, shortDuration } from './owner-labels.js';
import { needsYouRows } from './needs-you.js';
import { formatOwnerTime } from './owner-time.js';
import { waitingRows } from './waiting.js';

const MAX_LISTED = 15;

function figuresOf(store: Store): FiguresSource | undefined {
  const maybe = store as Store & Partial<FiguresSource>;
  return typeof maybe.figures === 'function' ? { figures: (q) => maybe.figures!(q) } : undefined;
}

export async function buildDigest(attention: Attention, date: string): Promise<OwnerPost> {
  const { store, clock } = attention.deps;
  const { ownerLanguage: lang, hours } = attention.settings;
  const now = clock.now();
  const rows = await waitingRows(attention);
  const overdue = rows.filter((r) => r.overdue).length;
  const needsYou = (await needsYouRows(attention)).length;
  const waitingFields = rows.slice(0, MAX_LISTED).map((r) => ({
    label: `${r.name} · ${r.channel}${r.intent ? ` · ${r.intent}` : ''}`,
    value: r.due,
  }));

  const today = startOfLocalDay(now, hours.tz);
  const yesterday = addLocalDays(today, -1, hours.tz);
  const fields: { label: string; value: string }[] = [];
  const source = figuresOf(store);
  if (source) {
    const s = summariseFigures(await source.figures({ from: yesterday, to: today, tz: hours.tz }));
    const t = s.firstResponse ? shortDuration(s.firstResponse.meanMin * 60_000, lang) : '—';
    fields.push(
      { label: 'C', value: String(s.customers) },
      { label: 'T', value: t },
      {
        label: 'P',
        value: s.satisfaction.satisfied === undefined ? '—' : `${Math.round(s.satisfaction.satisfied)}`,
      },
      { label: attentionLabel(lang, 'digestRatings'), value: String(s.satisfaction.ratings) },
    );
  }
  const answered = await store.listAnswered(yesterday, today);
  if (answered.length > 0) {
    const inDue = answered.filter((a) => a.answeredInDue).length;
    fields.push({
      label: attentionLabel(lang, 'digestInDue'),
      value: `${Math.round((inDue / answered.length) * 100)}% (${inDue}/${answered.length})`,
    });
  }
  return {
    title: attentionLabel(lang, 'digestTitle', { date }),
    sections: [
      {
        heading: attentionLabel(lang, 'digestWaiting', { n: rows.length }),
        fields:
          waitingFields.length > 0
            ? waitingFields
            : [{ label: '—', value: attentionLabel(lang, 'digestNone') }],
      },
      {
        fields: [
          { label: attentionLabel(lang, 'digestOverdue'), value: String(overdue) },
          { label: attentionLabel(lang, 'digestNeedsYou'), value: String(needsYou) },
        ],
      },
      { heading: attentionLabel(lang, 'digestYesterday'), fields },
    ],
    text: formatOwnerTime(now, now, hours.tz, lang),
  };
}
