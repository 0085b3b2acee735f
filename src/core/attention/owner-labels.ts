/** What the attention features tell the owner (reminders, notices, the digest), in en and zh. */
import { fillOwner, ownerStrings, type OwnerStrings } from '../owner-strings/index.js';

export type AttentionLabel = keyof OwnerStrings['attention'];

export function attentionLabel(
  lang: 'en' | 'zh',
  key: AttentionLabel,
  vars: Record<string, string | number> = {},
): string {
  return fillOwner(ownerStrings(lang).attention[key], vars);
}

/** "35 min", "2 h", "3 d" / "35 分钟", "2 小时", "3 天": the largest unit that fits. */
export function shortDuration(ms: number, lang: 'en' | 'zh'): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  if (min < 60) return lang === 'zh' ? `${min} 分钟` : `${min} min`;
  const h = Math.round(min / 60);
  if (h < 48) return lang === 'zh' ? `${h} 小时` : `${h} h`;
  const d = Math.round(h / 24);
  return lang === 'zh' ? `${d} 天` : `${d} d`;
}
