/**
 * Owner-facing words of merge and split from the console (issue 19), English and Chinese:
 * the root card's buttons, the picker and split dialogs, refusals and the notices. Kept in one
 * small table of their own; consoles read it through `peopleText`.
 */
import { fillTemplate } from './template.js';

const EN = {
  samePersonButton: 'Same person as…',
  splitButton: 'Split…',
  pickerTitle: 'Same person as…',
  pickerLabel: 'Customer',
  pickerHint: 'Search by name, email, phone or words they wrote. This customer’s history moves there.',
  pickerPlaceholder: 'Type to search',
  pickerSearchLabel: 'Search',
  pickerNone: 'No other customer matches “{query}”.',
  pickerChoose: 'Choose the customer this one is:',
  mergeSubmit: 'Merge',
  splitTitle: 'Split',
  splitLabel: 'Identity to split off',
  splitHint: 'It moves, with the messages that came through it, to a separate customer.',
  splitSubmit: 'Split',
  splitNothing: 'This customer has only one identity: there is nothing to split off.',
  splitUnsupported: 'This store cannot split customers.',
  noSuchCustomer: 'No such customer.',
  noSuchIdentity: 'That identity is no longer this customer’s.',
  lastIdentity: 'That is the customer’s only identity: there is nothing to split it from.',
  splitFrom:
    'Split off from {name}: this identity and its {messages} message(s) continue here as a separate customer.',
  splitOff: 'Split off {address} ({messages} message(s)) into a separate customer.',
  chooseFirst: 'Choose a customer first.',
} as const;

export type PeopleTextKey = keyof typeof EN;

const ZH: Record<PeopleTextKey, string> = {
  samePersonButton: '同一人…',
  splitButton: '拆分…',
  pickerTitle: '同一人…',
  pickerLabel: '客户',
  pickerHint: '按姓名、邮箱、电话或其写过的内容搜索。该客户的历史记录将移到那里。',
  pickerPlaceholder: '输入以搜索',
  pickerSearchLabel: '搜索',
  pickerNone: '没有其他客户匹配“{query}”。',
  pickerChoose: '选择该客户对应的人：',
  mergeSubmit: '合并',
  splitTitle: '拆分',
  splitLabel: '要拆分出去的身份',
  splitHint: '该身份及通过它收发的消息将移到一个单独的客户。',
  splitSubmit: '拆分',
  splitNothing: '该客户只有一个身份，没有可拆分的。',
  splitUnsupported: '当前存储不支持拆分客户。',
  noSuchCustomer: '找不到该客户。',
  noSuchIdentity: '该身份已不属于这个客户。',
  lastIdentity: '这是该客户唯一的身份，无法拆分。',
  splitFrom: '已从 {name} 拆分出来：该身份及其 {messages} 条消息作为单独的客户在此继续。',
  splitOff: '已将 {address}（{messages} 条消息）拆分为单独的客户。',
  chooseFirst: '请先选择一个客户。',
};

export function peopleText(
  language: string | undefined,
  key: PeopleTextKey,
  vars: Record<string, string | number> = {},
): string {
  return fillTemplate(language === 'zh' ? ZH[key] : EN[key], vars);
}
