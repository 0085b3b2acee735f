/** Discord-only owner-facing words (modal, refusals, command replies), in the owner's language. */
import { fillTemplate } from '../../core/template.js';
import type { OwnerLanguage } from '../card.js';

const EN = {
  editTitle: 'Edit reply',
  editLabel: 'Reply on {channel}',
  editCut: 'Cut to 4,000 characters: the rest is not sent.',
  fullTitle: 'Full text',
  fullAttached: 'The full text is attached ({n} characters).',
  notOwner:
    'Only the desk owners can do this. Ask for your Discord user id in DISCORD_OWNER_IDS (or the owner role).',
  alreadyDecided: 'This card was already decided: nothing was sent again.',
  alreadyDecidedBy: 'Already decided by {who}: nothing was sent again.',
  notPending: 'This reply is no longer pending.',
  gone: 'This card no longer exists.',
  rejected: 'Not done: {reason}',
  failed: 'Something went wrong; nothing was changed. Try again in a moment.',
  emptyReply: 'The reply is empty: nothing was sent.',
  blanksLeft: 'Fill in every [[…]] blank before sending: nothing was sent.',
  unknownCommand: 'Unknown command “{name}”. Try /{cmd} help.',
  helpTitle: 'solodesk commands',
  openThread: 'Open thread',
  noteFailed: 'Could not turn this into a pending reply (the customer has no conversation yet).',
  continued: '(continued {i}/{n})',
  longAttached: 'The whole text ({n} characters) is attached.',
  tagOpen: 'open',
  tagResolved: 'resolved',
  threadMoved: 'The earlier post for this customer was gone; they continue here.',
} as const;

export type DiscordLabelKey = keyof typeof EN;

const ZH: Record<DiscordLabelKey, string> = {
  editTitle: '编辑回复',
  editLabel: '通过{channel}回复',
  editCut: '已截断到 4000 个字符，其余部分不会发送。',
  fullTitle: '全文',
  fullAttached: '全文见附件（共 {n} 个字符）。',
  notOwner:
    '只有客服负责人可以执行此操作。请把你的 Discord 用户 ID 加入 DISCORD_OWNER_IDS（或授予负责人角色）。',
  alreadyDecided: '这张卡片已经处理过，没有重复发送。',
  alreadyDecidedBy: '已由 {who} 处理，没有重复发送。',
  notPending: '这条回复已不再待处理。',
  gone: '这张卡片已不存在。',
  rejected: '未完成：{reason}',
  failed: '出错了，没有做任何更改。请稍后再试。',
  emptyReply: '回复内容为空，没有发送。',
  blanksLeft: '发送前请填写所有 [[…]] 空白，没有发送。',
  unknownCommand: '未知命令“{name}”。试试 /{cmd} help。',
  helpTitle: 'solodesk 命令',
  openThread: '打开会话',
  noteFailed: '无法转为待发送回复（该客户还没有会话）。',
  continued: '（续 {i}/{n}）',
  longAttached: '全文（共 {n} 个字符）见附件。',
  tagOpen: '处理中',
  tagResolved: '已解决',
  threadMoved: '该客户之前的帖子已不存在，对话在这里继续。',
};

export function discordLabel(
  lang: OwnerLanguage,
  key: DiscordLabelKey,
  vars: Record<string, string | number> = {},
): string {
  const template = (lang === 'zh' ? ZH : EN)[key];
  return fillTemplate(template, vars);
}
