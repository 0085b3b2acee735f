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
