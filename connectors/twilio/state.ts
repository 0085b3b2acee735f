/**
 * What the connector remembers between webhooks and sends, in memory. None of it is the
 * source of truth (the store is): it closes races (a STOP that arrives while a reply is
 * queued) and makes checks sharper than the conversation-wide data the core passes in.
 */
const MAX_ENTRIES = 10_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as K);
}

export class TwilioState {
  private readonly optedOut = new Map<string, boolean>();
  private readonly whatsappInbound = new Map<string, Date>();
  private readonly languages = new Map<string, string>();
  private readonly sent = new Map<string, string>();

  setOptedOut(channel: 'sms' | 'whatsapp', number: string, value: boolean): void {
    remember(this.optedOut, `${channel}:${number}`, value);
  }

  /** true/false when a keyword was seen in this process, undefined when unknown. */
  isOptedOut(channel: 'sms' | 'whatsapp', number: string): boolean | undefined {
    return this.optedOut.get(`${channel}:${number}`);
  }

  whatsappInboundAt(number: string, at: Date): void {
    const previous = this.whatsappInbound.get(number);
    if (!previous || previous < at) remember(this.whatsappInbound, number, at);
  }

  lastWhatsappInbound(number: string): Date | undefined {
    return this.whatsappInbound.get(number);
  }

  setLanguage(number: string, language: string): void {
    if (language && language !== 'und') remember(this.languages, number, language);
  }

  language(number: string): string | undefined {
    return this.languages.get(number);
  }

  /** Idempotency within the process: a retried job whose first try reached Twilio. */
  sentSid(idempotencyKey: string): string | undefined {
    return this.sent.get(idempotencyKey);
  }

  recordSent(idempotencyKey: string, sid: string): void {
    remember(this.sent, idempotencyKey, sid);
  }
}
