/**
 * Owner-facing words of the neutral cards, in the owner's language (config OWNER_LANGUAGE).
 * Customer text is never translated; only the desk's own labels are.
 */
import { fillTemplate } from '../core/template.js';
import { INTENT_NAMES } from '../core/intent-names.js';
import type {
  Channel,
  ContactChannel,
  DeliveryState,
  Intent,
  RequestedChannel,
  Urgency,
} from '../core/model.js';

export type OwnerLanguage = 'en' | 'zh';

const EN = {
  customer: 'Customer',
  identities: 'Reach',
  language: 'Language',
  status: 'Status',
  open: 'open',
  resolved: 'resolved',
  noConversation: 'no conversation yet',
  lastRating: 'Last rating',
  ownerNote: 'Note (private)',
  tags: 'Tags',
  noRating: 'none yet',
  counts: 'History',
  countsValue: '{c} {conversations} · {in} in · {out} out',
  from: 'From',
  subject: 'Subject',
  to: 'To',
  via: 'via',
  urgency: 'urgency',
  asked: 'asked',
  recommend: 'reply by',
  noneAsked: 'none',
  voicemail: 'Voicemail',
  voicemailTranscript: 'Voicemail transcript',
  missedCall: 'Missed call',
  tooLargeInMailbox: '📎 {name} ({size}): too large, kept in your mailbox',
  tooLargeNotCopied: '📎 {name} ({size}): too large to copy here',
  message: 'Message',
  attachments: 'Attachments',
  truncated: '… (cut: {n} characters in all)',
  draft: 'Draft reply',
  pendingReply: 'Pending reply (your note)',
  draftSource: 'reply on {channel}',
  blanks: 'Has blanks [[…]]: fill them in with Edit before sending.',
  noTemplates: 'No reply templates in {language}: this draft is in English.',
  send: 'Send',
  edit: 'Edit',
  sendVia: 'Send via…',
  discard: 'Discard',
  retry: 'Retry',
  resolve: 'Resolve',
  reopen: 'Reopen',
  showFull: 'Show in full',
  recommended: 'recommended',
  sentBy: 'Sent by {who} · {when} · {channel}',
  editedBy: 'Edited and sent by {who} · {when} · {channel}',
  discardedBy: 'Discarded by {who} · {when}',
  decided: 'Decided',
  deliveryQueued: '⏳ queued',
  deliverySending: '⏳ sending',
  deliverySent: '✅ sent',
  deliveryDelivered: '✅ delivered',
  deliveryRead: '✅ read',
  deliveryFailed: '⚠️ failed',
  rated: 'Rated {score}/5',
  notice: 'Notice',
  unknownCustomer: 'Unknown customer',
  visitor: 'Visitor',
  callBack: 'Call back',
  noteButton: 'Note',
  tagsButton: 'Tags',
  noteTitle: 'Private note',
  tagsTitle: 'Tags',
  notePrompt: 'Only you see this note. Empty removes it.',
  tagsPrompt: 'Comma-separated, e.g. VIP, wholesale',
  sendTemplate: 'Send template…',
  replyTo: 'Reply-To',
  replyGoesTo: 'Send goes to {address} (the Reply-To), not to the sender {from}.',
  unverifiedSender:
    'Sender not verified ({reason}): this mail may not come from {address}, so it is kept apart from that address’s customer.',
  unverifiedTyped: 'unverified: typed in by the customer',
  unverifiedAuth: 'unverified: failed sender check, {reason}',
  suggestion: 'Same person?',
  suggestClaimed:
    '{from} gave the address {address}, which belongs to {into}. If they are the same person, merge them; otherwise nothing changes.',
  suggestAnswered:
    '{from} wrote from {address} in answer to our message to {into}. If they are the same person, merge them; otherwise nothing changes.',
  mergeButton: 'Same person — merge',
} as const;

export type LabelKey = keyof typeof EN;

