/**
 * Outbound SMS and WhatsApp through the real twilio client: checks first (opt-out, the
 * WhatsApp 24-hour window, length), then one segment per second per sending number through
 * the desk's Pacer, then Twilio's answer mapped to sent / rejected / retry.
 */
import type { Channel, Customer } from '../../src/core/model.js';
import type {
  Clock,
  Logger,
  OutboundMessage,
  PaceRule,
  Pacer,
  SendCheck,
  SendResult,
} from '../../src/core/ports.js';
import type { TwilioClient } from './client.js';
import { splitFiles, withFileLinks } from '../../src/core/outbound-files.js';
import { attemptMarker, attemptStartedAt, findEarlierSend } from './earlier-send.js';
import { pickLang, type Lang } from '../lang.js';
import { reasons } from './i18n.js';
import { fillOwner, OWNER_STRINGS } from '../../src/core/owner-strings/index.js';
import type { TwilioOptions } from './options.js';
import { deliveryStateOf, isE164, parseTarget, toTwilioAddress, type Target } from './parse.js';
import { countSegments, MAX_BODY_CHARS } from './segments.js';
import type { TwilioState } from './state.js';

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export const SMS_PACE_RULE = 'twilio-sms';
export const WHATSAPP_PACE_RULE = 'twilio-whatsapp';

export function paceRules(segmentIntervalMs = 1000): PaceRule[] {
  return [
    // US long code: 1 segment/s per number; the weight of a send is its segment count.
    { rule: SMS_PACE_RULE, minTimeMs: segmentIntervalMs },
    // WhatsApp senders start at 80 messages/s; segments don't apply.
    { rule: WHATSAPP_PACE_RULE, minTimeMs: 20 },
  ];
}

/** Twilio error codes that will never succeed on retry, with what the owner should know. */
const PERMANENT: Record<number, (l: Lang) => string> = {
  21610: (l) => reasons.optedOut(l, 'SMS'),
  63016: (l) => reasons.windowClosed(l),
  21211: (l) => reasons.badAddress(l),
  21614: (l) => reasons.badAddress(l),
};

export interface SenderDeps {
  client: TwilioClient;
  pacer: Pacer;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  options: TwilioOptions;
  state: TwilioState;
}

export class TwilioSender {
  private readonly lang: Lang;

  constructor(private readonly deps: SenderDeps) {
    this.lang = pickLang(deps.options.ownerLanguage);
  }

  canSend(channel: Channel, replyRef: string, customer: Customer, lastInboundAt?: Date): SendCheck {
    const target = parseTarget(channel, replyRef);
    const problem = this.problem(target, customer);
    if (problem) return { ok: false, reason: problem };
    if (target.channel === 'whatsapp') {
      // The connector's own record of the last WhatsApp message beats the conversation-wide date.
      const last = this.deps.state.lastWhatsappInbound(target.theirs) ?? lastInboundAt;
      if (!last || this.deps.clock.now().getTime() - last.getTime() > WHATSAPP_WINDOW_MS) {
        return { ok: false, reason: reasons.windowClosed(this.lang) };
      }
    }
    return { ok: true };
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const { state, clock } = this.deps;
    const target = parseTarget(message.channel, message.replyRef);
    const problem = this.problem(target, message.customer);
    if (problem) return { kind: 'rejected', reason: problem };
    // A template (content SID) is what WhatsApp allows beyond the window; nothing else is.
    const template = target.channel === 'whatsapp' ? message.template : undefined;
    if (target.channel === 'whatsapp' && !template) {
      // Only when we know: after a restart Twilio's own 63016 answers for us.
      const last = state.lastWhatsappInbound(target.theirs);
      if (last && clock.now().getTime() - last.getTime() > WHATSAPP_WINDOW_MS) {
        return { kind: 'rejected', reason: reasons.windowClosed(this.lang) };
      }
    }
    // The owner's shared files: MMS / WhatsApp media fetched by Twilio from the desk's signed
    // link, or (a type or size the channel refuses) the link itself in the text.
    const { attach, links } = template ? { attach: [], links: [] } : splitFiles(message.files);
    const text = withFileLinks(message.text, links, message.language);
    if (!template && text.length > MAX_BODY_CHARS) {
      return { kind: 'rejected', reason: reasons.tooLong(this.lang, text.length) };
    }
    state.setLanguage(target.theirs, message.language);

    const whatsapp = target.channel === 'whatsapp';
    const from = this.ourNumber(target) as string;
    const rule = whatsapp ? WHATSAPP_PACE_RULE : SMS_PACE_RULE;
    const weight = whatsapp ? 1 : countSegments(text);
    const wire: Channel = whatsapp ? 'whatsapp' : 'sms';
    const create = async (): Promise<{ sid: string; status?: string }> => {
      // At the moment of the send, after the pacing wait: an earlier attempt (this process's,
      // or one before a crash or a lease takeover) may have sent it already.
      const earlier = state.sentSid(message.idempotencyKey) ?? (await message.record?.check());
      const started = earlier ? attemptStartedAt(earlier) : undefined;
      if (earlier && !started) return { sid: earlier };
      const addresses = { from: toTwilioAddress(wire, from), to: toTwilioAddress(wire, target.theirs) };
      if (started) {
        // An earlier attempt never heard Twilio's answer: it may have been taken.
        // The body as it went out (with any file links), so the earlier send is recognised.
        const body = template ? undefined : text;
        const sid = await findEarlierSend(this.deps.client, { ...addresses, body, since: started });
        if (sid) {
          state.recordSent(message.idempotencyKey, sid);
          await message.record?.accepted(sid);
          this.deps.logger.info(
            { jobId: message.jobId, sid },
            'twilio: an earlier attempt was taken; not sent again',
          );
          return { sid };
        }
      }
      await message.record?.accepted(attemptMarker(clock.now()));
      const created = await this.deps.client.messages.create({
        ...addresses,
        ...(template
          ? { contentSid: template.sid, contentVariables: JSON.stringify(template.variables) }
          : {
              ...(text ? { body: text } : {}),
              ...(attach.length ? { mediaUrl: attach.map((f) => f.url) } : {}),
            }),
        // The job's channel rides along so a phone reply sent as SMS finds its job.
        statusCallback: `${this.deps.publicUrl}/twilio/status?channel=${message.channel}`,
      });
      state.recordSent(message.idempotencyKey, created.sid);
      await message.record?.accepted(created.sid);
      this.deps.logger.info(
        {
          jobId: message.jobId,
          sid: created.sid,
          segments: weight,
          channel: wire,
          template: Boolean(template),
        },
        'twilio message accepted',
      );
      return created;
    };
    try {
      // An earlier send needs no pacing slot.
      const known = state.sentSid(message.idempotencyKey);
      const created = known ? { sid: known } : await this.deps.pacer.schedule(rule, from, create, weight);
      const delivery = created.status ? (deliveryStateOf(created.status) ?? 'queued') : 'sent';
      return { kind: 'sent', externalId: created.sid, delivery };
    } catch (err) {
      return this.failure(err, message.jobId, target);
    }
  }

