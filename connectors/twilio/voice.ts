/**
 * Phone: the greeting and voicemail TwiML, the recording/transcription callbacks that turn a
 * voicemail into a message for the console, missed calls, and "Call back" (Twilio rings the
 * owner, then bridges to the customer with the business number as caller id).
 *
 * A voicemail is stored as one message (`voicemail:<CallSid>`, with the recording link and the
 * caller) as soon as the recording exists, before Twilio hears our answer: nothing waits in
 * memory for the transcript. The transcript, when Twilio sends one (it transcribes only
 * recordings longer than 2 s and shorter than 120 s, and a transcription can fail), follows in
 * the thread as `voicemail:<CallSid>:transcript`; it needs nothing remembered, so a restart in
 * between loses nothing. A transcript that arrives before the recording callbacks is stored in
 * the voicemail itself. A call that leaves no recording becomes a `missed_call` message
 * (`call:<CallSid>`). The pipeline's dedupe makes repeats harmless.
 */
import twilio from 'twilio';
import type { Attachment } from '../../src/core/model.js';
import type { Clock, InboundMessage, Intake, IntakeResult, Logger } from '../../src/core/ports.js';
import type { CallBackResult } from '../module.js';
import { formatReplyRef } from '../../src/core/reply-ref.js';
import type { TwilioClient } from './client.js';
import { pickLang, type Lang } from '../lang.js';
import { reasons, say, VOICE } from './i18n.js';
import { fillOwner, OWNER_STRINGS } from '../../src/core/owner-strings/index.js';
import type { TwilioOptions } from './options.js';
import { badInput, isE164, param, sameNumber, type Params } from './parse.js';
import type { NumberLinker } from './identities.js';
import type { TwilioState } from './state.js';

const { VoiceResponse } = twilio.twiml;

/** Twilio transcribes only recordings longer than 2 s and shorter than 120 s (warning 13617). */
export const TRANSCRIBABLE = { minSeconds: 2, maxSeconds: 120 } as const;
const FINAL_CALL_STATES = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
const CALL_TTL_MS = 2 * 60 * 60 * 1000;

export const VOICE_PATHS = {
  incoming: '/twilio/voice',
  recorded: '/twilio/voice/recorded',
  noMessage: '/twilio/voice/no-message',
  recording: '/twilio/voice/recording',
  transcription: '/twilio/voice/transcription',
  status: '/twilio/voice/status',
  callBackStatus: '/twilio/voice/callback-status',
} as const;

interface CallState {
  from: string;
  to: string;
  lang: Lang;
  startedAt: number;
  recording?: { sid: string; url: string; duration: number };
  /** A message for this call was handed to the intake. */
  stored?: 'voicemail' | 'missed_call';
}

export interface VoiceDeps {
  client: TwilioClient;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  options: TwilioOptions;
  state: TwilioState;
  linker: NumberLinker;
}

export class VoiceDesk {
  private readonly calls = new Map<string, CallState>();
  private readonly ownerLang: Lang;
  private intake: Intake | undefined;

  constructor(private readonly deps: VoiceDeps) {
    this.ownerLang = pickLang(deps.options.ownerLanguage);
  }

  start(intake: Intake): void {
    this.intake = intake;
  }

  stop(): void {
    this.calls.clear();
    this.intake = undefined;
  }

  private url(path: string): string {
    return `${this.deps.publicUrl}${path}`;
  }

  /** An incoming call: greeting in the caller's known language (else the owner's), then voicemail. */
  async incoming(params: Params): Promise<string> {
    const callSid = param(params, 'CallSid');
    const from = param(params, 'From');
    const to = param(params, 'To') ?? '';
    if (!callSid || !from) throw badInput('CallSid and From are required');
    const lang = await this.languageFor(from);
    this.track(callSid, { from, to, lang, startedAt: this.deps.clock.now().getTime() });
    return this.voicemailTwiml(lang);
  }

  voicemailTwiml(lang: Lang): string {
    const { voicemailMaxSeconds = 120 } = this.deps.options;
    const response = new VoiceResponse();
    response.say(VOICE[lang], say.greeting(lang));
    response.record({
      action: this.url(VOICE_PATHS.recorded),
      method: 'POST',
      // Longer recordings are never transcribed, so the cap is 120 s whatever is configured.
      maxLength: Math.min(Math.max(voicemailMaxSeconds, 5), TRANSCRIBABLE.maxSeconds),
      timeout: 5,
      playBeep: true,
      trim: 'trim-silence',
      transcribe: true,
      transcribeCallback: this.url(VOICE_PATHS.transcription),
      recordingStatusCallback: this.url(VOICE_PATHS.recording),
      recordingStatusCallbackMethod: 'POST',
      recordingStatusCallbackEvent: ['completed', 'absent'],
    });
    // Reached only when <Record> heard nothing: Twilio then skips the action URL.
    response.redirect({ method: 'POST' }, this.url(VOICE_PATHS.noMessage));
    return response.toString();
  }