const ZH: Record<LabelKey, string> = {
  customer: '客户',
  identities: '联系方式',
  language: '语言',
  status: '状态',
  open: '处理中',
  resolved: '已解决',
  noConversation: '暂无会话',
  lastRating: '最近评分',
  ownerNote: '备注（仅自己可见）',
  tags: '标签',
  noRating: '暂无',
  counts: '历史',
  countsValue: '{c} 个会话 · 收到 {in} · 发出 {out}',
  from: '发件人',
  subject: '主题',
  to: '收件人',
  via: '来自',
  urgency: '紧急度',
  asked: '客户要求',
  recommend: '建议回复渠道',
  noneAsked: '无',
  voicemail: '语音留言',
  voicemailTranscript: '语音留言转录',
  missedCall: '未接来电',
  tooLargeInMailbox: '📎 {name}（{size}）：文件太大，保留在您的邮箱中',
  tooLargeNotCopied: '📎 {name}（{size}）：文件太大，未复制到这里',
  message: '消息',
  attachments: '附件',
  truncated: '……（已截断：共 {n} 个字符）',
  draft: '回复草稿',
  pendingReply: '待发送回复（你的备注）',
  draftSource: '通过{channel}回复',
  blanks: '含有待填空白 [[…]]：请先用“编辑”填写再发送。',
  noTemplates: '没有{language}回复模板：这份草稿是英文的。',
  send: '发送',
  edit: '编辑',
  sendVia: '改用其他渠道…',
  discard: '丢弃',
  retry: '重试',
  resolve: '标记已解决',
  reopen: '重新打开',
  showFull: '查看全文',
  recommended: '推荐',
  sentBy: '{who} 已发送 · {when} · {channel}',
  editedBy: '{who} 编辑后发送 · {when} · {channel}',
  discardedBy: '{who} 已丢弃 · {when}',
  decided: '已处理',
  deliveryQueued: '⏳ 排队中',
  deliverySending: '⏳ 发送中',
  deliverySent: '✅ 已发送',
  deliveryDelivered: '✅ 已送达',
  deliveryRead: '✅ 已读',
  deliveryFailed: '⚠️ 发送失败',
  rated: '评分 {score}/5',
  notice: '通知',
  unknownCustomer: '未知客户',
  visitor: '访客',
  callBack: '回拨',
  noteButton: '备注',
  tagsButton: '标签',
  noteTitle: '私人备注',
  tagsTitle: '标签',
  notePrompt: '备注只有你能看到。留空即删除。',
  tagsPrompt: '用逗号分隔，例如：VIP, 批发',
  sendTemplate: '发送模板…',
  replyTo: '回复地址',
  replyGoesTo: '“发送”将发往 {address}（Reply-To 回复地址），而不是发件人 {from}。',
  unverifiedSender:
    '发件人未通过验证（{reason}）：这封邮件可能并非来自 {address}，因此没有归入该地址的客户。',
  unverifiedTyped: '未验证：客户自行填写',
  unverifiedAuth: '未验证：发件人验证失败，{reason}',
  suggestion: '是同一个人吗？',
  suggestClaimed: '{from} 留下的地址 {address} 属于 {into}。如果是同一个人，可以合并；否则保持不变。',
  suggestAnswered:
    '{from} 从 {address} 回复了我们发给 {into} 的消息。如果是同一个人，可以合并；否则保持不变。',
  mergeButton: '是同一人 — 合并',
};

const LABELS: Record<OwnerLanguage, Record<LabelKey, string>> = { en: EN, zh: ZH };

/** A label with `{name}` placeholders filled in. */
export function label(
  lang: OwnerLanguage,
  key: LabelKey,
  vars: Record<string, string | number> = {},
): string {
  const template = LABELS[lang][key] ?? EN[key];
  return fillTemplate(template, vars);
}

const CHANNEL_NAMES: Record<OwnerLanguage, Record<Channel, string>> = {
  en: {
    email: 'Email',
    sms: 'SMS',
    phone: 'Phone',
    whatsapp: 'WhatsApp',
    messenger: 'Messenger',
    instagram: 'Instagram',
    telegram: 'Telegram',
    discord: 'Discord',
    webchat: 'Website chat',
    wechat: 'WeChat',
  },
  zh: {
    email: '邮件',
    sms: '短信',
    phone: '电话',
    whatsapp: 'WhatsApp',
    messenger: 'Messenger',
    instagram: 'Instagram',
    telegram: 'Telegram',
    discord: 'Discord',
    webchat: '网站聊天',
    wechat: '微信',
  },
};

export const CHANNEL_ICONS: Record<Channel, string> = {
  email: '📧',
  sms: '💬',
  phone: '📞',
  whatsapp: '🟢',
  messenger: '🗨️',
  instagram: '📸',
  telegram: '✈️',
  discord: '🎮',
  webchat: '🌐',
  wechat: '💚',
};

const CONTACT_NAMES: Record<OwnerLanguage, Record<ContactChannel, string>> = {
  en: { phone: 'phone', email: 'email', sms: 'SMS', social: 'social', chat: 'chat' },
  zh: { phone: '电话', email: '邮件', sms: '短信', social: '社交', chat: '聊天' },
};

const URGENCY_NAMES: Record<OwnerLanguage, Record<Urgency, string>> = {
  en: { high: '🔴 high', normal: 'normal', low: 'low' },
  zh: { high: '🔴 高', normal: '普通', low: '低' },
};

export function channelName(lang: OwnerLanguage, channel: Channel): string {
  return CHANNEL_NAMES[lang][channel] ?? channel;
}

export function contactChannelName(lang: OwnerLanguage, channel: RequestedChannel): string {
  return channel === 'none' ? label(lang, 'noneAsked') : (CONTACT_NAMES[lang][channel] ?? channel);
}

export function intentName(lang: OwnerLanguage, intent: Intent): string {
  return INTENT_NAMES[lang][intent] ?? intent;
}

export function urgencyName(lang: OwnerLanguage, urgency: Urgency): string {
  return URGENCY_NAMES[lang][urgency] ?? urgency;
}

const DELIVERY_KEYS: Record<DeliveryState, LabelKey> = {
  queued: 'deliveryQueued',
  sending: 'deliverySending',
  sent: 'deliverySent',
  delivered: 'deliveryDelivered',
  read: 'deliveryRead',
  failed: 'deliveryFailed',
};

export function deliveryName(lang: OwnerLanguage, state: DeliveryState): string {
  return label(lang, DELIVERY_KEYS[state]);
}
