/**
 * The "Pick a time…" Snooze modal's submission: answered inside the modal, so a time we
 * cannot read keeps it open with the reason under the field. Only SLACK_OWNER_IDS may snooze.
 */
import type { App } from '@slack/bolt';
import type { Actor } from '../../core/model.js';
import type { DeskApi } from '../../core/ports.js';
import { SNOOZE_CALLBACK, snoozeModalValue } from './snooze.js';

type ViewErrors = { response_action: 'errors'; errors: Record<string, string> };
type UserLike = { id: string; name?: string; username?: string };

export interface SnoozeModalDeps {
  desk: () => DeskApi | undefined;
  ownerIds: ReadonlySet<string>;
  track: <T>(work: Promise<T>) => Promise<T>;
  actor: (user: UserLike) => Actor;
  refusal: (key: 'notOwner' | 'failed') => string;
}

export function registerSnoozeModal(app: App, deps: SnoozeModalDeps): void {
  app.view(SNOOZE_CALLBACK, ({ ack, body, view }) =>
    deps.track(
      (async () => {
        const answer = ack as (response?: ViewErrors) => Promise<void>;
        const refuse = (text: string) => answer({ response_action: 'errors', errors: { when: text } });
        if (!deps.ownerIds.has(body.user.id)) return refuse(deps.refusal('notOwner'));
        const desk = deps.desk();
        if (!desk?.snooze) return refuse(deps.refusal('failed'));
        const result = await desk.snooze(
          view.private_metadata,
          snoozeModalValue(view.state.values as Record<string, Record<string, { value?: string | null }>>),
          deps.actor(body.user),
        );
        if (result.kind === 'rejected') return refuse(result.reason);
        await answer();
      })(),
    ),
  );
}
