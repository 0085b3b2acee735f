/**
 * A Send API attachment by URL (`message.attachment: {type, payload: {url}}`): Meta downloads
 * the file itself. The emulator does too, and refuses what Meta would [R developers.facebook.com
 * messenger-platform/send-messages#file-attachments, instagram messaging]: Messenger 25 MB for
 * any type; Instagram images (JPEG/PNG) ≤8 MB, audio/video ≤25 MB, and no other files.
 */
const MB = 1024 * 1024;
const TYPES = new Set(['image', 'audio', 'video', 'file']);

export interface FetchedAttachment {
  type: string;
  url: string;
  contentType: string;
  bytes: Buffer;
}

export async function fetchAttachment(
  instagram: boolean,
  attachment: unknown,
): Promise<{ ok: true; fetched: FetchedAttachment } | { ok: false; message: string }> {
  const a = attachment as { type?: unknown; payload?: { url?: unknown } } | undefined;
  const type = String(a?.type ?? '');
  const url = a?.payload?.url;
  if (!TYPES.has(type)) return { ok: false, message: `(#100) attachment type ${type} is not supported` };
  if (typeof url !== 'string' || !/^https?:\/\//.test(url))
    return { ok: false, message: '(#100) attachment payload url is required' };
  const res = await fetch(url).catch(() => undefined);
  if (!res || res.status !== 200)
    return { ok: false, message: `(#100) could not download the attachment (${res?.status ?? 'no answer'})` };
  const bytes = Buffer.from(await res.arrayBuffer());
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const max = instagram
    ? /^image\/(jpeg|png)$/.test(contentType)
      ? 8 * MB
      : /^(audio|video)\//.test(contentType)
        ? 25 * MB
        : 0
    : 25 * MB;
  if (!max) return { ok: false, message: `(#100) Instagram does not take ${contentType} attachments` };
  if (bytes.length > max) return { ok: false, message: `(#100) attachment is over ${max / MB} MB` };
  return { ok: true, fetched: { type, url, contentType, bytes } };
}