  /** <Record>'s action: the recording ended (the caller hung up, pressed a key or hit the cap). */
  async recorded(params: Params): Promise<string> {
    const call = this.callFor(params);
    await this.noteRecording(params, call);
    return sayAndHangUp(call.lang, say.thanks(call.lang));
  }

  /** Reached after a silent <Record>: no voicemail, so the call is a missed call. */
  async noMessage(params: Params): Promise<string> {
    const call = this.callFor(params);
    await this.storeMissed(param(params, 'CallSid') ?? '', call, 'no message left');
    return sayAndHangUp(call.lang, say.noMessage(call.lang));
  }

  /** recordingStatusCallback: completed (with URL and duration) or absent (nothing recorded). */
  async recordingStatus(params: Params): Promise<void> {
    const call = this.callFor(params);
    const status = param(params, 'RecordingStatus');
    if (status === 'completed') await this.noteRecording(params, call);
    else if (status === 'absent' || status === 'failed') {
      await this.storeMissed(param(params, 'CallSid') ?? '', call, `recording ${status}`);
    }
  }

  /**
   * transcribeCallback: completed with text, or failed. The voicemail is normally stored
   * already (then the transcript follows it in the thread); if not, it is stored now with it.
   */
  async transcription(params: Params): Promise<void> {
    const callSid = param(params, 'CallSid') ?? '';
    const call = this.callFor(params);
    this.absorbRecording(params, call);
    const status = param(params, 'TranscriptionStatus');
    const text = param(params, 'TranscriptionText')?.trim() ?? '';
    const state = status === 'completed' && text ? 'completed' : status === 'failed' ? 'failed' : 'empty';
    if (call.stored !== 'voicemail') {
      // After a restart nothing is remembered: the intake's dedupe says whether it was stored.
      const result = await this.storeVoicemail(callSid, call, state === 'completed' ? text : '', state);
      if (result !== 'duplicate') return;
    }
    if (state !== 'completed') {
      this.deps.logger.info({ callSid, transcript: state }, 'voicemail has no transcript');
      return;
    }
    await this.receive(callSid, call, {
      kind: 'voicemail',
      externalId: `voicemail:${callSid}:transcript`,
      text,
      attachments: [],
      meta: {
        callSid,
        caller: call.from,
        transcript: 'completed',
        transcriptOf: `voicemail:${callSid}`,
        ...(call.recording ? { recordingUrl: call.recording.url } : {}),
      },
    });
  }

  /**
   * The number's call-status callback (optional, set in the Twilio console): a call that
   * ended without any recording — the caller hung up during the greeting — is a missed call.
   */
  async callStatus(params: Params): Promise<void> {
    const status = param(params, 'CallStatus') ?? '';
    const direction = param(params, 'Direction') ?? 'inbound';
    if (!FINAL_CALL_STATES.has(status) || !direction.startsWith('inbound')) return;
    const callSid = param(params, 'CallSid') ?? '';
    const call = this.callFor(params);
    // The recording callbacks race this one at hang-up: give them a moment.
    const deadline = Date.now() + (this.deps.options.missedCallGraceMs ?? 2000);
    while (!call.recording && !call.stored && Date.now() < deadline) await sleep(100);
    if (!call.recording && !call.stored) await this.storeMissed(callSid, call, status);
  }

  /**
   * "Call back": Twilio rings the owner's phone; when they answer, <Dial> bridges them to the
   * customer, showing the business number as caller id.
   */
  async callBack(customerNumber: string): Promise<CallBackResult> {
    const { ownerPhoneNumber, phoneNumber } = this.deps.options;
    if (!ownerPhoneNumber) return { kind: 'rejected', reason: reasons.noOwnerPhone(this.ownerLang) };
    if (!phoneNumber) return { kind: 'rejected', reason: reasons.noNumber(this.ownerLang, 'phone number') };
    const customer = customerNumber.replace(/^whatsapp:/i, '');
    if (!isE164(customer)) return { kind: 'rejected', reason: reasons.badAddress(this.ownerLang) };
    try {
      const call = await this.deps.client.calls.create({
        to: ownerPhoneNumber,
        from: phoneNumber,
        twiml: this.callBackTwiml(customer),
        statusCallback: this.url(VOICE_PATHS.callBackStatus),
      });
      this.deps.logger.info({ callSid: call.sid }, 'call back started');
      return { kind: 'calling', callSid: call.sid };
    } catch (err) {
      const e = err as { status?: number; code?: number; message?: string };
      this.deps.logger.warn({ status: e.status, code: e.code }, 'call back failed');
      const t = OWNER_STRINGS[this.ownerLang].twilioSend;
      return {
        kind: 'rejected',
        reason: fillOwner(t.callFailed, { detail: e.code ?? e.status ?? t.networkError }),
      };
    }
  }

  callBackTwiml(customer: string): string {
    const { phoneNumber } = this.deps.options;
    const response = new VoiceResponse();
    response.say(VOICE[this.ownerLang], say.connecting(this.ownerLang));
    response.dial({ callerId: phoneNumber, timeout: 30 }).number(customer);
    return response.toString();
  }

  // ---------------------------------------------------------------- internals

