/**
 * Console-neutral owner commands (`/cs stats`, `/cs help`, …). Each console parses its
 * own syntax into (name, args) and renders the neutral reply its own way.
 */
import type { Actor } from '../src/core/model.js';

export interface ReplyField {
  label: string;
  value: string;
  /** The customer the line is about: consoles link it to the customer's thread. */
  customerId?: string;
  /** Filled in by the console: where that thread is (Slack permalink, Discord post URL). */
  link?: string;
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
  /** Files for the owner only (an export): uploaded privately, or written to DATA_DIR/exports. */
  files?: ReplyFile[];
  /**
   * A step the owner must confirm (an erasure): consoles show a button that runs the command
   * again with `args`; the terminal says what to type.
   */
  confirm?: { label: string; command: string; args: string[]; style?: 'danger' };
}

export interface ReplyFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export interface Command {
  readonly name: string;
  /** One line: `stats [today|7d|30d|90d|all] [channel]`. */
  readonly usage: string;
  readonly summary: { en: string; zh: string };
  run(args: string[], actor: Actor): Promise<CommandReply>;
}
