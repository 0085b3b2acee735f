/**
 * The chat sockets that are open, by visitor: one visitor may have the chat open in several
 * tabs, and a reply or a change shows in all of them.
 */
import { WebSocket } from 'ws';
import type { ServerFrame } from './frames.js';

/** Close code the widget understands: this tab was replaced by a newer one (4401 = refused). */
export const CLOSE_REPLACED = 4000;

/** One open chat socket. */
export interface Connection {
  ws: WebSocket;
  /** Rate-limit key of this socket. */
  key: string;
  /** The client's address key (IPv4 or IPv6 /64) for the per-address limits. */
  client: string;
  visitor?: string;
  lang?: 'en' | 'zh';
  alive: boolean;
  openedAt: number;
  /** Frames of one socket are handled in order (a visitor's messages stay in sequence). */
  chain: Promise<void>;
}

/** Sends a frame if the socket is still open (a closing tab simply misses it). */
export function reply(conn: Connection, frame: ServerFrame): void {
  if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(frame));
}

export class OpenTabs {
  private readonly byVisitor = new Map<string, Set<Connection>>();

  constructor(private readonly maxPerVisitor: number) {}

  isLive(visitor: string): boolean {
    return (this.byVisitor.get(visitor)?.size ?? 0) > 0;
  }

  /** Adds a visitor's socket; past the limit the oldest tab is closed as replaced. */
  add(visitor: string, conn: Connection): void {
    const set = this.byVisitor.get(visitor) ?? new Set<Connection>();
    set.add(conn);
    this.byVisitor.set(visitor, set);
    if (set.size > this.maxPerVisitor) {
      const oldest = set.values().next().value as Connection;
      set.delete(oldest);
      oldest.ws.close(CLOSE_REPLACED, 'too many tabs');
    }
  }

  remove(conn: Connection): void {
    if (!conn.visitor) return;
    const set = this.byVisitor.get(conn.visitor);
    set?.delete(conn);
    if (set && set.size === 0) this.byVisitor.delete(conn.visitor);
  }

  broadcast(visitor: string, frame: ServerFrame, except?: Connection): void {
    for (const conn of this.byVisitor.get(visitor) ?? []) if (conn !== except) reply(conn, frame);
  }
}
