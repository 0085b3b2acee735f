/**
 * Every write to Slack goes through here: paced per channel with the injected Pacer
 * (chat.postMessage is ~1 message/s per channel), and a 429 is waited out for as long as
 * Retry-After says, inside the same paced slot, so the message is neither lost nor reordered.
 * The WebClient is built with rejectRateLimitedCalls so that we, not its global queue pause,
 * own the wait.
 */
import { webApi } from '@slack/bolt';
import type { Logger, PaceRule, Pacer } from '../../core/ports.js';

type WebClient = webApi.WebClient;
type PostArgs = webApi.ChatPostMessageArguments;
type UpdateArgs = webApi.ChatUpdateArguments;

export const SLACK_POST_RULE = 'slack.post';
export const SLACK_UPDATE_RULE = 'slack.update';

export interface SlackPacing {
  /** Gap between two posts to one channel. Slack: about 1 message/s per channel. */
  postMs: number;
  /** Gap between two chat.update calls overall (Tier 3: 50+/min per workspace). */
  updateMs: number;
}

export const DEFAULT_PACING: SlackPacing = { postMs: 1000, updateMs: 1200 };

export function slackPaceRules(pacing: SlackPacing): PaceRule[] {
  return [
    { rule: SLACK_POST_RULE, minTimeMs: pacing.postMs },
    { rule: SLACK_UPDATE_RULE, minTimeMs: 0, overallMinTimeMs: pacing.updateMs },
  ];
}

export interface MessageRef {
  channel: string;
  ts: string;
}

export interface PosterOptions {
  /** How many 429s in a row one call waits out before giving up (then it throws). */
  maxRateLimitWaits: number;
  /**
   * Gap kept between Slack's answer to one post and the next post to the same channel.
   * The Pacer spaces call starts; this also absorbs network jitter, so Slack never sees
   * two posts closer than the limit. Default: no extra gap.
   */
  postGapMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isRateLimited(err: unknown): err is { retryAfter: number } {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { code?: string }).code === webApi.ErrorCode.RateLimitedError &&
    typeof (err as { retryAfter?: unknown }).retryAfter === 'number'
  );
}

export class SlackPoster {
  private readonly sleep: (ms: number) => Promise<void>;
  /** 429s waited out since start (health and tests). */
  rateLimited = 0;

  constructor(
    private readonly client: WebClient,
    private readonly pacer: Pacer,
    private readonly logger: Logger,
    private readonly options: PosterOptions,
  ) {
    this.sleep = options.sleep ?? defaultSleep;
  }

  async post(args: PostArgs): Promise<MessageRef> {
    const res = await this.paced(SLACK_POST_RULE, args.channel, 'chat.postMessage', () =>
      this.client.chat.postMessage(args),
    );
    if (!res.ts || !res.channel) throw new Error('chat.postMessage returned no ts');
    return { channel: res.channel, ts: res.ts };
  }

  async update(args: UpdateArgs): Promise<void> {
    await this.paced(SLACK_UPDATE_RULE, args.channel, 'chat.update', () => this.client.chat.update(args));
  }

  /** Ephemeral lines are not channel messages: not paced, but still rate-limit safe. */
  async ephemeral(args: webApi.ChatPostEphemeralArguments): Promise<void> {
    await this.withRateLimit('chat.postEphemeral', () => this.client.chat.postEphemeral(args));
  }

  /**
   * files.getUploadURLExternal → POST to upload_url → files.completeUploadExternal, through
   * the SDK's uploadV2 (never the retired files.upload). Completing shares the file into the
   * thread as a message, so it is paced like a post.
   */
  async upload(file: {
    channel: string;
    threadTs?: string;
    filename: string;
    data: Buffer;
    title?: string;
  }): Promise<void> {
    const base = { file: file.data, filename: file.filename, title: file.title ?? file.filename };
    await this.paced(SLACK_POST_RULE, file.channel, 'files.uploadV2', () =>
      file.threadTs
        ? this.client.filesUploadV2({ ...base, channel_id: file.channel, thread_ts: file.threadTs })
        : this.client.filesUploadV2({ ...base, channel_id: file.channel }),
    );
  }

  /** Calls that are not channel posts (views.open): no pacing, but a 429 is still waited out. */
  unpaced<T>(method: string, call: () => Promise<T>): Promise<T> {
    return this.withRateLimit(method, call);
  }

  /** Reads are not posts: not paced, but a 429 is waited out. */
  replies(args: webApi.ConversationsRepliesArguments): Promise<webApi.ConversationsRepliesResponse> {
    return this.withRateLimit('conversations.replies', () => this.client.conversations.replies(args));
  }

  history(args: webApi.ConversationsHistoryArguments): Promise<webApi.ConversationsHistoryResponse> {
    return this.withRateLimit('conversations.history', () => this.client.conversations.history(args));
  }

  async permalink(ref: MessageRef): Promise<string | undefined> {
    try {
      const res = await this.withRateLimit('chat.getPermalink', () =>
        this.client.chat.getPermalink({ channel: ref.channel, message_ts: ref.ts }),
      );
      return res.permalink;
    } catch {
      return undefined;
    }
  }

  private readonly lastPost = new Map<string, number>();

  private paced<T>(rule: string, channel: string, method: string, call: () => Promise<T>): Promise<T> {
    if (rule !== SLACK_POST_RULE)
      return this.pacer.schedule(rule, channel, () => this.withRateLimit(method, call));
    return this.pacer.schedule(rule, channel, async () => {
      // The pacer runs one post per channel at a time, so this read-wait-write is race-free.
      const gap = this.options.postGapMs ?? 0;
      const wait = (this.lastPost.get(channel) ?? 0) + gap - Date.now();
      if (wait > 0) await this.sleep(wait);
      try {
        return await this.withRateLimit(method, call);
      } finally {
        this.lastPost.set(channel, Date.now());
      }
    });
  }

  private async withRateLimit<T>(method: string, call: () => Promise<T>): Promise<T> {
    for (let waits = 0; ; waits += 1) {
      try {
        return await call();
      } catch (err) {
        if (!isRateLimited(err) || waits >= this.options.maxRateLimitWaits) throw err;
        this.rateLimited += 1;
        const ms = Math.max(1, err.retryAfter) * 1000;
        this.logger.warn({ method, retryAfterMs: ms }, 'slack rate limited: waiting it out');
        await this.sleep(ms);
      }
    }
  }
}
