/** What the Slack emulator records: the Web API calls, the messages it holds, response_url posts. */

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  ok: boolean;
  error?: string;
  status: number;
}

export interface EmulatedMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  reply_broadcast?: boolean;
  updates: number;
  files?: string[];
  /** Message metadata (event_type + event_payload), returned only with include_all_metadata. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface ResponseUrlRecord {
  createdAt: number;
  posts: Record<string, unknown>[];
}
