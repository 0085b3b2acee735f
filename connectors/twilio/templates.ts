/**
 * The WhatsApp templates the desk may send beyond the 24-hour window: the account's
 * WhatsApp-approved Content API templates (GET content.twilio.com/v1/ContentAndApprovals,
 * through the same REST client, so TWILIO_API_BASE_URL aims it at a proxy or the emulator),
 * cached for ten minutes; or a configured list (TWILIO_WHATSAPP_TEMPLATES: JSON, or a JSON
 * file in DATA_DIR) for accounts without Content API access.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { MessageTemplate } from '../../src/core/message-templates.js';
import type { Clock, Logger } from '../../src/core/ports.js';
import type { TwilioClient } from './client.js';

export const TEMPLATE_CACHE_MS = 10 * 60 * 1000;
/** An account without Content API access: every card render must not ask again. */
const FAILURE_CACHE_MS = 60 * 1000;

/** One entry of TWILIO_WHATSAPP_TEMPLATES (Twilio's own field names, so an API export fits). */
interface ConfiguredTemplate {
  sid?: unknown;
  name?: unknown;
  friendly_name?: unknown;
  language?: unknown;
  body?: unknown;
  variables?: unknown;
  status?: unknown;
}

const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/;

/** TWILIO_WHATSAPP_TEMPLATES: inline JSON (starts with `[`) or a file, relative to DATA_DIR. */
export function parseConfiguredTemplates(value: string, dataDir: string): MessageTemplate[] {
  const trimmed = value.trim();
  let raw: string;
  if (trimmed.startsWith('[')) raw = trimmed;
  else {
    const path = isAbsolute(trimmed) ? trimmed : join(dataDir, trimmed);
    try {
      raw = readFileSync(path, 'utf8');
    } catch {
      throw new Error('TWILIO_WHATSAPP_TEMPLATES: not JSON and no such file in DATA_DIR');
    }
  }
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw new Error('TWILIO_WHATSAPP_TEMPLATES: invalid JSON');
  }
  if (!Array.isArray(list)) throw new Error('TWILIO_WHATSAPP_TEMPLATES: expected a JSON array');
  return (list as ConfiguredTemplate[])
    .filter((t) => t.status === undefined || t.status === 'approved')
    .map((t, i) => {
      const sid = typeof t.sid === 'string' ? t.sid : '';
      if (!CONTENT_SID.test(sid))
        throw new Error(`TWILIO_WHATSAPP_TEMPLATES: entry ${i + 1} needs a content sid (HX + 32 hex digits)`);
      const name =
        typeof t.name === 'string' ? t.name : typeof t.friendly_name === 'string' ? t.friendly_name : sid;
      return {
        sid,
        name,
        language: typeof t.language === 'string' ? t.language : 'en',
        body: typeof t.body === 'string' ? t.body : '',
        variables: variablesOf(t.variables, typeof t.body === 'string' ? t.body : ''),
      };
    });
}

/** Twilio's `variables` ({"1": "sample"}), else the placeholders of the body, in number order. */
function variablesOf(variables: unknown, body: string): MessageTemplate['variables'] {
  const samples: Record<string, string> = {};
  if (variables && typeof variables === 'object')
    for (const [k, v] of Object.entries(variables as Record<string, unknown>)) samples[k] = String(v ?? '');
  for (const m of body.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)) samples[m[1] as string] ??= '';
  return Object.keys(samples)
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
    .map((key) => ({ key, sample: samples[key] ?? '' }));
}

interface ContentItem {
  sid: string;
  friendlyName: string;
  language: string;
  variables: Record<string, unknown> | null;
  types: Record<string, { body?: string }> | null;
  approvalRequests: { status?: string } | null;
}

export class TemplateCatalog {
  private cached: { at: number; list: MessageTemplate[]; failed?: boolean } | undefined;
  private loading: Promise<MessageTemplate[]> | undefined;

  constructor(
    private readonly deps: {
      client: TwilioClient;
      clock: Clock;
      logger: Logger;
      configured?: MessageTemplate[];
      cacheMs?: number;
    },
  ) {}

  async list(): Promise<MessageTemplate[]> {
    if (this.deps.configured) return this.deps.configured;
    const now = this.deps.clock.now().getTime();
    const ttl = this.cached?.failed ? FAILURE_CACHE_MS : (this.deps.cacheMs ?? TEMPLATE_CACHE_MS);
    if (this.cached && now - this.cached.at < ttl) return this.cached.list;
    // Cards of many drafts render at once: one listing for all of them.
    this.loading ??= this.fetch().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async fetch(): Promise<MessageTemplate[]> {
    let items: ContentItem[];
    try {
      items = (await this.deps.client.content.v1.contentAndApprovals.list({
        pageSize: 100,
        limit: 1000,
      })) as unknown as ContentItem[];
    } catch (err) {
      const e = err as { status?: number; code?: number };
      this.deps.logger.warn({ status: e.status, code: e.code }, 'twilio content api listing failed');
      this.cached = { at: this.deps.clock.now().getTime(), list: [], failed: true };
      return [];
    }
    // Only what WhatsApp approved can go out beyond the window.
    const list = items
      .filter((c) => c.approvalRequests?.status === 'approved')
      .map((c) => {
        const types = c.types ?? {};
        const body = types['twilio/text']?.body ?? Object.values(types).find((t) => t?.body)?.body ?? '';
        return {
          sid: c.sid,
          name: c.friendlyName,
          language: c.language,
          body,
          variables: variablesOf(c.variables, body),
        };
      });
    this.cached = { at: this.deps.clock.now().getTime(), list };
    this.deps.logger.info({ templates: list.length }, 'twilio whatsapp templates listed');
    return list;
  }
}
