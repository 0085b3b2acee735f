/**
 * Pre-approved message templates (WhatsApp through Twilio's Content API): what a connector
 * offers when a free-text reply can't go out (outside WhatsApp's 24-hour window), how the
 * console prefills their variables, and how a chosen one rides on the outbound message.
 * Pure: the connector lists them, the desk fills and queues them.
 */

export interface MessageTemplate {
  /** The platform's id (Twilio content SID, HX…). */
  sid: string;
  /** The owner-readable name (Twilio friendly_name). */
  name: string;
  language: string;
  /** The text with `{{1}}`-style placeholders, for the preview and the thread. */
  body: string;
  /** Variable keys in order ("1", "2"…), with the template's sample values. */
  variables: { key: string; sample: string }[];
}

/** A template with its variables filled in for one draft (editable by the owner). */
export interface TemplateOffer {
  template: MessageTemplate;
  values: Record<string, string>;
}

/** What a queued template send carries to the connector. */
export interface TemplateSend {
  sid: string;
  variables: Record<string, string>;
}

/** Where the template of an outbound message is kept (Message.meta; no dots: Mongo keys), for the outbox. */
export const TEMPLATE_META = {
  sid: 'templateSid',
  name: 'templateName',
  variables: 'templateVariables',
} as const;

/** WhatsApp limits a template variable's value; keep the prefill short and single-line. */
const SHORT = 60;

/** The first sentence (or line) of the draft, cut short: the usual "{{2}}" of a follow-up. */
export function shortText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  // Latin sentences end before a space; Chinese ones at the full-width mark itself.
  const sentence = /^(.+?(?:[.!?](?=\s|$)|[。！？]))/u.exec(line)?.[1] ?? line;
  return sentence.length > SHORT ? `${sentence.slice(0, SHORT - 1).trimEnd()}…` : sentence;
}

/** {{1}} = the customer's name, {{2}} = a short text from the draft, the rest their samples. */
export function prefill(template: MessageTemplate, customerName: string | undefined, draftText: string) {
  const values: Record<string, string> = {};
  template.variables.forEach((v, i) => {
    if (i === 0 && customerName) values[v.key] = customerName;
    else if (i === 1 && draftText.trim()) values[v.key] = shortText(draftText);
    else values[v.key] = v.sample;
  });
  return values;
}

/** The body as the customer will read it. */
export function renderTemplate(body: string, values: Readonly<Record<string, string>>): string {
  return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The template of an outbound message's meta, or undefined for free text. */
export function templateOfMeta(meta: Readonly<Record<string, string>>): TemplateSend | undefined {
  const sid = meta[TEMPLATE_META.sid];
  if (!sid) return undefined;
  try {
    const variables = JSON.parse(meta[TEMPLATE_META.variables] ?? '{}') as Record<string, string>;
    return { sid, variables };
  } catch {
    return { sid, variables: {} };
  }
}