  private async languageFor(from: string): Promise<Lang> {
    const known = this.deps.state.language(from);
    if (known) return pickLang(known);
    try {
      const fromProfile = isE164(from) ? await this.deps.options.callerLanguage?.(from) : undefined;
      if (fromProfile) return pickLang(fromProfile);
    } catch (err) {
      this.deps.logger.warn({ err: (err as Error).message }, 'caller language lookup failed');
    }
    return this.ownerLang;
  }

  private track(callSid: string, call: CallState): CallState {
    const now = this.deps.clock.now().getTime();
    for (const [sid, old] of this.calls) {
      if (now - old.startedAt <= CALL_TTL_MS) break;
      this.calls.delete(sid);
    }
    this.calls.set(callSid, call);
    return call;
  }

  /** The call's state, rebuilt from the callback's own parameters after a restart. */
  private callFor(params: Params): CallState {
    const callSid = param(params, 'CallSid') ?? '';
    const known = this.calls.get(callSid);
    if (known) return known;
    return this.track(callSid, {
      from: param(params, 'From') ?? param(params, 'Caller') ?? '',
      to: param(params, 'To') ?? param(params, 'Called') ?? '',
      lang: this.ownerLang,
      startedAt: this.deps.clock.now().getTime(),
    });
  }

  private absorbRecording(params: Params, call: CallState): void {
    const url = param(params, 'RecordingUrl');
    if (!url) return;
    const duration = Number.parseInt(param(params, 'RecordingDuration') ?? '', 10);
    call.recording = {
      sid: param(params, 'RecordingSid') ?? call.recording?.sid ?? '',
      url,
      duration: Number.isFinite(duration) ? duration : (call.recording?.duration ?? -1),
    };
  }

  private async noteRecording(params: Params, call: CallState): Promise<void> {
    const callSid = param(params, 'CallSid') ?? '';
    this.absorbRecording(params, call);
    const recording = call.recording;
    if (!recording || recording.duration === 0) {
      await this.storeMissed(callSid, call, 'empty recording');
      return;
    }
    // Outside Twilio's transcribable range no transcript will ever come.
    const transcribable =
      recording.duration < 0 ||
      (recording.duration > TRANSCRIBABLE.minSeconds && recording.duration < TRANSCRIBABLE.maxSeconds);
    // Stored now, before Twilio hears our answer; a transcript follows in the thread.
    await this.storeVoicemail(callSid, call, '', transcribable ? 'pending' : 'not transcribable');
  }

  /** Hands the voicemail to the intake; returns what the intake made of it (or `known`). */
  private async storeVoicemail(
    callSid: string,
    call: CallState,
    transcript: string,
    transcriptState: string,
  ): Promise<IntakeResult['kind'] | 'known'> {
    if (call.stored === 'voicemail') return 'known';
    const recording = call.recording;
    const attachments: Attachment[] = recording
      ? [{ name: 'voicemail.mp3', contentType: 'audio/mpeg', size: 0, url: `${recording.url}.mp3` }]
      : [];
    const meta: Record<string, string> = { callSid, caller: call.from, transcript: transcriptState };
    if (recording) {
      meta.recordingUrl = recording.url;
      if (recording.sid) meta.recordingSid = recording.sid;
      if (recording.duration >= 0) meta.recordingSeconds = String(recording.duration);
    }
    const result = await this.receive(callSid, call, {
      kind: 'voicemail',
      externalId: `voicemail:${callSid}`,
      text: transcript,
      attachments,
      meta,
    });
    call.stored = 'voicemail';
    return result;
  }

  private async storeMissed(callSid: string, call: CallState, why: string): Promise<void> {
    if (call.stored || call.recording?.duration) return;
    await this.receive(callSid, call, {
      kind: 'missed_call',
      externalId: `call:${callSid}`,
      text: '',
      attachments: [],
      meta: { callSid, caller: call.from, outcome: why },
    });
    call.stored = 'missed_call';
  }

  private async receive(
    callSid: string,
    call: CallState,
    message: Pick<InboundMessage, 'kind' | 'externalId' | 'text' | 'attachments' | 'meta'>,
  ): Promise<IntakeResult['kind']> {
    const intake = this.intake;
    if (!intake) throw Object.assign(new Error('twilio connector not started'), { code: 'NOT_STARTED' });
    if (!callSid || !call.from) throw badInput('call without CallSid or caller');
    const result = await intake.receive({
      channel: 'phone',
      from: { address: call.from },
      sameAs: sameNumber('phone', call.from),
      replyRef: formatReplyRef({ channel: 'phone', ours: call.to, theirs: call.from }),
      receivedAt: this.deps.clock.now(),
      ...message,
    });
    if (result.kind === 'stored') await this.deps.linker.link(intake, 'phone', call.from);
    this.deps.logger.info({ callSid, kind: message.kind, result: result.kind }, 'call stored');
    return result.kind;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** TwiML that says one line to the caller in their language and ends the call. */
function sayAndHangUp(lang: Lang, text: string): string {
  const response = new VoiceResponse();
  response.say(VOICE[lang], text);
  response.hangup();
  return response.toString();
}
