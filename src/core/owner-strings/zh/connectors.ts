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

export const metaSend: OwnerStrings['metaSend'] = {
  noRecipient: '{channel} 回复地址里没有 {channel} 收件人',
  notReference: '不是 {channel} 回复地址',
  empty: '消息为空',
  automatedWindow: 'Meta 只允许在客户最后一条消息后的 24 小时内发送自动消息',
  humanAgentWindow:
    '客户最后一次来信是 {days} 天前；Meta 只允许在 7 天内回复（HUMAN_AGENT 标签）。请改用其他渠道回复',
  unreachable: '无法连接 Graph API（{error}），稍后重试',
  graphError: 'Graph 错误 {code}',
  rateLimited: '{detail}：发送过于频繁，稍后重试',
  platformError: '{detail}：平台出错，稍后重试',
  outsideWindow: '已超出 Meta 的消息回复时限，请改用其他渠道回复',
  unavailable: '此人目前无法在 Messenger/Instagram 上接收消息',
  tokenRefused: '主页访问令牌被拒绝（请检查 META_PAGE_TOKEN）',
  permission: '{detail}：缺少权限',
  refused: '{detail}：Meta 拒绝了这条消息：“{message}”',
  refusedPlain: '{detail}：Meta 拒绝了这条消息',
};

export const emailSend: OwnerStrings['emailSend'] = {
  notConfigured: '未配置邮件发送（SMTP_HOST）',
  noAddress: '没有可回复的邮箱地址',
  refused: '邮件服务器拒收了这封邮件：“{detail}”',
  failed: '邮件暂时无法发送，稍后重试：“{detail}”',
  sendFailed: '发送失败',
};

export const wechatSend: OwnerStrings['wechatSend'] = {
  noFollower: '没有可回复的微信粉丝',
  notReference: '不是微信回复地址',
  empty: '消息为空',
  http: '微信服务器出错（HTTP {status}），稍后重试',
  unreachable: '无法连接微信（{error}），稍后重试',
  tokenRefusedTwice: '微信连续两次拒绝了新获取的 access_token，稍后重试',
  tokenQuota: '今日获取微信 access_token 的次数已达上限（45009），稍后重试',
  tokenFailed: '无法获取微信 access_token，稍后重试：“{detail}”',
  busy: '微信系统繁忙（{code}），稍后重试',
  apiQuota: '今日微信接口调用次数已达上限（45009），稍后重试',
};

export const twilioSend: OwnerStrings['twilioSend'] = {
  unavailable: 'Twilio 暂时不可用（{detail}），稍后重试',
  networkError: '网络错误',
  refused: 'Twilio 拒绝了这条消息（{code}）：“{detail}”',
  refusedPlain: 'Twilio 拒绝了这条消息（{code}），原因不明',
  callFailed: 'Twilio 无法拨出电话（{detail}）。',
  cannotSend: 'Twilio 无法通过 {channel} 发送。',
};

export const sendParts: OwnerStrings['sendParts'] = {
  partlySent: '{reason}（共 {total} 段，已发出 {sent} 段）',
  notRecorded: '有一段消息既未确认发出也未记录，稍后重试',
};
