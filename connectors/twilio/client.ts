/**
 * The real twilio REST client, optionally aimed at another base URL (a proxy, or the local
 * emulator in tests): a RequestClient subclass swaps scheme, host and port and keeps the
 * path and query exactly as the library built them.
 */
import twilio from 'twilio';

type RequestOptions<T> = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: T };

export class BaseUrlRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  constructor(baseUrl: string, options?: ConstructorParameters<typeof twilio.RequestClient>[0]) {
    super(options);
    this.base = new URL(baseUrl);
  }

  override request<TData>(opts: RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: rebase(opts.uri, this.base) });
  }
}

/** `https://api.twilio.com/2010-04-01/…?x` → `<base origin>[base path]/2010-04-01/…?x`. */
export function rebase(uri: string, base: URL): string {
  const original = new URL(uri);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${original.pathname}${original.search}`;
}

export type TwilioClient = ReturnType<typeof twilio>;

export function createTwilioClient(accountSid: string, authToken: string, apiBaseUrl?: string): TwilioClient {
  const client = twilio(accountSid, authToken, {
    // Connectors never read the environment: keep TWILIO_EDGE/REGION & co. out of it.
    env: {},
    timeout: 15_000,
    ...(apiBaseUrl ? { httpClient: new BaseUrlRequestClient(apiBaseUrl, { timeout: 15_000 }) } : {}),
  });
  // The library loads its REST modules on first use; load them now, so the first paced send
  // doesn't spend its slot in require() and reach Twilio late (bunching it with the next).
  void client.messages;
  void client.calls;
  return client;
}
