/**
 * The webhook routes on the desk's express app. Each route reads its own raw body (the
 * signature covers the exact bytes for JSON webhooks), verifies X-Twilio-Signature, hands
 * the data to the intake — which stores before it returns — and only then answers Twilio.
 */
import express, { type Express, type Request, type Response } from 'express';
import twilio from 'twilio';
import type { Channel } from '../../src/core/model.js';
import { CHANNELS } from '../../src/core/model.js';
import type { Clock, InboundMessage, Intake, Logger } from '../../src/core/ports.js';
import { badInput, deliveryStateOf, param, parseMessageWebhook, splitAddress, type Params } from './parse.js';
import type { NumberLinker } from './identities.js';
import type { TwilioState } from './state.js';
import { verifyTwilioRequest } from './verify.js';
import { VOICE_PATHS, type VoiceDesk } from './voice.js';

export const MESSAGE_PATHS = { inbound: '/twilio/sms', status: '/twilio/status' } as const;

const EMPTY_TWIML = new twilio.twiml.MessagingResponse().toString();
const CJK = /[\u3400-\u9fff]/;

export interface RouteDeps {
  authToken: string;
  publicUrl: string;
  logger: Logger;
  clock: Clock;
  state: TwilioState;
  voice: VoiceDesk;
  linker: NumberLinker;
  intake: () => Intake | undefined;
}

type Handler = (params: Params, intake: Intake, req: Request) => Promise<string | undefined>;

export function mountTwilioRoutes(app: Express, deps: RouteDeps): void {
  const raw = express.raw({ type: () => true, limit: '512kb' });

  const route = (path: string, handler: Handler) => {
    app.post(path, raw, async (req: Request, res: Response) => {
      const verified = verifyTwilioRequest(deps.authToken, deps.publicUrl, {
        originalUrl: req.originalUrl,
        signature: req.header('x-twilio-signature'),
        rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      });
      if (!verified.ok) {
        deps.logger.warn({ path, status: verified.status }, 'twilio webhook rejected');
        res.status(verified.status).type('text/plain').send(verified.error);
        return;
      }
      const intake = deps.intake();
      if (!intake) {
        res.status(503).type('text/plain').send('twilio connector not started');
        return;
      }
      try {
        const twiml = await handler(verified.params, intake, req);
        res
          .status(200)
          .type('text/xml')
          .send(twiml ?? EMPTY_TWIML);
      } catch (err) {
        const e = err as { code?: string; message?: string };
        const status = e.code === 'BAD_INPUT' ? 400 : 500;
        deps.logger.error({ path, code: e.code, err: e.message }, 'twilio webhook failed');
        res
          .status(status)
          .type('text/plain')
          .send(status === 400 ? e.message : 'internal error');
      }
    });
  };

  route(MESSAGE_PATHS.inbound, async (params, intake) => {
    const parsed = parseMessageWebhook(params);
    if (parsed.kind === 'invalid') throw badInput(parsed.reason);
    // The message first (it may create the customer), then the opt-out on that customer.
    if (parsed.inbound) await receive(intake, parsed.inbound);
    if (parsed.kind === 'opt') {
      // Through the core's dedupe and order: a retried START (same MessageSid) or one older
      // than the last keyword applied changes nothing. Twilio's message webhook carries no
      // send time, so the time is when the keyword first reached us.
      const source = { externalId: parsed.externalId, at: deps.clock.now() };
      const applied = await intake.optOut(parsed.channel, parsed.address, parsed.optedOut, source);
      if (applied) {
        deps.state.setOptedOut(parsed.channel, parsed.address, parsed.optedOut);
        // A phone reply is an SMS to the same number, so an SMS STOP covers the phone channel.
        if (parsed.channel === 'sms') await intake.optOut('phone', parsed.address, parsed.optedOut, source);
      }
      deps.logger.info(
        { channel: parsed.channel, optedOut: parsed.optedOut, applied },
        'twilio opt-out keyword',
      );
    }
    // Twilio answers STOP/START/HELP itself (carrier rules); we never auto-reply.
    return undefined;
  });

  const receive = async (intake: Intake, inbound: InboundMessage) => {
    if (inbound.channel === 'whatsapp') deps.state.whatsappInboundAt(inbound.from.address, deps.clock.now());
    if (CJK.test(inbound.text)) deps.state.setLanguage(inbound.from.address, 'zh');
    const result = await intake.receive({ ...inbound, receivedAt: deps.clock.now() });
    if (result.kind === 'stored') await deps.linker.link(intake, inbound.channel, inbound.from.address);
    deps.logger.info(
      {
        sid: inbound.externalId,
        channel: inbound.channel,
        media: inbound.attachments?.length ?? 0,
        result: result.kind,
      },
      'twilio message stored',
    );
  };

  route(MESSAGE_PATHS.status, async (params, intake, req) => {
    const sid = param(params, 'MessageSid') ?? param(params, 'SmsSid');
    const state = deliveryStateOf(param(params, 'MessageStatus') ?? param(params, 'SmsStatus'));
    if (!sid) throw badInput('MessageSid is required');
    if (!state) return undefined;
    const channel = channelOf(req.query.channel, param(params, 'To'));
    const errorCode = param(params, 'ErrorCode');
    // The store never moves a delivery backwards (a late "sent" after "delivered").
    await intake.delivery({
      channel,
      externalId: sid,
      state,
      ...(errorCode ? { error: `Twilio error ${errorCode}` } : {}),
    });
    return undefined;
  });

  route(VOICE_PATHS.incoming, (params) => deps.voice.incoming(params));
  route(VOICE_PATHS.recorded, (params) => deps.voice.recorded(params));
  route(VOICE_PATHS.noMessage, (params) => deps.voice.noMessage(params));
  route(VOICE_PATHS.recording, async (params) => {
    await deps.voice.recordingStatus(params);
    return undefined;
  });
  route(VOICE_PATHS.transcription, async (params) => {
    await deps.voice.transcription(params);
    return undefined;
  });
  route(VOICE_PATHS.status, async (params) => {
    await deps.voice.callStatus(params);
    return undefined;
  });
  route(VOICE_PATHS.callBackStatus, async (params) => {
    deps.logger.info(
      { callSid: param(params, 'CallSid'), status: param(params, 'CallStatus') },
      'call back status',
    );
    return undefined;
  });
}

function channelOf(query: unknown, to: string | undefined): Channel {
  if (typeof query === 'string' && (CHANNELS as readonly string[]).includes(query)) return query as Channel;
  return to && splitAddress(to).whatsapp ? 'whatsapp' : 'sms';
}
