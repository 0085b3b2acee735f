/**
 * Attention listens to the desk's events the way an owner console does: it is one of the
 * hub's consoles, with nothing to render. It never fails a publish (the hub would then offer
 * the message again): its errors are logged.
 */
import type { Console, DeskApi, DeskEvent } from '../ports.js';
import type { Attention } from './attention.js';
import { AUTO_ACTOR } from './ack-sender.js';

export class AttentionConsole implements Console {
  readonly name = 'attention';

  constructor(private readonly attention: Attention) {}

  async start(_desk: DeskApi): Promise<void> {}
  async stop(): Promise<void> {}

  async publish(event: DeskEvent): Promise<void> {
    try {
      await this.handle(event);
    } catch (err) {
      this.attention.deps.logger.error(
        { event: event.type, err: (err as Error).message },
        'attention could not follow a desk event',
      );
    }
  }

  private async handle(event: DeskEvent): Promise<void> {
    switch (event.type) {
      case 'inbound':
        return this.attention.inbound(event.view, event.message);
      case 'decided': {
        const { decision, draft } = event;
        if (decision.kind === 'discard' || decision.actor.console === AUTO_ACTOR.console) return;
        return this.attention.answered(draft.conversationId, decision.decidedAt);
      }
      case 'customer': {
        const conversation = event.view.conversation;
        if (conversation?.status === 'resolved') return this.attention.resolved(conversation.id);
        return;
      }
      default:
        return;
    }
  }
}
