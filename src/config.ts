/**
 * Environment (and an optional `.env` file) → typed, validated Config.
 * Nothing else in the project reads process.env. Errors name the variable and what it
 * expects, and never echo a secret's value.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { limitsEnv } from './config-limits.js';
import { DEFAULT_BUSINESS_HOURS, parseHolidays, parseWeeklyHours } from './core/attention/hours.js';
import { DEFAULT_REPLY_DUE, parseDuration, parseReplyDue } from './core/attention/durations.js';
import { AUTO_ACK_MODES } from './core/attention/settings.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url({ error: 'expected an absolute URL such as https://example.com/' }).optional())
  .optional();
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: 'expected true or false' })
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['true', '1', 'yes'].includes(v)));
const port = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole number')
    .min(0, 'expected a port from 0 to 65535')
    .max(65535, 'expected a port from 0 to 65535')
    .default(fallback);
const idList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
const e164 = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(
    z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'expected a phone number in E.164 form, e.g. +15551234567')
      .optional(),
  )
  .optional();

/** A text the given parser accepts; its error message is the variable's error. */
const parsedText = (fallback: string, parse: (v: string) => { ok: true } | { ok: false; error: string }) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : fallback))
    .superRefine((v, ctx) => {
      const parsed = parse(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
    });

const schema = z.object({
  PORT: port(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: optionalUrl,
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  TZ: z
    .string()
    .optional()
    .refine(
      (tz) => tz === undefined || tz === '' || isTimeZone(tz),
      'expected an IANA time zone such as Asia/Shanghai',
    ),
  APP_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  MONGODB_URI: optionalString.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// or mongodb+srv:// URI')
      .optional(),
  ),
  OWNER_LANGUAGE: z.enum(['en', 'zh'], { error: 'expected en or zh' }).default('en'),
  /** Hours without a message after which a new message starts a new conversation. */
  CONVERSATION_IDLE_HOURS: z.coerce.number({ error: 'expected a number of hours' }).positive().default(72),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number({ error: 'expected a whole number' }).int().min(1).default(8),
  OUTBOX_LEASE_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(100).default(30_000),
  /** Attachment bytes kept per inbound message; the rest are listed as too large. Default 10 MiB. */
  INBOUND_ATTACHMENTS_MAX_BYTES: z.coerce
    .number({ error: 'expected a number of bytes' })
    .int()
    .min(0)
    .default(10 * 1024 * 1024),
  /** An inbound item that fails to store the same way this many times is set aside. */
  INTAKE_MAX_ATTEMPTS: z.coerce.number({ error: 'expected a whole number' }).int().min(1).default(3),
  /** Message bodies and files older than this many days are erased daily; unset or 0: kept. */
  RETENTION_DAYS: z.coerce.number({ error: 'expected a number of days' }).int().min(0).default(0),
  /** `terminal` forces the terminal console; `none` disables it. Default: auto. */
  TERMINAL_CONSOLE: z.enum(['auto', 'on', 'off'], { error: 'expected auto, on or off' }).default('auto'),
  /** Classify and draft on a worker thread; `auto` does when the machine has more than one core. */
  NLP_THREAD: z.enum(['auto', 'on', 'off'], { error: 'expected auto, on or off' }).default('auto'),
  /**
   * Most NLP worker threads: with 2, a second starts while requests queue up and stops when idle.
   * Default 1: on the shared 2-core machine the second cost ~60 MiB and was no faster (README).
   */
  NLP_WORKERS_MAX: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ error: 'expected a whole number from 1 to 8' })
      .int('expected a whole number from 1 to 8')
      .min(1, 'expected a whole number from 1 to 8')
      .max(8, 'expected a whole number from 1 to 8')
      .default(1),
  ),
  /** Print the process's memory after each start-up stage (stderr), the NLP worker's too. */
  MEMORY_REPORT: bool(false),

  // Attention: business hours, acknowledgements, due times, reminders, digest
  BUSINESS_HOURS: parsedText(DEFAULT_BUSINESS_HOURS, parseWeeklyHours),
  HOLIDAYS: z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? '')
    .superRefine((v, ctx) => {
      const parsed = parseHolidays(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
    }),
  AUTO_ACK: z.enum(AUTO_ACK_MODES, { error: 'expected off, outside-hours or always' }).default('off'),
  AUTO_ACK_EVERY: parsedText('12h', parseDuration),
  /** Acknowledgement texts; `{when}` and `{zone}` are filled in. Default: built-in en/zh texts. */
  AUTO_ACK_TEXT_EN: optionalString,
  AUTO_ACK_TEXT_ZH: optionalString,
  REPLY_DUE: parsedText(DEFAULT_REPLY_DUE, parseReplyDue),
  REMIND_AGAIN: parsedText('4h', parseDuration),
  /** Unchanged sends a remembered answer needs before it may send itself (0: autopilot off). */
  AUTOPILOT_MIN_APPROVALS: z.coerce.number({ error: 'expected a whole number' }).int().min(0).default(5),
  /** How long an automatic reply waits in the thread (Cancel / Edit) before it is sent. */
  AUTOPILOT_DELAY: parsedText('2m', parseDuration),
  /** How long a file the owner sent stays downloadable (its signed link) and kept; then deleted. */
  FILE_LINK_TTL: parsedText('7d', parseDuration),
  DIGEST_AT: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toLowerCase() : '08:30'))
    .pipe(z.string().regex(/^(off|([01]?\d|2[0-3]):[0-5]\d)$/, 'expected a time such as 08:30, or off')),

  // Website chat
  WEBCHAT_ORIGINS: idList,
  // Limits of the public doors (chat intake, /query, /health): see config-limits.ts
  ...limitsEnv,

  // Slack
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_CHANNEL_ID: optionalString,
  SLACK_OWNER_IDS: idList,
  SLACK_API_URL: optionalUrl,

  // Email
  IMAP_HOST: optionalString,
  IMAP_PORT: port(993),
  IMAP_SECURE: bool(true),
  IMAP_USER: optionalString,
  IMAP_PASS: optionalString,
  IMAP_MAILBOX: z.string().default('INBOX'),
  IMAP_MARK_SEEN: bool(true),
  IMAP_SENT_MAILBOX: optionalString,
  SMTP_HOST: optionalString,
  SMTP_PORT: port(465),
  SMTP_SECURE: bool(true),
  SMTP_USER: optionalString,
  SMTP_PASS: optionalString,
  EMAIL_FROM: optionalString,
  EMAIL_AUTHSERV_ID: optionalString,
  EMAIL_OAUTH_PROVIDER: optionalString.pipe(
    z.enum(['google', 'microsoft'], { error: 'expected google or microsoft' }).optional(),
  ),
  EMAIL_OAUTH_CLIENT_ID: optionalString,
  EMAIL_OAUTH_CLIENT_SECRET: optionalString,
  EMAIL_OAUTH_REFRESH_TOKEN: optionalString,
  EMAIL_OAUTH_TENANT: optionalString,
  EMAIL_OAUTH_TOKEN_URL: optionalUrl,

  // Twilio
  TWILIO_ACCOUNT_SID: optionalString.pipe(
    z
      .string()
      .regex(/^AC[0-9a-f]{32}$/, 'expected AC followed by 32 hex digits')
      .optional(),
  ),
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_PHONE_NUMBER: e164,
  TWILIO_WHATSAPP_NUMBER: e164,
  OWNER_PHONE_NUMBER: e164,
  TWILIO_API_BASE_URL: optionalUrl,
  /** WhatsApp templates without Content API access: a JSON array, or a JSON file in DATA_DIR. */
  TWILIO_WHATSAPP_TEMPLATES: optionalString,

  // Meta (Messenger, Instagram)
  META_VERIFY_TOKEN: optionalString,
  META_APP_SECRET: optionalString,
  META_PAGE_TOKEN: optionalString,
  META_INSTAGRAM_ID: optionalString,
  META_GRAPH_URL: optionalUrl,

  // Telegram
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'expected 1–256 characters of A–Z, a–z, 0–9, _ and -')
      .optional(),
  ),
  TELEGRAM_API_URL: optionalUrl,

  // WeChat Official Account (developer server: GET/POST /wechat)
  WECHAT_APP_ID: optionalString,
  WECHAT_APP_SECRET: optionalString,
  WECHAT_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9]{3,32}$/, 'expected 3–32 letters and digits (the Token set in the WeChat console)')
      .optional(),
  ),
  WECHAT_ENCODING_AES_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, 'expected the 43-character EncodingAESKey from the WeChat console')
      .optional(),
  ),
  WECHAT_API_URL: optionalUrl,
  WECHAT_GREETING: optionalString,

  // Discord
  DISCORD_BOT_TOKEN: optionalString,
  DISCORD_GUILD_ID: optionalString,
  DISCORD_FORUM_CHANNEL_ID: optionalString,
  DISCORD_OWNER_IDS: idList,
  DISCORD_OWNER_ROLE_ID: optionalString,
  DISCORD_API_URL: optionalUrl,
});

