/**
 * The instant acknowledgement a customer gets while the desk is closed, in their language,
 * saying when to expect an answer: "We're closed now and will reply from 09:00 Monday
 * (London time)." / "我们现在不在线，将于周一 09:00（伦敦时间）回复您。"
 */
import { fillTemplate } from '../template.js';
import type { DeskState } from './away.js';
import { localParts } from './zoned.js';

export const DEFAULT_ACK_TEXTS = {
  en: {
    closed: "Thanks for your message. We're closed now and will reply from {when} ({zone} time).",
    away: "Thanks for your message. We're away at the moment and will reply as soon as we can.",
    open: "Thanks for your message. We've received it and will reply soon.",
  },
  zh: {
    closed: '感谢您的留言。我们现在不在线，将于{when}（{zone}时间）回复您。',
    away: '感谢您的留言。我们暂时不在，会尽快回复您。',
    open: '感谢您的留言，我们已收到，会尽快回复您。',
  },
} as const;

const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ZH_DAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Zone names customers recognise, where the IANA city is not what people say. */
const ZONE_NAMES: Record<string, { en: string; zh: string }> = {
  'Asia/Shanghai': { en: 'Beijing', zh: '北京' },
  'Asia/Chongqing': { en: 'Beijing', zh: '北京' },
  'Asia/Hong_Kong': { en: 'Hong Kong', zh: '香港' },
  'Asia/Taipei': { en: 'Taipei', zh: '台北' },
  'Asia/Singapore': { en: 'Singapore', zh: '新加坡' },
  'Asia/Tokyo': { en: 'Tokyo', zh: '东京' },
  'Europe/London': { en: 'London', zh: '伦敦' },
  'Europe/Paris': { en: 'Paris', zh: '巴黎' },
  'Europe/Berlin': { en: 'Berlin', zh: '柏林' },
  'America/New_York': { en: 'New York', zh: '纽约' },
  'America/Los_Angeles': { en: 'Los Angeles', zh: '洛杉矶' },
  'America/Chicago': { en: 'Chicago', zh: '芝加哥' },
  'Australia/Sydney': { en: 'Sydney', zh: '悉尼' },
  UTC: { en: 'UTC', zh: 'UTC' },
};

export function zoneName(tz: string, language: 'en' | 'zh'): string {
  const known = ZONE_NAMES[tz];
  if (known) return known[language];
  return (tz.split('/').at(-1) ?? tz).replace(/_/g, ' ');
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * "09:00 Monday" / "周一 09:00"; the date is added when the day is a week or more away, so
 * "Monday" can never mean the wrong one.
 */
export function formatReopen(at: Date, now: Date, tz: string, language: 'en' | 'zh'): string {
  const p = localParts(at, tz);
  const far = at.getTime() - now.getTime() >= 6 * 86_400_000;
  if (language === 'zh')
    return `${far ? `${p.month}月${p.day}日` : ''}${ZH_DAYS[p.weekday]} ${hhmm(p.minutes)}`;
  return `${hhmm(p.minutes)} ${EN_DAYS[p.weekday]}${far ? ` ${p.day} ${EN_MONTHS[p.month - 1]}` : ''}`;
}

export function ackLanguage(language: string | undefined): 'en' | 'zh' {
  return language === 'zh' ? 'zh' : 'en';
}

/** The acknowledgement for a desk in `state` (owner texts, when configured, win for "closed"). */
export function ackText(
  state: DeskState,
  now: Date,
  tz: string,
  language: 'en' | 'zh',
  custom: Partial<Record<'en' | 'zh', string>> = {},
): string {
  const texts = DEFAULT_ACK_TEXTS[language];
  if (state.kind === 'open') return texts.open;
  if (!state.reopensAt) return texts.away;
  return fillTemplate(custom[language] ?? texts.closed, {
    when: formatReopen(state.reopensAt, now, tz, language),
    zone: zoneName(tz, language),
  });
}
