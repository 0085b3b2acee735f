/** Slack-only owner-facing words (modal titles, refusals), in the owner's language. */
import { fillTemplate } from '../../core/template.js';
import type { OwnerLanguage } from '../card.js';

const EN = {
  editTitle: 'Edit reply',
  fullTitle: 'Full text',
  sendSubmit: 'Send',
  cancel: 'Cancel',
  close: 'Close',
  part: 'Reply (part {i} of {n})',
  reply: 'Reply',
  longDraft:
    'This reply is {n} characters, more than one Slack box holds, so it is split into {parts} boxes; they are joined again when you send.',
  editChannel: 'Goes out on {channel}.',
  cutModal: 'Cut here: {n} characters in all, more than a Slack window shows.',
  notOwner: 'Only the desk owner can do this. Ask for your Slack user id to be added to SLACK_OWNER_IDS.',
  alreadyDecided: 'This card was already decided: nothing was sent again.',
  alreadyDecidedBy: 'Already decided by {who}: nothing was sent again.',
  notPending: 'This reply is no longer pending.',
  gone: 'This card no longer exists.',
  rejected: 'Not sent: {reason}',
  failed: 'Something went wrong; nothing was changed. Try again in a moment.',
  emptyReply: 'The reply is empty.',
  blanksLeft: 'Fill in every [[…]] blank before sending.',
  confirmViaTitle: 'Send via another channel?',
  confirmViaText: 'The reply goes out on the channel you picked.',
  confirmYes: 'Send',
  confirmNo: 'Cancel',
  threadMoved:
    'The support channel changed: this customer now lives in <{link}|a new thread>. Replies typed here still work.',
  threadMovedShort: 'The support channel changed: this customer continues in <#{channel}>.',
  unknownCommand: 'Unknown command “{name}”. Try `/cs help`.',
  helpTitle: 'solodesk commands',
  openThread: 'Open thread',
  noteFailed: 'Could not turn this into a pending reply (the customer has no conversation yet).',
  uploadLinked: 'Too large to upload here',
} as const;

export type SlackLabelKey = keyof typeof EN;

const ZH: Record<SlackLabelKey, string> = {
  editTitle: '编辑回复',
  fullTitle: '全文',
  sendSubmit: '发送',
  cancel: '取消',
  close: '关闭',
  part: '回复（第 {i}/{n} 部分）',
  reply: '回复',
  longDraft:
    '这条回复共 {n} 个字符，超过一个 Slack 输入框的上限，已分成 {parts} 个输入框；发送时会重新合并。',
  editChannel: '将通过{channel}发送。',
  cutModal: '到此截断：全文共 {n} 个字符，超出 Slack 窗口可显示的长度。',
  notOwner: '只有客服负责人可以执行此操作。请把你的 Slack 用户 ID 加入 SLACK_OWNER_IDS。',
  alreadyDecided: '这张卡片已经处理过，没有重复发送。',
  alreadyDecidedBy: '已由 {who} 处理，没有重复发送。',
  notPending: '这条回复已不再待处理。',
  gone: '这张卡片已不存在。',
  rejected: '未发送：{reason}',
  failed: '出错了，没有做任何更改。请稍后再试。',
  emptyReply: '回复内容为空。',
  blanksLeft: '发送前请填写所有 [[…]] 空白。',
  confirmViaTitle: '改用其他渠道发送？',
  confirmViaText: '回复将通过你选择的渠道发出。',
  confirmYes: '发送',
  confirmNo: '取消',
  threadMoved: '客服频道已更换：该客户的对话已移至<{link}|新的消息串>。在这里输入的回复仍然有效。',
  threadMovedShort: '客服频道已更换：该客户的对话在 <#{channel}> 继续。',
  unknownCommand: '未知命令“{name}”。试试 `/cs help`。',
  helpTitle: 'solodesk 命令',
  openThread: '打开会话',
  noteFailed: '无法转为待发送回复（该客户还没有会话）。',
  uploadLinked: '文件过大，未上传',
};

export function slackLabel(
  lang: OwnerLanguage,
  key: SlackLabelKey,
  vars: Record<string, string | number> = {},
): string {
  const template = (lang === 'zh' ? ZH : EN)[key];
  return fillTemplate(template, vars);
}
