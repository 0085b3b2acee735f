/**
 * Console-neutral owner commands (`/cs stats`, `/cs help`, …). Each console parses its
 * own syntax into (name, args) and renders the neutral reply its own way.
 */
import type { Actor } from '../src/core/model.js';

/** One label/value row of a reply. */
export interface ReplyField {
  label: string;
  value: string;
  /** The row is about this customer: consoles add a way to their thread (link or handle). */
  customerId?: string;
}

export interface CommandReply {
  /** Short title line, e.g. "Figures · last 30 days". */
  title: string;
  /** Sections of label/value pairs, rendered as fields (Slack) or lines (terminal). */
  sections: { heading?: string; fields: ReplyField[] }[];
  /** Plain-text fallback / notes under the sections. */
  text?: string;
  /** A chart or other image to post where the console can show images. */
  image?: { png: Uint8Array; alt: string; filename: string };
  /** True when the reply only explains usage (bad arguments). */
  usage?: boolean;
}

export interface Command {
  readonly name: string;
  /** One line: `stats [today|7d|30d|90d|all] [channel]`. */
  readonly usage: string;
  readonly summary: { en: string; zh: string };
  run(args: string[], actor: Actor): Promise<CommandReply>;
}
