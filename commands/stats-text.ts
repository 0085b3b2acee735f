/** The words of `/cs stats`, in the owner's language (OWNER_LANGUAGE: en or zh). */
import { INTENT_NAMES } from '../src/core/intent-names.js';
import type { Period } from '../src/core/figures.js';

export type OwnerLanguage = 'en' | 'zh';

export const STATS_TEXT = {
  en: {
    period: {
      today: 'today',
      '7d': 'last 7 days',
      '30d': 'last 30 days',
      '90d': 'last 90 days',
      all: 'all time',
    } satisfies Record<Period, string>,
    title: 'Figures',
    overview: 'Overview',
    customers: 'Customers (C)',
    conversations: 'Conversations',
    conversationsValue: (opened: string, resolved: string, unanswered: string) =>
      `${opened} · ${resolved} resolved · ${unanswered} unanswered`,
    messages: 'Messages',
    messagesValue: (inbound: string, outbound: string) => `${inbound} in · ${outbound} out`,
    speed: 'Speed',
    firstResponse: 'First response (T)',
    resolution: 'Resolution',
    durationValue: (mean: string, median: string, p90: string) =>
      `${mean} avg · ${median} median · ${p90} p90`,
    none: '—',
    satisfaction: 'Satisfaction',
    satisfied: 'Rated 4–5 (P)',
    meanRating: 'Mean rating',
    ratings: 'Ratings',
    ratingsValue: (n: string, asked: string, rate?: string) =>
      rate ? `${n} of ${asked} asked (${rate})` : n,
    drafts: 'Drafts',
    asDrafted: 'Sent as drafted',
    edited: 'Edited',
    discarded: 'Discarded',
    automatic: 'Sent automatically',
    ownerWritten: 'Written by you',
    byChannel: 'By channel',
    byIntent: 'By intent (messages in)',
    index: 'The article’s index',
    indexLabel: 'E = C × T × P / 100',
    indexNote:
      'E is the article’s index. It grows with T (slower answers raise it), so read it beside T and P, never instead of them.',
    indexMissing: 'E needs at least one answered conversation and one rating in the period.',
    empty: 'No customer messages in this period.',
    chartTitle: (period: string) => `Daily conversations and median first response · ${period}`,
    chartConversations: 'Conversations',
    chartFirstResponse: 'Median first response (min)',
    chartAlt: (period: string) => `Chart of daily conversations and median first response time, ${period}`,
    usage: 'Usage',
    usageText: (usage: string, bad: string) =>
      `Unknown ${bad}. Use: /cs ${usage}\nPeriods: today, 7d, 30d (default), 90d, all. Channels: email, sms, phone, whatsapp, messenger, instagram, telegram, discord, webchat.`,
    channelSuffix: (channel: string) => ` · ${channel}`,
    intents: { ...INTENT_NAMES.en, unclassified: 'not classified yet' } as Record<string, string>,
  },
  zh: {
    period: {
      today: '今天',
      '7d': '最近 7 天',
      '30d': '最近 30 天',
      '90d': '最近 90 天',
      all: '全部',
    } satisfies Record<Period, string>,
    title: '数据',
    overview: '概览',
    customers: '客户数 (C)',
    conversations: '会话',
    conversationsValue: (opened: string, resolved: string, unanswered: string) =>
      `${opened} · 已解决 ${resolved} · 未回复 ${unanswered}`,
    messages: '消息',
    messagesValue: (inbound: string, outbound: string) => `收到 ${inbound} · 发出 ${outbound}`,
    speed: '速度',
    firstResponse: '首次响应 (T)',
    resolution: '解决用时',
    durationValue: (mean: string, median: string, p90: string) =>
      `平均 ${mean} · 中位数 ${median} · p90 ${p90}`,
    none: '—',
    satisfaction: '满意度',
    satisfied: '4–5 分占比 (P)',
    meanRating: '平均评分',
    ratings: '评分数',
    ratingsValue: (n: string, asked: string, rate?: string) => (rate ? `${n} / 邀请 ${asked}（${rate}）` : n),
    drafts: '草稿',
    asDrafted: '原样发送',
    edited: '修改后发送',
    discarded: '放弃',
    automatic: '自动发送',
    ownerWritten: '您亲自撰写',
    byChannel: '按渠道',
    byIntent: '按意图（收到的消息）',
    index: '文章指数',
    indexLabel: 'E = C × T × P / 100',
    indexNote: 'E 是文章中的指数。它随 T 增大（回复越慢越大），请与 T 和 P 一起看，不要单独使用。',
    indexMissing: '计算 E 需要本期至少一个已回复的会话和一条评分。',
    empty: '本期没有客户消息。',
    chartTitle: (period: string) => `每日会话与首次响应中位数 · ${period}`,
    chartConversations: '会话',
    chartFirstResponse: '首次响应中位数（分钟）',
    chartAlt: (period: string) => `每日会话数与首次响应中位数图表，${period}`,
    usage: '用法',
    usageText: (usage: string, bad: string) =>
      `无法识别：${bad}。用法：/cs ${usage}\n时段：today、7d、30d（默认）、90d、all。渠道：email、sms、phone、whatsapp、messenger、instagram、telegram、discord、webchat。`,
    channelSuffix: (channel: string) => ` · ${channel}`,
    intents: { ...INTENT_NAMES.zh, unclassified: '尚未分类' } as Record<string, string>,
  },
} as const;

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
