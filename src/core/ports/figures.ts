/** What /cs stats reads from the store. */
import type { Channel } from '../model.js';

/**
 * A period of figures: [from, to), optionally one channel. `tz` (IANA) decides where
 * the days of the daily series begin.
 */
export interface FiguresQuery {
  from: Date;
  to: Date;
  channel?: Channel;
  tz: string;
}

/**
 * Durations of a set of conversations, in ms. Median and p90 follow src/core/figures.ts
 * (`medianOffsets`, `p90Offset`) so every store ranks the same way.
 */
export interface DurationSummary {
  count: number;
  sumMs: number;
  medianMs: number;
  p90Ms: number;
}

/**
 * Aggregates a store computes for a period; src/core/figures.ts derives the owner's
 * figures (minutes, P, the article's E) from them. Conversations are counted in the
 * period they were opened in; a rating in the period it was given, and only the latest
 * rating of each conversation counts. Stores aggregate in the database: at a million
 * messages, shipping rows to JavaScript would be the slow part.
 */
export interface FiguresData {
  /** C: distinct customers with an inbound message in the period. */
  customers: number;
  /** Messages created in the period, by direction and channel (zero counts omitted). */
  messages: { direction: 'in' | 'out'; channel: Channel; count: number }[];
  /** Inbound messages by classified intent; `unclassified` when none yet (zero counts omitted). */
  intents: { intent: string; count: number }[];
  conversations: { opened: number; resolved: number; unanswered: number };
  /** First response − opened, over the answered conversations opened in the period. */
  firstResponse?: DurationSummary;
  /** Resolved − opened, over the resolved conversations opened in the period. */
  resolution?: DurationSummary;
  /** How many conversations' latest rating, given in the period, was each score 1..5 (index 0 = score 1). */
  ratingCounts: [number, number, number, number, number];
  /** Conversations whose rating request went out in the period. */
  ratingsAsked: number;
  /**
   * Decisions in the period on the drafter's drafts (origin `auto`): sent unchanged by the
   * owner (send or send_via), edited, discarded, or sent by the `auto` console; plus owner
   * notes (origin `owner_note`) that were sent.
   */
  drafts: { asDrafted: number; edited: number; discarded: number; automatic: number; ownerWritten: number };
  /** One entry per local day, from the first day with a conversation (or `from`) to `to`. */
  daily: { day: string; start: Date; conversations: number; medianFirstResponseMs?: number }[];
}

/** Implemented by stores that can aggregate figures (both the embedded and the MongoDB store). */
export interface FiguresSource {
  figures(query: FiguresQuery): Promise<FiguresData>;
}
