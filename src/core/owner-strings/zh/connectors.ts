/** 连接器无法送达回复的原因：显示在负责人的发送失败卡片上。{detail} 是平台自己的原文。 */
import type { OwnerStrings } from '../shape.js';

export const telegramSend: OwnerStrings['telegramSend'] = {
  noChat: '没有可回复的 Telegram 会话',
  notReference: '不是 Telegram 回复地址',
  empty: '消息为空',
  unreachable: '无法连接 Telegram（{error}）',
  flood: 'Telegram 发送过于频繁，稍后重试',
  error: 'Telegram 出错（{code}），稍后重试',
  errorUnknown: 'Telegram 出错（原因不明），稍后重试',
  refused: 'Telegram 拒绝了这条消息：“{detail}”',
};