  private failure(err: unknown, jobId: string, target: Target): SendResult {
    const e = err as { status?: number; code?: number | string; message?: string };
    const status = typeof e.status === 'number' ? e.status : undefined;
    const code = typeof e.code === 'number' ? e.code : undefined;
    this.deps.logger.warn({ jobId, status, code, err: status ? undefined : e.code }, 'twilio send failed');
    if (code === 21610)
      this.deps.state.setOptedOut(target.channel === 'whatsapp' ? 'whatsapp' : 'sms', target.theirs, true);
    const t = OWNER_STRINGS[this.lang].twilioSend;
    const permanent = code !== undefined ? PERMANENT[code] : undefined;
    if (permanent) return { kind: 'rejected', reason: permanent(this.lang) };
    if (status === undefined || status === 429 || status >= 500) {
      return {
        kind: 'retry',
        reason: fillOwner(t.unavailable, { detail: status ?? e.code ?? t.networkError }),
        ...(status === 429 ? { retryAfterMs: 2000 } : {}),
      };
    }
    return {
      kind: 'rejected',
      reason: e.message
        ? fillOwner(t.refused, { code: code ?? status, detail: e.message })
        : fillOwner(t.refusedPlain, { code: code ?? status }),
    };
  }

  private problem(target: Target, customer: Customer): string | undefined {
    if (target.channel !== 'sms' && target.channel !== 'whatsapp' && target.channel !== 'phone') {
      return fillOwner(OWNER_STRINGS[this.lang].twilioSend.cannotSend, { channel: target.channel });
    }
    if (!isE164(target.theirs)) return reasons.badAddress(this.lang);
    if (!this.ourNumber(target)) {
      return reasons.noNumber(this.lang, target.channel === 'whatsapp' ? 'WhatsApp number' : 'phone number');
    }
    // A phone reply is an SMS to the same number: an SMS STOP covers it.
    const wire = target.channel === 'whatsapp' ? 'whatsapp' : 'sms';
    const blocked =
      this.deps.state.isOptedOut(wire, target.theirs) ??
      (customer.optedOut.includes(target.channel) || customer.optedOut.includes(wire));
    if (blocked) return reasons.optedOut(this.lang, wire === 'whatsapp' ? 'WhatsApp' : 'SMS');
    return undefined;
  }

  private ourNumber(target: Target): string | undefined {
    const { phoneNumber, whatsappNumber } = this.deps.options;
    // Always send from the configured number: a reference to a number we no longer own
    // (or an empty one, for send-via) falls back to it.
    return target.channel === 'whatsapp' ? whatsappNumber : phoneNumber;
  }
}
