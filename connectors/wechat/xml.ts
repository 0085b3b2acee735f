/**
 * WeChat's push bodies are one flat `<xml>` element of simple fields, each text or CDATA.
 * This reads exactly that and nothing more: no DOCTYPE, no entities beyond the five
 * predefined ones, no attributes, so an XML bomb or external entity has nothing to expand.
 */
const MAX_XML_BYTES = 256 * 1024;
const FIELD = /<([A-Za-z_][\w.-]*)>((?:<!\[CDATA\[[\s\S]*?\]\]>)+)?([^<]*)<\/\1>/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&apos;': "'",
};

/** The fields of a flat `<xml>…</xml>` document, or undefined when it is not one. */
export function parseFlatXml(text: string): Record<string, string> | undefined {
  if (text.length > MAX_XML_BYTES || /<!DOCTYPE|<!ENTITY/i.test(text)) return undefined;
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(text);
  if (!root) return undefined;
  const fields: Record<string, string> = {};
  for (const match of (root[1] ?? '').matchAll(FIELD)) {
    const name = match[1] as string;
    if (name in fields) continue;
    const cdata = match[2] ? [...match[2].matchAll(CDATA)].map((c) => c[1] ?? '').join('') : '';
    const text = (match[3] ?? '').replace(/&(?:lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e] ?? e);
    fields[name] = match[2] ? cdata + text.trim() : text;
  }
  return fields;
}

/** A flat `<xml>` document (the emulator's pushes, an encrypted envelope). */
export function buildFlatXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([name, value]) =>
      typeof value === 'number'
        ? `<${name}>${value}</${name}>`
        : `<${name}><![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${name}>`,
    )
    .join('');
  return `<xml>${body}</xml>`;
}
