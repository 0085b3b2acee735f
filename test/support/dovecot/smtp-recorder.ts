/**
 * An SMTP server on loopback (smtp-server) that records every mail it accepts and checks
 * what a mail client needs to thread a reply: a Message-ID, a Date, a From, well-formed
 * In-Reply-To / References (RFC 5322 §3.6.4, PLATFORMS.md §7.40), a "Re: " subject on replies,
 * and lines within 998 octets. A mail that fails a check is refused with 554,
 * so a test sees the problem as a rejected send, not as silence.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface RecordedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
  auth?: string;
  /** The SASL mechanism the session signed in with (PLAIN, LOGIN, XOAUTH2). */
  authMethod?: string;
}

export interface XOAuth2Check {
  /** RFC 7662 endpoint (test/support/oauth-fake.ts) that says which bearer tokens are live. */
  introspectionUrl: string;
  /**
   * How a dead token is refused: `gmail` answers 334 with a JSON error first (nodemailer then
   * asks for a renewed token itself); `microsoft` answers 535 5.7.3 at once.
   */
  style?: 'gmail' | 'microsoft';
}

export interface SmtpRecorderOptions {
  /** Also offer AUTH XOAUTH2 and check its tokens; PLAIN and LOGIN keep working. */
  xoauth2?: XOAuth2Check;
}

export interface SmtpRecorder {
  port: number;
  mails: RecordedMail[];
  /** Problems found in mails (each also refused). */
  problems: string[];
  /** XOAUTH2 logins accepted and refused. */
  xoauth2: { accepted: number; refused: number };
  /** Refuses the next `count` mails with this SMTP reply code. */
  failNext(code: number, count?: number): void;
  /** A slow server: records each mail at once but answers DATA this many ms later. */
  slowAnswers(ms: number): void;
  /** Resolves once `count` mails were recorded. */
  waitFor(count: number, timeoutMs?: number): Promise<RecordedMail[]>;
  stop(): Promise<void>;
}

const MSG_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;

export function checkMail(raw: string, parsed: ParsedMail): string[] {
  const problems: string[] = [];
  const head = raw.slice(0, Math.max(0, raw.search(/\r?\n\r?\n/)));
  if (!parsed.messageId || !MSG_ID.test(parsed.messageId)) problems.push('Message-ID missing or malformed');
  if (!/^Date:/im.test(head)) problems.push('Date header missing');
  if (!parsed.from?.value[0]?.address) problems.push('From missing');
  const inReplyTo = /^In-Reply-To:\s*(.*)$/im.exec(head)?.[1]?.trim();
  if (inReplyTo !== undefined && !MSG_ID.test(inReplyTo)) problems.push('In-Reply-To is not one message id');
  const references = /^References:\s*((?:.*)(?:\r?\n[ \t].*)*)/im.exec(head)?.[1];
  if (references !== undefined) {
    const ids = references.trim().split(/\s+/);
    if (!ids.every((id) => MSG_ID.test(id)))
      problems.push('References holds something other than message ids');
    if (inReplyTo && ids.at(-1) !== inReplyTo) problems.push('References does not end with In-Reply-To');
  }
  if (/^Subject:/im.test(head) === false) problems.push('Subject missing');
  if (inReplyTo && !/^Re: /.test(parsed.subject ?? '')) problems.push('a reply without a "Re: " subject');
  // RFC 5322 §2.1.1: no line longer than 998 octets.
  if (raw.split(/\r?\n/).some((line) => Buffer.byteLength(line) > 998)) problems.push('line over 998 octets');
  return problems;
}

/** `host` defaults to loopback; tests of the STARTTLS rule bind another local address. */
export async function startSmtpRecorder(
  host = '127.0.0.1',
  options: SmtpRecorderOptions = {},
): Promise<SmtpRecorder> {
  const mails: RecordedMail[] = [];
  const xoauth2 = { accepted: 0, refused: 0 };
  const methods = new Map<string, string>();
  const problems: string[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let failCode = 0;
  let failCount = 0;
  let answerDelayMs = 0;

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    ...(options.xoauth2 ? { authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'] } : {}),
    onAuth(auth, session, callback) {
      methods.set(session.id, auth.method);
      const check = options.xoauth2;
      if (auth.method !== 'XOAUTH2' || !check) {
        callback(null, { user: auth.username ?? 'anonymous' });
        return;
      }
      void introspect(check.introspectionUrl, auth.accessToken ?? '').then((owner) => {
        if (owner && owner === auth.username) {
          xoauth2.accepted++;
          callback(null, { user: owner });
          return;
        }
        xoauth2.refused++;
        if (check.style === 'microsoft') {
          callback(Object.assign(new Error('5.7.3 Authentication unsuccessful'), { responseCode: 535 }));
          return;
        }
        callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } });
      }, callback);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failCount > 0) {
          failCount--;
          const err = Object.assign(new Error(`refused by test (${failCode})`), { responseCode: failCode });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const found = checkMail(raw.toString('utf8'), parsed);
            if (found.length) {
              problems.push(...found);
              callback(Object.assign(new Error(found.join('; ')), { responseCode: 554 }));
              return;
            }
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
            mails.push({
              envelope: { from, to: session.envelope.rcptTo.map((r) => r.address) },
              raw,
              parsed,
              ...(typeof session.user === 'string' ? { auth: session.user } : {}),
              ...(methods.has(session.id) ? { authMethod: methods.get(session.id) } : {}),
            });
            for (const w of waiters.filter((w) => mails.length >= w.count)) w.resolve();
            if (answerDelayMs > 0) setTimeout(() => callback(), answerDelayMs);
            else callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();

  return {
    port: address.port,
    mails,
    problems,
    xoauth2,
    slowAnswers(ms) {
      answerDelayMs = ms;
    },
    failNext(code, count = 1) {
      failCode = code;
      failCount = count;
    },
    waitFor(count, timeoutMs = 10_000) {
      if (mails.length >= count) return Promise.resolve(mails.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${mails.length} of ${count} mails arrived`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(mails.slice());
          },
        });
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Asks the introspection endpoint whose token this is; undefined when it is not live. */
async function introspect(url: string, token: string): Promise<string | undefined> {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams({ token }) });
  const body = (await response.json()) as { active?: boolean; username?: string };
  return body.active === true ? body.username : undefined;
}
