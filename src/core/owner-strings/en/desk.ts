/** The desk's own words (src/core): refusals, why a channel is recommended, intent names, attention. */

export const refusals = {
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
  alreadyAnswered: 'Already answered.',
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

export const reasons = {
  text: {
    requested: 'The customer asked to be contacted by {channel}.',
    complex_urgent: 'Complex and urgent ({intent}): a call resolves it fastest.',
    complex: 'Complex ({intent}, {words} words): email leaves room for details.',
    simple_origin: 'Simple ({intent}): a short reply on {channel}, where the customer wrote.',
    simple_chat: 'Simple ({intent}): a short chat reply is enough.',
    origin: 'No request; answering on the channel it came from ({channel}).',
    document_email:
      'The customer asked for a document by email: not a channel request, but email carries it.',
    default: 'No request and no origin channel: email by default.',
  },
  channels: {
    phone: 'phone',
    email: 'email',
    sms: 'sms',
    social: 'social',
    chat: 'chat',
  },
} as const;

export const intents = {
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
} as const;

export const attention = {
  reminder: '⏰ Reply overdue for {name}: it was due {due} ({ago} ago).',
  reminderAgain: '⏰ Still waiting: {name}, overdue {ago}.',
  woken: '⏰ Snooze ended early: {name} wrote again.',
  snoozed: '💤 Snoozed until {until}.',
  snoozeEnded: '⏰ Snooze over: {name} is waiting again.',
  dueIn: 'reply due in {left}',
  overdue: 'overdue {ago}',
  snoozedUntil: 'snoozed until {until}',
  digestTitle: 'Daily digest · {date}',
  digestWaiting: 'Waiting ({n})',
  digestNone: 'Nobody is waiting.',
  digestOverdue: 'Overdue',
  digestYesterday: 'Yesterday',
  digestRatings: 'Ratings received',
  open: 'open',
  closed: 'closed',
  away: 'away',
  holiday: 'closed (holiday)',
  nobodyWaitingHere: 'Nobody is waiting here.',
  digestInDue: 'Answered within due',
} as const;
