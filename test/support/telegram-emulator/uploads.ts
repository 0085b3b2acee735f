/**
 * Files a bot uploads (sendPhoto / sendDocument as multipart/form-data), checked against the
 * Bot API's limits [R core.telegram.org/bots/api#sending-files]: photos ≤10 MB (and a photo must
 * be an image), other files ≤50 MB; the file field must be there and named as the method wants.
 */
const MB = 1024 * 1024;

/** Where a multipart request's file rides in the params (never a JSON key). */
export const UPLOAD = '\u0000upload';

export interface UploadedFile {
  chatId: string;
  method: 'sendPhoto' | 'sendDocument';
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** The multipart form's fields, and its one file (if any). */
export async function parseMultipart(
  contentType: string,
  raw: Buffer,
): Promise<{
  fields: Record<string, string>;
  file?: { field: string; name: string; type: string; bytes: Buffer };
}> {
  const form = await new Request('http://emulator/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(raw),
  }).formData();
  const fields: Record<string, string> = {};
  let file: { field: string; name: string; type: string; bytes: Buffer } | undefined;
  const entries: [string, FormDataEntryValue][] = [];
  form.forEach((value, key) => entries.push([key, value]));
  for (const [key, value] of entries) {
    if (typeof value === 'string') fields[key] = value;
    else
      file = {
        field: key,
        name: value.name,
        type: value.type,
        bytes: Buffer.from(await value.arrayBuffer()),
      };
  }
  return { fields, ...(file ? { file } : {}) };
}

/** What Telegram would refuse about an upload, or undefined. */
export function uploadProblem(
  method: 'sendPhoto' | 'sendDocument',
  file: { field: string; name: string; type: string; bytes: Buffer } | undefined,
): string | undefined {
  const field = method === 'sendPhoto' ? 'photo' : 'document';
  if (!file || file.field !== field) return `there is no ${field} in the request`;
  if (method === 'sendPhoto') {
    if (!file.type.startsWith('image/')) return 'PHOTO_INVALID_DIMENSIONS: not an image';
    if (file.bytes.length > 10 * MB) return 'photo is too big (over 10 MB)';
  } else if (file.bytes.length > 50 * MB) return 'Request Entity Too Large (file over 50 MB)';
  return undefined;
}
