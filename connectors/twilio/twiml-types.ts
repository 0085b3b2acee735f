/** Types the twilio library declares inside its TwiML namespace, re-exported by name. */
import type twilio from 'twilio';

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;
type SayArgs = Parameters<VoiceResponse['say']>[0];
type SayAttributes = Exclude<SayArgs, string>;
export type SayLanguage = NonNullable<SayAttributes['language']>;
export type SayVoice = NonNullable<SayAttributes['voice']>;
