/**
 * Reply templates per intent and language. Each gives a full version (email) and a short one
 * (SMS, chat). They never state a fact the desk does not know: what only the owner knows is
 * a blank `[[…]]`, which must be filled before the draft can be sent.
 */
import type { Classification, Intent } from '../core/model.js';
import { toSimplified } from './traditional.js';

export interface TemplateContext {
  text: string;
  classification: Classification;
  /** The first order number the customer gave, if any. */
  order?: string;
}

export interface Body {
  long: string;
  short: string;
  /** Which variant of the intent's template was used (for DraftOutput.source). */
  variant: string;
}

type Template = (ctx: TemplateContext) => Body;

const has = (ctx: TemplateContext, re: RegExp) => re.test(toSimplified(ctx.text));

/** "Where is it": tracking, not arrived, delivered but missing (an order's status, PRODUCT.md). */
const WHERE_EN =
  /\b(?:where|track\w*|arriv\w*|deliver\w*|parcel|package|shipped|dispatched|posted|courier|still not|not here|hasn'?t come|lost)\b/i;
const WHERE_ZH = /到哪|物流|快递|签收|发货|没收到|没到|还没到|包裹|单号|丢/;

const EN: Record<Intent, Template> = {
  order: (ctx) => {
    if (!ctx.order)
      return {
        variant: 'ask-number',
        long: "Thanks for getting in touch about your order. Could you send me the order number (or the email address you ordered with)? I'll look into it right away.",
        short: "Thanks! Could you send me your order number? I'll check it right away.",
      };
    if (has(ctx, /\bcancel/i))
      return {
        variant: 'cancel',
        long: `I've received your request to cancel order #${ctx.order}. I'm checking whether it has already been dispatched and will confirm the cancellation shortly.`,
        short: `Got it - I'm checking whether order #${ctx.order} can still be cancelled and will confirm shortly.`,
      };
    if (has(ctx, WHERE_EN))
      return {
        variant: 'tracking',
        long: `Your order #${ctx.order} was shipped with [[carrier]] on [[ship date]]. The tracking number is [[tracking number]], and it should arrive by [[expected delivery date]].`,
        short: `Order #${ctx.order} shipped with [[carrier]], tracking number [[tracking number]].`,
      };
    return {
      variant: 'status',
      long: `Thanks for your message about order #${ctx.order}. I'm checking it now and will get back to you with an update shortly.`,
      short: `Thanks! I'm checking order #${ctx.order} now and will update you shortly.`,
    };
  },
  // How delivery works (PRODUCT.md); where an existing order is, is `order`.
  shipping: (ctx) =>
    has(
      ctx,
      /\b(?:address|redeliver|re-deliver|neighbou?r|safe place|pick ?up|collect|(?:deliver|send|ship) (?:it|them|this|my \w+|the (?:parcel|package|order)) to)/i,
    )
      ? {
          variant: 'arrangement',
          // Asks for what it needs rather than leaving a blank, so the owner can send it in one tap.
          long: `Thanks, I can arrange that${ctx.order ? ` for order #${ctx.order}` : ''}. Could you send me the full new address (or the day that suits you)? I'll confirm once it's changed.`,
          short: `Sure${ctx.order ? ` - order #${ctx.order}` : ''}! Send me the new address or day and I'll confirm.`,
        }
      : {
          variant: 'options',
          long: 'Thanks for asking! We deliver to [[regions]]: standard delivery takes [[delivery time]] and costs [[shipping cost]]; express takes [[express time]] for [[express cost]].',
          short:
            'We deliver to [[regions]]: [[delivery time]], [[shipping cost]]. Express: [[express time]].',
        },
  refund_return: (ctx) =>
    has(
      ctx,
      /\b(?:refund|money back)\b.*\b(?:still|yet|where|when|not|haven'?t|hasn'?t)\b|\b(?:still|yet|where|when)\b.*\brefund/i,
    )
      ? {
          variant: 'refund-status',
          long: `Your refund of [[amount]]${ctx.order ? ` for order #${ctx.order}` : ''} was issued on [[refund date]]. It usually takes [[number of days]] business days to appear in your account.`,
          short: `Your refund of [[amount]]${ctx.order ? ` for #${ctx.order}` : ''} was issued on [[refund date]]; allow [[number of days]] business days.`,
        }
      : {
          variant: 'return',
          long: `Sorry it didn't work out. Please send me ${ctx.order ? `a photo of the item (if it is damaged)` : 'your order number and a photo of the item (if it is damaged)'}, and I'll send you the return instructions right away.`,
          short: `Sorry about that! Send me ${ctx.order ? 'a photo of the item' : 'your order number'} and I'll send the return steps.`,
        },
  billing_payment: (ctx) =>
    has(ctx, /\binvoice|receipt|vat\b/i)
      ? {
          variant: 'invoice',
          long: `Of course. Here is your invoice${ctx.order ? ` for order #${ctx.order}` : ''}: [[invoice link]]. Let me know if any details need changing.`,
          short: `Here is your invoice: [[invoice link]]`,
        }
      : {
          variant: 'check',
          long: `Thanks for letting me know. I'm checking the payment${ctx.order ? ` for order #${ctx.order}` : ''} now and will get back to you shortly. If anything was charged by mistake, we will put it right.`,
          short: `Thanks - I'm checking the payment now and will get back to you shortly.`,
        },
  technical_issue: () => ({
    variant: 'details',
    long: "Sorry you're running into this. Could you tell me which device and browser or app version you're using, and send a screenshot of the error if you can? I'll look into it right away.",
    short: 'Sorry about that! Which device/app version are you on? A screenshot of the error helps.',
  }),
  account: (ctx) =>
    has(ctx, /password|log ?in|sign ?in|locked/i)
      ? {
          variant: 'access',
          long: "I can help you get back into your account. Please confirm the email address on the account, and I'll send you a secure reset link.",
          short: "I can help! Which email is the account under? I'll send a reset link.",
        }
      : {
          variant: 'change',
          long: "I can help with that. For security, please confirm the email address on the account, and I'll make the change for you.",
          short: 'Happy to help! Please confirm the email on the account.',
        },
  complaint: () => ({
    variant: 'apology',
    long: "I'm really sorry about your experience - that's not the standard we aim for. I'm looking into it personally and will get back to you as soon as possible to put it right.",
    short: "I'm really sorry about this. I'm looking into it personally and will get back to you soon.",
  }),
  pricing_presales: () => ({
    variant: 'answer',
    long: 'Thanks for your interest! [[answer: price / availability / details]]. Let me know if you have any other questions - happy to help.',
    short: 'Thanks for asking! [[answer: price / availability]]',
  }),
  feedback_praise: () => ({
    variant: 'thanks',
    long: "Thank you so much for your kind words - it really means a lot! I've shared them with the team.",
    short: 'Thank you so much - that means a lot!',
  }),
  other: () => ({
    variant: 'generic',
    long: 'Thanks for your message! How can I help you?',
    short: 'Thanks for your message! How can I help?',
  }),
};

const ZH: Record<Intent, Template> = {
  order: (ctx) => {
    if (!ctx.order)
      return {
        variant: 'ask-number',
        long: '感谢您的咨询。麻烦发一下订单号（或下单时使用的手机号/邮箱），我马上为您查询。',
        short: '麻烦发一下订单号，我马上帮您查。',
      };
    if (has(ctx, /取消|撤销|撤回/))
      return {
        variant: 'cancel',
        long: `已收到您取消订单 ${ctx.order} 的申请，我正在确认是否已经发货，稍后给您确认结果。`,
        short: `收到，正在确认订单 ${ctx.order} 能否取消，稍后回复您。`,
      };
    if (has(ctx, WHERE_ZH))
      return {
        variant: 'tracking',
        long: `您的订单 ${ctx.order} 已于 [[发货日期]] 通过 [[快递公司]] 发出，快递单号 [[快递单号]]，预计 [[预计送达日期]] 送达。`,
        short: `订单 ${ctx.order} 已由 [[快递公司]] 发出，单号 [[快递单号]]。`,
      };
    return {
      variant: 'status',
      long: `感谢您的留言，我正在查询订单 ${ctx.order} 的情况，稍后给您回复。`,
      short: `收到，正在查询订单 ${ctx.order}，稍后回复您。`,
    };
  },
  shipping: (ctx) =>
    has(ctx, /地址|改寄|重新(?:派送|送)|再送|自提|到店取|放.*(?:门口|邻居|快递柜)/)
      ? {
          variant: 'arrangement',
          long: `好的，${ctx.order ? `订单 ${ctx.order} ` : ''}可以为您安排。请把完整的新地址（或方便收货的时间）发给我，改好后通知您。`,
          short: `好的！请把新地址或收货时间发给我，改好后确认。`,
        }
      : {
          variant: 'options',
          long: '感谢咨询！我们可以寄到 [[地区]]，普通快递约 [[天数]] 天送达，运费 [[运费]]；加急 [[加急天数]] 天，[[加急运费]]。',
          short: '可以寄到 [[地区]]，约 [[天数]] 天，运费 [[运费]]。',
        },
  refund_return: (ctx) =>
    has(ctx, /退款.*(?:还没|没到|没收到|什么时候|多久|进度|呢)|(?:还没|没有|没).*退款/)
      ? {
          variant: 'refund-status',
          long: `您${ctx.order ? `订单 ${ctx.order} ` : ''}的退款 [[退款金额]] 已于 [[退款日期]] 退回，一般 [[天数]] 个工作日内到账。`,
          short: `${ctx.order ? `订单 ${ctx.order} 的` : ''}退款 [[退款金额]] 已于 [[退款日期]] 退回，[[天数]] 个工作日内到账。`,
        }
      : {
          variant: 'return',
          long: `很抱歉给您带来不便。麻烦发一下${ctx.order ? '' : '订单号和'}商品照片（如有损坏），我马上把退换货流程发给您。`,
          short: `抱歉！麻烦发下${ctx.order ? '商品照片' : '订单号'}，我把退换货流程发给您。`,
        },
  billing_payment: (ctx) =>
    has(ctx, /发票|收据|开票/)
      ? {
          variant: 'invoice',
          long: `好的，${ctx.order ? `订单 ${ctx.order} 的` : ''}发票在这里：[[发票链接]]。如需修改信息请告诉我。`,
          short: `发票：[[发票链接]]`,
        }
      : {
          variant: 'check',
          long: `感谢告知，我正在核查${ctx.order ? `订单 ${ctx.order} 的` : '这笔'}付款，稍后给您回复。如有误扣，我们会为您处理。`,
          short: '收到，正在核查付款，稍后回复您。',
        },
  technical_issue: () => ({
    variant: 'details',
    long: '很抱歉遇到这个问题。麻烦告诉我您使用的设备和浏览器/应用版本，方便的话再发一张报错截图，我马上帮您排查。',
    short: '抱歉！请告诉我设备和版本，最好附上报错截图。',
  }),
  account: (ctx) =>
    has(ctx, /密码|登录|登不|锁/)
      ? {
          variant: 'access',
          long: '我来帮您恢复账户。请确认一下账户绑定的邮箱或手机号，我给您发送安全的重置链接。',
          short: '请确认账户绑定的邮箱/手机号，我发重置链接给您。',
        }
      : {
          variant: 'change',
          long: '可以帮您处理。为了账户安全，请先确认账户绑定的邮箱或手机号。',
          short: '可以处理，请先确认账户绑定的邮箱/手机号。',
        },
  complaint: () => ({
    variant: 'apology',
    long: '非常抱歉给您带来这样的体验，这不是我们应有的标准。我会亲自跟进，尽快给您一个满意的答复。',
    short: '非常抱歉！我会亲自跟进，尽快给您答复。',
  }),
  pricing_presales: () => ({
    variant: 'answer',
    long: '感谢您的关注！[[回答：价格/库存/详情]]。还有其他问题随时问我。',
    short: '感谢咨询！[[回答：价格/库存]]',
  }),
  feedback_praise: () => ({
    variant: 'thanks',
    long: '非常感谢您的认可和鼓励！我们会继续努力。',
    short: '非常感谢您的认可！',
  }),
  other: () => ({
    variant: 'generic',
    long: '感谢您的留言！请问有什么可以帮您？',
    short: '您好！请问有什么可以帮您？',
  }),
};

export function templateFor(language: string, intent: Intent): Template {
  return (language === 'zh' ? ZH : EN)[intent];
}
