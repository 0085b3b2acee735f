/**
 * Twilio's published limits (PLATFORMS.md §2, §7.15–22), counted independently of the
 * connector's own code so a bug there is not mirrored here.
 */
export const MAX_BODY = 1600;
export const MAX_TEMPLATE_BODY = 1024;
export const MAX_TWIML = 4000;
export const WHATSAPP_WINDOW_MS = 24 * 3_600_000;
export const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;
export const E164 = /^\+[1-9]\d{6,14}$/;

// GSM 03.38 basic set, and the extension set whose characters take two septets.
const GSM_BASIC = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]$/u;
const GSM_EXT = /^[\f^{}\\[~\]|€]$/u;

export function segmentsOf(body: string): { encoding: 'GSM-7' | 'UCS-2'; segments: number } {
  let septets = 0;
  let gsm = true;
  for (const ch of body) {
    if (GSM_BASIC.test(ch)) septets += 1;
    else if (GSM_EXT.test(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'GSM-7', segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = body.length; // UTF-16 code units
  return { encoding: 'UCS-2', segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
