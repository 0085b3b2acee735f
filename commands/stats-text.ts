/** The words of `/cs stats`, in the owner's language (OWNER_LANGUAGE: en or zh): section `commands.stats`. */
import { INTENT_NAMES } from '../src/core/intent-names.js';
import { OWNER_STRINGS, fillOwner } from '../src/core/owner-strings/index.js';

export type OwnerLanguage = 'en' | 'zh';

/** The owner-strings section with its templates filled by the callers' figures. */
function statsText(lang: OwnerLanguage) {
  const s = OWNER_STRINGS[lang].commands.stats;
  return {
    ...s,
    conversationsValue: (opened: string, resolved: string, unanswered: string) =>
      fillOwner(s.conversationsValue, { opened, resolved, unanswered }),
    messagesValue: (inbound: string, outbound: string) => fillOwner(s.messagesValue, { inbound, outbound }),
    durationValue: (mean: string, median: string, p90: string) =>
      fillOwner(s.durationValue, { mean, median, p90 }),
    ratingsValue: (n: string, asked: string, rate?: string) =>
      rate ? fillOwner(s.ratingsValue, { n, asked, rate }) : n,
    chartTitle: (period: string) => fillOwner(s.chartTitle, { period }),
    chartAlt: (period: string) => fillOwner(s.chartAlt, { period }),
    usageText: (usage: string, bad: string) => fillOwner(s.usageText, { usage, bad }),
    channelSuffix: (channel: string) => ` · ${channel}`,
    intents: { ...INTENT_NAMES[lang], unclassified: s.unclassified } as Record<string, string>,
  };
}

export const STATS_TEXT = { en: statsText('en'), zh: statsText('zh') } as const;

/** Minutes as the owner reads them: `45 s`, `12.5 min`, `3.2 h`, `2.1 d`. */
export function formatMinutes(minutes: number, language: OwnerLanguage): string {
  const unit =
    language === 'zh' ? { s: '秒', min: '分钟', h: '小时', d: '天' } : { s: 's', min: 'min', h: 'h', d: 'd' };
  const sep = language === 'zh' ? '' : ' ';
  if (minutes < 1) return `${Math.round(minutes * 60)}${sep}${unit.s}`;
  if (minutes < 120) return `${round1(minutes)}${sep}${unit.min}`;
  if (minutes < 48 * 60) return `${round1(minutes / 60)}${sep}${unit.h}`;
  return `${round1(minutes / 1440)}${sep}${unit.d}`;
}

export function round1(n: number): string {
  return (Math.round(n * 10) / 10).toLocaleString('en-US', { maximumFractionDigits: 1 });
}

export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
