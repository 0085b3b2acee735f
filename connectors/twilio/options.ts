/** The Twilio connector's settings. src/main.ts builds them from the Config (see fromEnvConfig). */

export interface TwilioOptions {
  /** `AC` + 32 hex digits; the twilio library refuses anything else. */
  accountSid: string;
  authToken: string;
  /** Our SMS/voice number, E.164. */
  phoneNumber?: string;
  /** Our WhatsApp sender, E.164 (without the `whatsapp:` prefix). */
  whatsappNumber?: string;
  /** The owner's own phone, dialled first by "Call back". */
  ownerPhoneNumber?: string;
  /** Replaces scheme, host and port of every REST call (proxies, tests); paths unchanged. */
  apiBaseUrl?: string;
  /** Language of the voice greeting and of reasons shown to the owner. */
  ownerLanguage: string;
  /**
   * The caller's known language (from the customer profile), so a Chinese-speaking customer
   * hears a Chinese greeting. Optional: main.ts can wire it to the store.
   */
  callerLanguage?: (phone: string) => Promise<string | undefined>;
  /** Voicemail length cap in seconds; Twilio transcribes only recordings under 120 s. */
  voicemailMaxSeconds?: number;
  /**
   * How long a call-status callback waits for a recording to show up before it calls the
   * call missed (the recording and status callbacks race at hang-up).
   */
  missedCallGraceMs?: number;
  /** Pace between SMS segments per sending number (Twilio long code: 1000). */
  segmentIntervalMs?: number;
  /** TWILIO_WHATSAPP_TEMPLATES (JSON or a file in DATA_DIR); unset → the account's Content API. */
  whatsappTemplates?: string;
}

/** The env-shaped settings this connector reads, as declared in src/config.ts. */
export interface TwilioEnv {
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_PHONE_NUMBER?: string;
  TWILIO_WHATSAPP_NUMBER?: string;
  OWNER_PHONE_NUMBER?: string;
  TWILIO_API_BASE_URL?: string;
  TWILIO_WHATSAPP_TEMPLATES?: string;
  OWNER_LANGUAGE: string;
}

/** Options from the Config, or undefined when Twilio is not configured. */
export function twilioOptionsFromConfig(config: TwilioEnv): TwilioOptions | undefined {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken } = config;
  if (!accountSid || !authToken) return undefined;
  if (!config.TWILIO_PHONE_NUMBER && !config.TWILIO_WHATSAPP_NUMBER) return undefined;
  return {
    accountSid,
    authToken,
    ownerLanguage: config.OWNER_LANGUAGE,
    ...(config.TWILIO_PHONE_NUMBER ? { phoneNumber: config.TWILIO_PHONE_NUMBER } : {}),
    ...(config.TWILIO_WHATSAPP_NUMBER ? { whatsappNumber: config.TWILIO_WHATSAPP_NUMBER } : {}),
    ...(config.OWNER_PHONE_NUMBER ? { ownerPhoneNumber: config.OWNER_PHONE_NUMBER } : {}),
    ...(config.TWILIO_API_BASE_URL ? { apiBaseUrl: config.TWILIO_API_BASE_URL } : {}),
    ...(config.TWILIO_WHATSAPP_TEMPLATES ? { whatsappTemplates: config.TWILIO_WHATSAPP_TEMPLATES } : {}),
  };
}
