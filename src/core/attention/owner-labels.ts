/** What the attention features tell the owner (reminders, notices, the digest), in en and zh. */
import { fillTemplate } from '../template.js';

const EN = {
  reminder: '⏰ Reply overdue for {name}: it was due {due} ({ago} ago).',
  reminderAgain: '⏰ Still waiting: {name}, overdue {ago}.',
  woken: '⏰ Snooze ended early: {name} wrote again.',
  snoozed: '💤 Snoozed until {until}.',
  snoozeEnded: '⏰ Snooze over: {name} is waiting again.',
  dueIn: 'reply due in {left}',
  overdue: 'overdue {ago}',
  snoozedUntil: 'snoozed until {until}',
  digestTitle: 'Daily digest · {date}',
  digestWaiting: 'Waiting ({n})',
  digestNone: 'Nobody is waiting.',
  digestOverdue: 'Overdue',
  digestYesterday: 'Yesterday',
  digestRatings: 'Ratings received',
  open: 'open',
  closed: 'closed',
  away: 'away',
  holiday: 'closed (holiday)',
} as const;

export type AttentionLabel = keyof typeof EN;

const ZH: Record<AttentionLabel, string> = {
  reminder: '⏰ {name} 的回复已超时：应于 {due} 回复（已超过 {ago}）。',
  reminderAgain: '⏰ 仍在等待：{name}，已超时 {ago}。',
  woken: '⏰ 提前结束暂缓：{name} 发来了新消息。',
  snoozed: '💤 已暂缓至 {until}。',
  snoozeEnded: '⏰ 暂缓结束：{name} 仍在等待回复。',
  dueIn: '{left}内需回复',
  overdue: '已超时 {ago}',
  snoozedUntil: '暂缓至 {until}',
  digestTitle: '每日摘要 · {date}',
  digestWaiting: '等待回复（{n}）',
  digestNone: '没有等待回复的客户。',
  digestOverdue: '已超时',
  digestYesterday: '昨天',
  digestRatings: '收到的评分',
  open: '营业中',
  closed: '已下班',
  away: '暂离',
  holiday: '休息（节假日）',
};

export function attentionLabel(
  lang: 'en' | 'zh',
  key: AttentionLabel,
  vars: Record<string, string | number> = {},
): string {
  return fillTemplate((lang === 'zh' ? ZH : EN)[key], vars);
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
