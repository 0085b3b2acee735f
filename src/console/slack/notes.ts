/**
 * Slack's side of the root card's Note and Tags buttons: a modal with the current text, and its
 * submission saved through desk.setNotes (which redraws the root card). Private to the owner.
 */
import type { App, types } from '@slack/bolt';
import type { Actor } from '../../core/model.js';
import type { DeskApi } from '../../core/ports.js';
import { MAX_NOTE } from '../../core/customer-notes.js';
import { label, type OwnerLanguage } from '../card.js';
import { slackLabel } from './slack-labels.js';

type ModalView = types.ModalView;

export const NOTES_CALLBACK = 'sd_customer_notes';
const BLOCK = 'notes';

export type NotesKind = 'note' | 'tags';

export function notesModal(
  kind: NotesKind,
  customerId: string,
  current: string,
  lang: OwnerLanguage,
): ModalView {
  return {
    type: 'modal',
    callback_id: NOTES_CALLBACK,
    private_metadata: `${kind}:${customerId}`,
    title: {
      type: 'plain_text',
      text: label(lang, kind === 'note' ? 'noteTitle' : 'tagsTitle').slice(0, 24),
    },
    submit: { type: 'plain_text', text: slackLabel(lang, 'save') },
    blocks: [
      {
        type: 'input',
        block_id: BLOCK,
        optional: true,
        label: { type: 'plain_text', text: label(lang, kind === 'note' ? 'ownerNote' : 'tags') },
        hint: { type: 'plain_text', text: label(lang, kind === 'note' ? 'notePrompt' : 'tagsPrompt') },
        element: {
          type: 'plain_text_input',
          action_id: 'text',
          multiline: kind === 'note',
          max_length: kind === 'note' ? MAX_NOTE : 500,
          ...(current ? { initial_value: current } : {}),
        },
      },
    ],
  };
}

/** Opens the modal for a Note / Tags button on the root card. */
export async function openNotesModal(
  app: App,
  open: (call: () => Promise<unknown>) => Promise<unknown>,
  desk: DeskApi,
  kind: NotesKind,
  customerId: string,
  triggerId: string,
  lang: OwnerLanguage,
): Promise<void> {
  const notes = (await desk.view(customerId))?.notes;
  const current = kind === 'note' ? (notes?.note ?? '') : (notes?.tags ?? []).join(', ');
  await open(() =>
    app.client.views.open({ trigger_id: triggerId, view: notesModal(kind, customerId, current, lang) }),
  );
}

type ViewErrors = { response_action: 'errors'; errors: Record<string, string> };

/** The modal's submission: saved, or refused inside the modal with the reason. */
export function registerNotesView(
  app: App,
  deps: {
    desk: () => DeskApi | undefined;
    ownerIds: ReadonlySet<string>;
    actorOf: (user: { id: string; name?: string; username?: string }) => Actor;
    notOwner: string;
    failed: string;
    track: <T>(work: Promise<T>) => Promise<T>;
  },
): void {
  app.view(NOTES_CALLBACK, ({ ack, body, view }) =>
    deps.track(
      (async () => {
        const answer = ack as (response?: ViewErrors) => Promise<void>;
        const refuse = (reason: string) => answer({ response_action: 'errors', errors: { [BLOCK]: reason } });
        if (!deps.ownerIds.has(body.user.id)) return refuse(deps.notOwner);
        const desk = deps.desk();
        const [kind, customerId] = view.private_metadata.split(/:(.*)/s) as [string, string | undefined];
        if (!desk?.setNotes || !customerId || (kind !== 'note' && kind !== 'tags'))
          return refuse(deps.failed);
        const text = view.state.values[BLOCK]?.text?.value ?? '';
        const result = await desk.setNotes(
          customerId,
          kind === 'note' ? { note: text } : { tags: text },
          deps.actorOf(body.user),
        );
        if (result.kind === 'rejected') return refuse(result.reason);
        await answer();
      })(),
    ),
  );
}
