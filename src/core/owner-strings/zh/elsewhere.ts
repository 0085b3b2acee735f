/** Refusals and notices from elsewhere in the desk: Remember, WeChat sends, messages set aside at intake. */
import type { OwnerStrings } from '../shape.js';

/** Why a reply cannot be remembered (src/core/answers/remember.ts). */
export const remember: OwnerStrings['remember'] = {
  gone: '该回复已不存在。',
  undecided: '只有已发送的回复才能记住。',
  unedited: '只有您编辑过或亲自撰写的回复才能记住。',
  empty: '回答是空的。',
  tooLong: '回答太长了。',
};

/** Why WeChat would not take a reply (connectors/wechat/send.ts), shown on the card. */
export const wechat: OwnerStrings['wechat'] = {
  windowClosed:
    '微信只允许在粉丝最后一条消息后的 48 小时内发送客服消息，该窗口已关闭。请改用其他渠道回复，或等客户再次发消息。',
  outOfWindow:
    '微信拒绝了回复（45015）：距客户最后一条消息已超过 48 小时，或客户已取消关注。请改用其他渠道回复。',
  countLimit:
    '微信拒绝了回复（45047）：客户最后一条消息后允许的客服消息条数已用完。请等客户再次发消息，或改用其他渠道回复。',
  unfollowed: '客户已不再关注该微信公众号（43004），微信无法送达。请改用其他渠道回复。',
  noPermission: '该微信公众号没有客服消息接口权限（48001）：需要已认证并具备该权限的公众号。',
  credentials: '微信拒绝了应用凭证（{code}）：请检查 WECHAT_APP_ID 和 WECHAT_APP_SECRET。',
  ipWhitelist: '微信拒绝了来自本服务器 IP 的调用（40164）：请在微信公众平台的 IP 白名单中添加该地址。',
  badOpenid: '微信无法识别该粉丝（40003）。',
  other: '微信拒绝了回复（{code}：{detail}）。',
};

/** A message that could not be stored and was set aside (src/core/intake-failures.ts). */
export const intake: OwnerStrings['intake'] = {
  setAside:
    '一条{channel}消息{subject}连续 {attempts} 次无法保存（{signature}），已被搁置，以免阻塞后续消息。',
  subject: '（“{subject}”）',
  emailWhere: '它仍在您的邮箱中（未读）。',
};

/** Twilio's refusals on the card, and what the owner hears when a call back connects (connectors/twilio). */
export const twilio: OwnerStrings['twilio'] = {
  connecting: '正在为您接通客户。',
  optedOut: '客户已回复 STOP 退订，在其回复 START 之前无法通过 {channel} 发送消息。请改用其他渠道。',
  windowClosed:
    'WhatsApp 只允许在客户最后一条 WhatsApp 消息后 24 小时内发送自由文本回复，该时间窗口已关闭。请改用其他渠道（短信或邮件），或等待客户再次来信。',
  noNumber: '尚未配置 Twilio 的{what}，无法发送此回复。',
  numberKinds: { phone: '号码', whatsapp: ' WhatsApp 号码' },
  badAddress: '客户没有可用的电话号码（来电号码被隐藏或无效）。',
  tooLong: '回复共 {n} 个字符，Twilio 最多接受 1600 个。请缩短或改用邮件发送。',
  noOwnerPhone: '未配置 OWNER_PHONE_NUMBER（店主电话），无法回拨。',
};

/** Why the outbox could not hand a reply to its connector (src/core/outbox-send.ts), shown on a failed delivery. */
export const outbox: OwnerStrings['outbox'] = {
  noConnector: '{channel}渠道未在运行',
  customerGone: '找不到该客户',
  optedOut: '客户已退订{channel}',
};

/** Why a Discord DM reply was not delivered (connectors/discord), shown on a failed delivery. */
export const discordDm: OwnerStrings['discordDm'] = {
  notDm: '不是 Discord 私信地址',
  notStarted: 'Discord 客户端尚未启动',
  rateLimited: 'Discord 限制了发送频率',
  refused: 'Discord 拒绝了回复（{status}，{code}）：{detail}',
  failed: 'Discord 暂时无法发送（{status}，{code}）',
  unavailable: 'Discord 暂时无法发送',
  codes: {
    c10003: '找不到该私信频道',
    c10013: '找不到该用户',
    c50007: '无法给该用户发私信（对方关闭了私信、没有共同的服务器或已屏蔽）',
    c50035: '消息格式不被接受',
    other: '请改用其他渠道回复',
  },
};

/** The notice in a customer's thread when they opt out of a channel or back in (src/core/opt-notice.ts). */
export const optNotice: OwnerStrings['optNotice'] = {
  optedOut: '客户已退订{channel}：在其重新订阅之前，不会再通过该渠道发送任何消息。',
  optedIn: '客户已重新订阅{channel}。',
};

/** Why a private note or tags could not be saved (src/core/customer-notes.ts). */
export const notes: OwnerStrings['notes'] = {
  unavailable: '此存储不支持备注',
  noCustomer: '找不到该客户',
  tooLong: '备注最多 {max} 个字符',
};
