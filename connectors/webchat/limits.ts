/**
 * Limits of the website chat (counted with the shared token bucket, src/core/rate-limit.ts).
 *
 * Attachment policy (v1): none. The widget sends text only and the server refuses a message
 * frame that carries a file with `attachments_unsupported`; visitors are told to describe the
 * problem or leave an email address for a follow-up where files can be exchanged.
 */

export interface WebchatLimits {
  /** Longest visitor message, in characters (code points). */
  maxMessageLength: number;
  /** Messages one visitor may send per minute, across all their tabs. */
  messagesPerMinute: number;
  /** Largest WebSocket frame accepted at all; bigger ones close the socket (1009). */
  maxFrameBytes: number;
  /** Frames of any kind one connection may send per minute before it is closed (1008). */
  framesPerMinute: number;
  /** Open chat sockets in all; further upgrades get 503 until some close. */
  maxConnections: number;
  /** Open sockets per visitor (tabs); the oldest is closed when exceeded. */
  maxSocketsPerVisitor: number;
  /** Entries kept per visitor for history on reload. */
  historyLimit: number;
  /** The widget asks for an email when no reply came within this long. */
  emailPromptAfterMs: number;
  /** Open sockets one client address may hold (0 ⇒ no cap). WEBCHAT_CONNECTIONS_PER_IP. */
  connectionsPerIp: number;
  /** New visitors one client address may start per hour (0 ⇒ no cap). WEBCHAT_NEW_VISITORS_PER_IP. */
  newVisitorsPerIpPerHour: number;
  /** New visitors per hour, desk-wide (0 ⇒ no cap). WEBCHAT_NEW_VISITORS_PER_HOUR. */
  newVisitorsPerHour: number;
  /** Transcripts are deleted this many days after the visitor's last activity (0 ⇒ kept). */
  transcriptDays: number;
}

export const DEFAULT_LIMITS: WebchatLimits = {
  maxMessageLength: 2000,
  messagesPerMinute: 20,
  maxFrameBytes: 32 * 1024,
  framesPerMinute: 120,
  maxConnections: 2000,
  maxSocketsPerVisitor: 5,
  historyLimit: 200,
  emailPromptAfterMs: 60_000,
  connectionsPerIp: 20,
  newVisitorsPerIpPerHour: 20,
  newVisitorsPerHour: 300,
  transcriptDays: 90,
};
