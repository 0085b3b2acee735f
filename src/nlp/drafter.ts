/**
 * The Drafter port: a reply in the customer's language, from the owner's knowledge base when
 * it answers the message well, else from the intent's template; shaped for the channel
 * (email: greeting and sign-off; SMS: ≤ 2 segments where possible; chat and social: short).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Channel, ContactChannel } from '../core/model.js';
import type { DraftInput, DraftOutput, Drafter } from '../core/ports.js';
import { KnowledgeBase, loadKnowledge } from './knowledge.js';
import { smsSegments, toGsmFriendly } from './sms.js';
import { toTraditional } from './script.js';
import { templateFor, type Body } from './templates.js';

export const SAMPLE_KNOWLEDGE_DIR = fileURLToPath(new URL('./knowledge-sample/', import.meta.url));

export interface DrafterOptions {
  /** The owner's knowledge base (DATA_DIR/knowledge); the sample set is copied there when missing. */
  knowledgeDir?: string;
  /** Minimum BM25 match quality (0..1) for a knowledge-base answer to beat the template. */
  kbThreshold?: number;
}

const CHANNEL_SENTENCE: Record<ContactChannel, { en: string; zh: string }> = {
  email: { en: 'We have replied to you by email.', zh: '我们已发送电子邮件回复给您。' },
  phone: { en: 'We will call you back shortly.', zh: '我们会尽快给您回电话。' },
  sms: { en: 'We have replied to you by text message.', zh: '我们已通过短信回复您。' },
  social: { en: 'We have replied to you by direct message.', zh: '我们已通过私信回复您。' },
  chat: { en: 'We are replying to you here in the chat.', zh: '我们正在聊天窗口中回复您。' },
};

type Style = 'email' | 'sms' | 'chat';
const STYLE: Record<Channel, Style> = {
  email: 'email',
  sms: 'sms',
  phone: 'sms',
  whatsapp: 'chat',
  messenger: 'chat',
  instagram: 'chat',
  telegram: 'chat',
  discord: 'chat',
  webchat: 'chat',
  wechat: 'chat',
};

export class NlpDrafter implements Drafter {
  private kb: KnowledgeBase = new KnowledgeBase([]);
  private kbStamp = '';
  private kbCheckedAt = 0;
  private readonly threshold: number;

  constructor(private readonly options: DrafterOptions = {}) {
    this.threshold = options.kbThreshold ?? 0.5;
    const dir = options.knowledgeDir;
    if (dir && !existsSync(dir)) {
      // First run: give the owner the sample set to edit. A read-only DATA_DIR must not stop
      // the desk: drafting then works from the templates alone.
      try {
        mkdirSync(dir, { recursive: true });
        cpSync(SAMPLE_KNOWLEDGE_DIR, dir, { recursive: true });
      } catch {
        /* no knowledge base */
      }
    }
    this.refresh(true);
  }

  /** Reloads the knowledge base when a file changed (checked at most every 2 s). */
  private refresh(force = false): void {
    const dir = this.options.knowledgeDir ?? SAMPLE_KNOWLEDGE_DIR;
    const now = Date.now();
    if (!force && now - this.kbCheckedAt < 2000) return;
    this.kbCheckedAt = now;
    let stamp = '';
    try {
      for (const f of readdirSync(dir).sort()) stamp += `${f}:${statSync(join(dir, f)).mtimeMs};`;
    } catch {
      stamp = 'missing';
    }
    if (stamp === this.kbStamp) return;
    this.kbStamp = stamp;
    this.kb = new KnowledgeBase(loadKnowledge(dir));
  }

  get knowledge(): KnowledgeBase {
    this.refresh();
    return this.kb;
  }

  draft(input: DraftInput): DraftOutput {
    const c = input.classification;
    const language = c.language === 'zh' ? 'zh' : 'en';
    const order = c.entities.orderNumbers[0];
    let body: Body;
    let source: string;
    const match = this.knowledge.search(input.text, language, c.intent);
    if (match && match.quality >= this.threshold) {
      const answer = match.entry.answers[language] ?? '';
      body = { long: answer, short: answer, variant: match.entry.id };
      source = `kb:${match.entry.id}`;
    } else {
      body = templateFor(
        language,
        c.intent,
      )({ text: input.text, classification: c, ...(order ? { order } : {}) });
      source = `template:${c.intent}:${body.variant}`;
    }
    const text = shape(body, STYLE[input.channel], language, input.customerName);
    // Hong Kong and Taiwan customers write Traditional characters and read them back.
    if (language === 'zh' && c.script === 'Hant')
      return { text: toTraditional(text), language: 'zh-Hant', source };
    return { text, language, source };
  }

  /** `language` may carry a script (`zh-Hant`, also `zh-TW`, `zh-HK`): Traditional then. */
  channelMessage(channel: ContactChannel, language: string): string {
    const zh = language === 'zh' || language.startsWith('zh-');
    const sentence = CHANNEL_SENTENCE[channel][zh ? 'zh' : 'en'];
    return zh && /^zh-(?:hant|tw|hk|mo)/i.test(language) ? toTraditional(sentence) : sentence;
  }
}

function firstName(name: string | undefined, language: string): string | undefined {
  const n = name?.trim();
  if (!n || /[@+\d]/.test(n)) return undefined; // an address or number is not a name
  return language === 'zh' ? n : n.split(/\s+/)[0];
}

function shape(body: Body, style: Style, language: string, customerName?: string): string {
  const zh = language === 'zh';
  const name = firstName(customerName, language);
  if (style === 'email') {
    const greeting = zh ? `${name ?? ''}您好：` : `Hi ${name ?? 'there'},`;
    const signOff = zh ? '祝好！' : 'Best regards';
    return `${greeting}\n\n${body.long}\n\n${signOff}`;
  }
  if (style === 'sms') {
    const fit = (s: string) => smsSegments(s) <= 2;
    const candidates = [greet(body.long, name, zh), greet(body.short, name, zh), body.short].map((s) =>
      zh ? s : toGsmFriendly(s),
    );
    return candidates.find(fit) ?? candidates[candidates.length - 1] ?? body.short;
  }
  return greet(body.short, name, zh);
}

function greet(text: string, name: string | undefined, zh: boolean): string {
  if (!name) return text;
  return zh ? `${name}您好，${text}` : `Hi ${name}! ${text}`;
}

export function createDrafter(options: DrafterOptions = {}): NlpDrafter {
  return new NlpDrafter(options);
}
