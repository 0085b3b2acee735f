/**
 * Twilio fetches the MediaUrl of an outbound MMS / WhatsApp message itself, from the public
 * URL it was given (the desk's signed link). The emulator does the same, once per URL, and
 * checks what Twilio would refuse [R twilio.com/docs/messaging/guides/accepted-mime-types,
 * errors 11200 / 12300 / 30019 / 63019]:
 * - the fetch answers 200 (else 11200, HTTP retrieval failure);
 * - MMS: at most 10 media and 5 MB in total (30019); a content type Twilio accepts (12300);
 * - WhatsApp: one medium per message; JPEG/PNG images ≤5 MB, audio/video/documents ≤16 MB (63019).
 */
const MB = 1024 * 1024;

export interface FetchedMedia {
  url: string;
  status: number;
  contentType: string;
  bytes: Buffer;
}

const MMS_TYPES =
  /^(image\/(jpeg|png|gif)|audio\/|video\/|application\/pdf|text\/(vcard|x-vcard|calendar|plain))/;
const WA_IMAGE = /^image\/(jpeg|png)$/;
const WA_OTHER = /^(audio\/|video\/(mp4|3gpp)|application\/|text\/plain)/;

export async function fetchMedia(
  urls: readonly string[],
  whatsapp: boolean,
): Promise<{ media: FetchedMedia[]; problems: { code: number; message: string }[] }> {
  const media: FetchedMedia[] = [];
  const problems: { code: number; message: string }[] = [];
  if (whatsapp && urls.length > 1) problems.push({ code: 63019, message: 'WhatsApp: one media per message' });
  if (!whatsapp && urls.length > 10) problems.push({ code: 30019, message: 'MMS: at most 10 media' });
  for (const url of urls) {
    const res = await fetch(url).catch(() => undefined);
    const bytes = res ? Buffer.from(await res.arrayBuffer()) : Buffer.alloc(0);
    const contentType = (res?.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    media.push({ url, status: res?.status ?? 0, contentType, bytes });
    if (res?.status !== 200) {
      problems.push({ code: 11200, message: `HTTP retrieval failure: ${res?.status ?? 'no answer'}` });
      continue;
    }
    if (whatsapp) {
      const max = WA_IMAGE.test(contentType) ? 5 * MB : WA_OTHER.test(contentType) ? 16 * MB : 0;
      if (!max) problems.push({ code: 12300, message: `WhatsApp: unsupported content type ${contentType}` });
      else if (bytes.length > max)
        problems.push({ code: 63019, message: 'WhatsApp: media over the size limit' });
    } else if (!MMS_TYPES.test(contentType)) {
      problems.push({ code: 12300, message: `MMS: unsupported content type ${contentType}` });
    }
  }
  const total = media.reduce((n, m) => n + m.bytes.length, 0);
  if (!whatsapp && total > 5 * MB) problems.push({ code: 30019, message: 'MMS: media over 5 MB in total' });
  return { media, problems };
}