type Env = z.infer<typeof schema>;

export interface Config extends Omit<Env, 'PUBLIC_URL' | 'APP_SECRET' | 'TZ'> {
  PUBLIC_URL: string;
  APP_SECRET: string;
  TZ: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parses a `.env` file: KEY=VALUE lines, optional quotes, # comments. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2] ?? '';
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] ?? '';
    else value = value.replace(/\s+#.*$/, '');
    out[match[1] as string] = value;
  }
  return out;
}

/**
 * Builds the Config. The process environment wins over `.env`. When APP_SECRET is not
 * set, one is generated and kept in DATA_DIR so tokens survive restarts.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: { dotEnvPath?: string } = {},
): Config {
  const dotEnvPath = options.dotEnvPath ?? '.env';
  const fileEnv = existsSync(dotEnvPath) ? parseDotEnv(readFileSync(dotEnvPath, 'utf8')) : {};
  const merged = { ...fileEnv, ...env };
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const value = parsed.data;
  const dataDir = resolve(value.DATA_DIR);
  return {
    ...value,
    DATA_DIR: dataDir,
    PUBLIC_URL: (value.PUBLIC_URL ?? `http://localhost:${value.PORT}`).replace(/\/+$/, ''),
    APP_SECRET: value.APP_SECRET ?? persistedSecret(dataDir),
    TZ: value.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

function persistedSecret(dataDir: string): string {
  const file = join(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Names of config keys whose values must never be logged. */
export const SECRET_KEYS = [
  'APP_SECRET',
  'MONGODB_URI',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'IMAP_PASS',
  'SMTP_PASS',
  'EMAIL_OAUTH_CLIENT_SECRET',
  'EMAIL_OAUTH_REFRESH_TOKEN',
  'TWILIO_AUTH_TOKEN',
  'META_VERIFY_TOKEN',
  'META_APP_SECRET',
  'META_PAGE_TOKEN',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'WECHAT_APP_SECRET',
  'WECHAT_TOKEN',
  'WECHAT_ENCODING_AES_KEY',
  'DISCORD_BOT_TOKEN',
  'HEALTH_TOKEN',
] as const;
