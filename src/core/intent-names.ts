/** What the owner reads for each intent label, in the owner's language (cards and figures). */
import type { Intent } from './model.js';

export const INTENT_NAMES: Readonly<Record<'en' | 'zh', Readonly<Record<Intent, string>>>> = {
  en: {
    order: 'order',
    shipping: 'shipping',
    refund_return: 'refund/return',
    billing_payment: 'billing/payment',
    technical_issue: 'technical issue',
    account: 'account',
    complaint: 'complaint',
    pricing_presales: 'pricing/pre-sales',
    feedback_praise: 'feedback/praise',
    other: 'other',
  },
  zh: {
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
  },
};
