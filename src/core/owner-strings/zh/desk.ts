/** The desk's own words (src/core): refusals, why a channel is recommended, intent names, attention. */

import type { OwnerStrings } from '../shape.js';

export const refusals: OwnerStrings['refusals'] = {
  draftGone: '该草稿已不存在。',
  empty: '回复内容为空。',
  tooLong: '回复超过 {max} 个字符。',
  blanks: '草稿中还有 [[…]] 这样的空白：请先点“编辑”填写。',
  noConversation: '该客户还没有会话。',
  alreadyResolved: '已经标记为解决。',
  alreadyOpen: '会话已是打开状态。',
  noDelivery: '找不到这次投递。',
  notFailed: '只有投递失败的消息才能重试。',
  alreadyRetried: '已经重试过了。',
  alreadyAnswered: '已经回答过了。',
  sameCustomer: '请选择两个不同的客户。',
  noCustomer: '找不到该客户。',
  alreadyMerged: '该客户已被合并。',
  chooseChannel: '请选择发送渠道。',
  customerGone: '该客户已不存在。',
  optedOut: '客户已退订 {channel}，请选择其他渠道。',
  noConnector: '未配置 {channel} 渠道。',
  noAddress: '该客户没有 {channel} 地址。',
  noCallBack: '回拨需要配置 Twilio 和 OWNER_PHONE_NUMBER。',
  noNumber: '该客户没有可拨打的电话号码。',
  calling: '📞 正在呼叫您的手机，接听后即可接通客户。',
  mergedInto: '已合并到 {name}：该客户的历史记录和新消息将在那个会话中继续。',
  noTemplates: '没有可用的已审核 WhatsApp 模板（Twilio Content API 或 TWILIO_WHATSAPP_TEMPLATES）。',
  noTemplate: '该模板已不可用或未通过审核。',
  missingVariable: '请填写所有模板变量（{key}）。',
  templateUsed: '📋 模板“{name}”',
};

export const reasons: OwnerStrings['reasons'] = {
  text: {
    requested: '客户要求通过{channel}联系。',
    complex_urgent: '复杂且紧急（{intent}）：打电话解决最快。',
    complex: '复杂（{intent}，约 {words} 词）：邮件便于说明细节。',
    simple_origin: '简单（{intent}）：在客户来信的{channel}上简短回复即可。',
    simple_chat: '简单（{intent}）：在聊天中简短回复即可。',
    origin: '客户未指定渠道：在来信的渠道（{channel}）回复。',
    document_email: '客户要求用邮件发送文件（如发票、收据、报价）：这不算指定渠道，但用邮件发送最合适。',
    default: '客户未指定渠道，也没有来信渠道：默认用邮件。',
  },
  channels: {
    phone: '电话',
    email: '邮件',
    sms: '短信',
    social: '社交账号',
    chat: '聊天',
  },
};

export const intents: OwnerStrings['intents'] = {
  order: '订单',
  shipping: '物流',
  refund_return: '退款/退货',
  billing_payment: '账单/付款',
  technical_issue: '技术问题',
  account: '账户',
  complaint: '投诉',
  pricing_presales: '价格/售前',
  feedback_praise: '反馈/表扬',
  other: '其他',
};

export const attention: OwnerStrings['attention'] = {
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
  nobodyWaitingHere: '该客户没有等待回复的会话。',
  digestInDue: '按时回复',
};
