/**
 * Slack's side of Remember: the button on a decided reply opens a modal prefilled with the
 * sent reply (names, order numbers and dates already as `[[blanks]]`); the owner trims it and
 * saves. Refusals are shown in the modal itself.
 */
import type { App, types } from '@slack/bolt';
import type { Actor } from '../../core/model.js';
import type { DeskApi, Logger } from '../../core/ports.js';
import { answerText } from '../card-answers.js';
import type { OwnerLanguage } from '../card.js';

type ModalView = types.ModalView;

export const REMEMBER_CALLBACK = 'sd_remember';

export function rememberModal(draftId: string, text: string, lang: OwnerLanguage): ModalView {
  return {
    type: 'modal',
    callback_id: REMEMBER_CALLBACK,
    private_metadata: draftId,
    title: { type: 'plain_text', text: answerText(lang, 'rememberTitle').slice(0, 24) },
    submit: { type: 'plain_text', text: answerText(lang, 'save').slice(0, 24) },
    close: { type: 'plain_text', text: answerText(lang, 'cancel').slice(0, 24) },
    blocks: [
      {
        type: 'input',
        block_id: 'answer',
        label: { type: 'plain_text', text: answerText(lang, 'rememberTitle') },
        hint: { type: 'plain_text', text: answerText(lang, 'rememberHint').slice(0, 2000) },
        element: {
          type: 'plain_text_input',
          action_id: 'text',
          multiline: true,
          max_length: 3000,
          initial_value: text.slice(0, 3000),
        },
      },
    ],
  };
}

/** Opens the modal for the Remember button (right after the ack: the trigger_id expires). */
export async function openRemember(
  app: App,
  desk: DeskApi,
  draftId: string,
  triggerId: string,
  actor: Actor,
  lang: OwnerLanguage,
): Promise<string | undefined> {
  const prefill = desk.rememberPrefill ? await desk.rememberPrefill(draftId, actor) : undefined;
  if (!prefill) return 'Remember is not available';
  if (prefill.kind === 'rejected') return prefill.reason;
  await app.client.views.open({ trigger_id: triggerId, view: rememberModal(draftId, prefill.text, lang) });
  return undefined;
}

type ViewErrors = { response_action: 'errors'; errors: Record<string, string> };

export function registerRemember(
  app: App,
  deps: {
    desk: () => DeskApi | undefined;
    ownerIds: ReadonlySet<string>;
    logger: Logger;
    track: <T>(work: Promise<T>) => Promise<T>;
    actorOf: (user: { id: string; name?: string; username?: string }) => Actor;
    notOwner: string;
  },
): void {
  app.view(REMEMBER_CALLBACK, ({ ack, body, view }) =>
    deps.track(
      (async () => {
        const reply = ack as (response?: ViewErrors) => Promise<void>;
        const refuse = (reason: string) => reply({ response_action: 'errors', errors: { answer: reason } });
        if (!deps.ownerIds.has(body.user.id)) return refuse(deps.notOwner);
        const desk = deps.desk();
        if (!desk?.remember) return refuse('Remember is not available');
        const values = view.state.values as Record<string, Record<string, { value?: string | null }>>;
        const text = values.answer?.text?.value ?? '';
        try {
          const result = await desk.remember(view.private_metadata, text, deps.actorOf(body.user));
          if (result.kind === 'rejected') return refuse(result.reason);
          await reply();
        } catch (err) {
          deps.logger.error({ err: (err as Error).message }, 'slack remember failed');
          await refuse('failed');
        }
      })(),
    ),
  );
}
