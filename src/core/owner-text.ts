/**
 * What the desk tells the owner when it refuses an action, in the owner's language (the
 * acting console's, carried on the Actor). Platform reasons from connectors pass through.
 */

import { fillTemplate } from './template.js';
const EN = {
  draftGone: 'This draft no longer exists.',
  empty: 'The reply is empty.',
  tooLong: 'The reply is longer than {max} characters.',
  blanks: 'The draft still has blanks like [[…]]: tap Edit and fill them in first.',
  noConversation: 'This customer has no conversation.',
  alreadyResolved: 'Already resolved.',
  alreadyOpen: 'Already open.',
  noDelivery: 'No such delivery.',
  notFailed: 'Only a failed delivery can be retried.',
  alreadyRetried: 'Already retried.',
  sameCustomer: 'Choose two different customers.',
  noCustomer: 'No such customer.',
  alreadyMerged: 'That customer was merged already.',
  chooseChannel: 'Choose a channel to send via.',
  customerGone: 'The customer no longer exists.',
  optedOut: 'The customer opted out of {channel}; choose another channel.',
  noConnector: 'No {channel} connector is configured.',
  noAddress: 'The customer has no {channel} address.',
  noCallBack: 'Call back needs the Twilio connector and OWNER_PHONE_NUMBER.',
  noNumber: 'The customer has no phone number to call.',
  calling: '📞 Calling your phone now; answer it to be connected to the customer.',
  mergedInto: "Merged into {name}: this customer's history and new messages continue in that thread.",
  noTemplates:
    'No approved WhatsApp templates are available (Twilio Content API or TWILIO_WHATSAPP_TEMPLATES).',
  noTemplate: 'That template is no longer available or approved.',
  missingVariable: 'Fill in every template variable ({key}).',
  templateUsed: '📋 Template “{name}”',
} as const;

export type OwnerTextKey = keyof typeof EN;

const ZH: Record<OwnerTextKey, string> = {
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

export function ownerText(
  language: string | undefined,
  key: OwnerTextKey,
  vars: Record<string, string | number> = {},
): string {
  const template = language === 'zh' ? ZH[key] : EN[key];
  return fillTemplate(template, vars);
}
