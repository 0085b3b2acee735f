/** Times as the owner reads them on cards and in lists: "14:05", "Mon 09:00", "2026-12-28 09:00". */
import { localDate, localParts } from './zoned.js';

const EN_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ZH_DAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export function formatOwnerTime(at: Date, now: Date, tz: string, lang: 'en' | 'zh'): string {
  const p = localParts(at, tz);
  const time = `${String(Math.floor(p.minutes / 60)).padStart(2, '0')}:${String(p.minutes % 60).padStart(2, '0')}`;
  if (localDate(at, tz) === localDate(now, tz)) return time;
  if (Math.abs(at.getTime() - now.getTime()) < 6 * 86_400_000)
    return `${(lang === 'zh' ? ZH_DAYS : EN_DAYS)[p.weekday]} ${time}`;
  return `${localDate(at, tz)} ${time}`;
}
