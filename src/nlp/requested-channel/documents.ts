/**
 * PRODUCT.md: "Asking us to send a document (a receipt, an invoice, a quote) is no channel request
 * (`none`), but email is then the recommended channel." "Email me the invoice" and 发票发我邮箱 ask
 * for the document, not to be contacted by email; "email me when it ships" and "reply by email"
 * still ask for the channel. Only email is read this way: "DM me your price list" and "WhatsApp me
 * the quote" name a channel the document would not otherwise travel by, so they stay requests.
 */
const EN_DOCUMENT =
  /\b(?:invoices?|receipts?|quotes?|quotations?|estimates?|contracts?|statements?|(?:booking |order |written |email |e-mail )?confirmations?|copy|copies|pdfs?|manuals?|menus?|catalogues?|catalogs?|brochures?|price ?lists?|terms|proforma|credit notes?|vat invoice|tax invoice|paperwork|documents?|forms?|vouchers?|certificates?)\b/i;
/** "Email me about the invoice", "for anything to do with the invoice": the document is the topic. */
const EN_TOPIC =
  /\b(?:about|regarding|concerning|re|with questions about|to do with|related to)\s+(?:\w+\s+){0,2}$/i;
/** Asking for an answer or contact, not for the document: "reply by email about the quote". */
const EN_CONTACT =
  /\b(?:reply|respond|answer|get back|contact|let me know|keep me (?:posted|updated)|update me|tell me|talk|discuss|chat|follow up)\b/i;
const ZH_DOCUMENT = /发票|收据|报价|合同|明细|目录|确认函|确认单|电子票|手册|价目表|报销单|凭证|账单/;
const ZH_CONTACT = /联系我|告诉我|回复我|通知我|答复我|回我(?!一份)/;
/**
 * "麻烦开一下发票，有问题发邮件给我", "send the invoice, and if there are any problems email me": a
 * condition just before the ask (in its part of the sentence) makes it a contact ask of its own.
 */
const ZH_CONDITION =
  /(?:如果|要是|若|如)?有(?:任何|什么)?(?:问题|疑问|不清楚|不明白|情况|事)|不清楚的|不明白的/;
const EN_CONDITION =
  /\b(?:if (?:there(?:'s| is| are| were)|you (?:have|need|see|find|spot)|anything(?:'s| is)?)|in case(?: of)?|should (?:you|there be)|any)\b[^,]{0,30}?\b(?:problems?|issues?|questions?|queries|query|trouble|wrong|unclear|missing)\b/i;

/** Whether an email ask in `text` (the hit at `at`) is a request to send a document. */
export function isDocumentByEmail(text: string, at: number, zh: boolean): boolean {
  const start = Math.max(0, text.slice(0, at).search(/[^.!?;\n。！？；]*$/));
  const rest = text.slice(at);
  const endRel = rest.search(/[.!?;\n。！？；]/);
  const clause = text.slice(start, endRel < 0 ? text.length : at + endRel);
  const part = text.slice(start, at).replace(/^.*[,，、]/s, '');
  const han = zh || /\p{Script=Han}/u.test(clause);
  // …unless the document comes after the ask: "if there's a problem, email me a corrected invoice"
  const afterAsk = clause.slice(at - start);
  if ((han ? ZH_CONDITION : EN_CONDITION).test(part) && !(han ? ZH_DOCUMENT : EN_DOCUMENT).test(afterAsk))
    return false;
  if (han) return ZH_DOCUMENT.test(clause) && !ZH_CONTACT.test(clause);
  const m = EN_DOCUMENT.exec(clause);
  if (!m) return false;
  if (EN_TOPIC.test(clause.slice(0, m.index))) return false;
  return !EN_CONTACT.test(clause);
}
