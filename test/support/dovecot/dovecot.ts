/**
 * Starts a throwaway Dovecot (Debian's dovecot-imapd) on a loopback port: its own config,
 * state and maildirs in a temp dir, one passwd-file user, no TLS. Run as root, the mail is
 * owned by `nobody`; run as another user, everything runs as that user.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

const DOVECOT = '/usr/sbin/dovecot';
const DOVEADM = '/usr/bin/doveadm';
const SPARE_USERS = 50;

export interface Dovecot {
  host: string;
  port: number;
  /** The IMAPS (TLS from the start) port, when started with `tls: true`; self-signed cert. */
  tlsPort?: number;
  user: string;
  pass: string;
  dir: string;
  /** Runs doveadm against this instance; resolves stdout, rejects on a non-zero exit. */
  doveadm(args: string[]): Promise<string>;
  /** Drops every IMAP session of the user, server side (a network drop as the client sees it). */
  kick(): Promise<void>;
  /** APPENDs a mail as another mail client would; returns its UID. */
  append(raw: Buffer | string, mailbox?: string, flags?: string[]): Promise<number>;
  /** A fresh client for inspecting the mailbox in tests; the caller logs out. */
  client(): Promise<ImapFlow>;
  /**
   * Another account on the same server (own maildir, UIDVALIDITY and sessions): much cheaper
   * than a second server. Its stop() is a no-op; stopping the server ends it.
   */
  newUser(): Dovecot;
  stop(): Promise<void>;
}

/** Why Dovecot cannot run here, or undefined when it can. */
export function dovecotMissing(): string | undefined {
  if (!existsSync(DOVECOT) || !existsSync(DOVEADM)) {
    return `Dovecot is not installed (${DOVECOT}); install the Debian packages dovecot-core and dovecot-imapd (apt-get install -y dovecot-imapd)`;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) {
      throw new Error(
        `dovecot exited with ${child.exitCode}: ${existsSync(log) ? readFileSync(log, 'utf8') : ''}`,
      );
    }
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot did not listen on ${port}: ${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
}

function mailOwner(): { uid: number; gid: number; internal: string; login: string; chroot: boolean } {
  const me = userInfo();
  if (me.uid !== 0)
    return { uid: me.uid, gid: me.gid, internal: me.username, login: me.username, chroot: false };
  const nobody = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('nobody:'))
    ?.split(':');
  return {
    uid: Number(nobody?.[2] ?? 65534),
    gid: Number(nobody?.[3] ?? 65534),
    internal: 'dovecot',
    login: 'dovenull',
    chroot: true,
  };
}

export interface DovecotOptions {
  user?: string;
  pass?: string;
  tls?: boolean;
  /**
   * Also accept XOAUTH2 (SASL) logins, checked by Dovecot's oauth2 passdb against this RFC 7662
   * token introspection endpoint (test/support/oauth-fake.ts). Password logins keep working.
   */
  oauth2?: { introspectionUrl: string };
}

export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const missing = dovecotMissing();
  if (missing) throw new Error(missing);
  const user = options.user ?? 'support@shop.example';
  const pass = options.pass ?? 'imap-test-password';
  const dir = mkdtempSync(join(tmpdir(), 'solodesk-dovecot-'));
  chmodSync(dir, 0o755);
  const owner = mailOwner();
  for (const sub of ['mail', 'home']) {
    mkdirSync(join(dir, sub));
    chownSync(join(dir, sub), owner.uid, owner.gid);
  }
  // Spare accounts for newUser(): Dovecot re-reads a changed passwd-file only when its mtime
  // moves to another second, so accounts are written up front.
  const spare = Array.from(
    { length: SPARE_USERS },
    (_, i) => `user${i + 1}@shop.example:{PLAIN}pass-${i + 1}::::::\n`,
  );
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${pass}::::::\n${spare.join('')}`);
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : 0;
  if (options.tls) {
    // A throwaway self-signed certificate (openssl comes with dovecot-core).
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr}`);
  }
  const log = join(dir, 'dovecot.log');
  const conf = join(dir, 'dovecot.conf');
  if (options.oauth2) {
    // Dovecot 2.3's oauth2 passdb (doc.dovecot.org/2.3 configuration_manual/authentication/oauth2,
    // the WSO2 example): POST token=<token>; the reply's username must match the login. Dovecot
    // 2.4 moved token checks out of the passdb and would need its oauth2 {} settings instead.
    writeFileSync(
      join(dir, 'dovecot-oauth2.conf.ext'),
      `introspection_mode = post
introspection_url = ${options.oauth2.introspectionUrl}
username_attribute = username
active_attribute = active
active_value = true
`,
    );
  }
  writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
${options.tls ? `ssl = yes\nssl_cert = <${dir}/cert.pem\nssl_key = <${dir}/key.pem` : 'ssl = no'}
disable_plaintext_auth = no
auth_mechanisms = plain login${options.oauth2 ? ' xoauth2' : ''}
auth_failure_delay = 0
default_internal_user = ${owner.internal}
default_login_user = ${owner.login}
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
${options.oauth2 ? '  mechanisms = plain login\n' : ''}}
${
  options.oauth2
    ? `passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${dir}/dovecot-oauth2.conf.ext
}
`
    : ''
}userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/home/%u
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort}
  }
  ${owner.chroot ? '' : 'chroot ='}
}
service anvil {
  ${owner.chroot ? '' : 'chroot ='}
}
protocol imap {
  mail_max_userip_connections = 100
  imap_idle_notify_interval = 1 secs
}
`,
  );
  const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitForPort(port, child, log);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }

  function doveadm(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const proc = spawn(DOVEADM, ['-c', conf, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
      proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
      proc.on('close', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`doveadm ${args.join(' ')}: ${code} ${err}`)),
      );
    });
  }

  let users = 0;
  function view(user: string, pass: string): Dovecot {
    async function client(): Promise<ImapFlow> {
      const c = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        auth: { user, pass },
        logger: false,
        disableAutoIdle: true,
        // The test's own client stays in cleartext even when the server offers STARTTLS.
        doSTARTTLS: false,
      });
      c.on('error', () => undefined);
      await c.connect();
      return c;
    }
    return {
      host: '127.0.0.1',
      port,
      ...(options.tls ? { tlsPort } : {}),
      user,
      pass,
      dir,
      doveadm,
      async kick() {
        await doveadm(['kick', user]);
      },
      async append(raw, mailbox = 'INBOX', flags = []) {
        const c = await client();
        try {
          const result = await c.append(mailbox, typeof raw === 'string' ? Buffer.from(raw) : raw, flags);
          if (!result || !result.uid) throw new Error('APPEND returned no UID');
          return result.uid;
        } finally {
          await c.logout().catch(() => c.close());
        }
      },
      client,
      newUser,
      stop: user === mainUser ? stopServer : async () => undefined,
    };
  }

  function newUser(): Dovecot {
    users += 1;
    if (users > SPARE_USERS) throw new Error(`only ${SPARE_USERS} spare Dovecot accounts`);
    return view(`user${users}@shop.example`, `pass-${users}`);
  }

  async function stopServer(): Promise<void> {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }

  const mainUser = user;
  return view(user, pass);
}

/** Synchronous check used at module load: can this machine run doveadm at all? */
export function doveadmVersion(): string | undefined {
  const result = spawnSync(DOVECOT, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}
