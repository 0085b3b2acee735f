/**
 * Slack's "Send template…" (WhatsApp beyond 24 h): a modal listing the approved templates,
 * one to pick, each with its variables prefilled from the customer and the draft, editable.
 * Submitting decides the draft through desk.sendTemplate (once, like any decision); a
 * refusal keeps the modal open with the reason.
 */
import type { App, types } from '@slack/bolt';
import type { Actor } from '../../core/model.js';
import type { TemplateOffer } from '../../core/message-templates.js';
import type { DeskApi } from '../../core/ports.js';
import type { OwnerLanguage } from '../card.js';
import { ownerStrings } from '../../core/owner-strings/index.js';

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;
type ViewErrors = { response_action: 'errors'; errors: Record<string, string> };
type UserLike = { id: string; name?: string; username?: string };
type Values = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value?: string } | null }>
>;

export const TEMPLATE_CALLBACK = 'sd_template';
const PICK = 'template';
const VAR = 'v';

const plain = (text: string, max: number) => ({
  type: 'plain_text' as const,
  text: text.slice(0, max) || ' ',
});

export function templateModal(draftId: string, offers: TemplateOffer[], lang: OwnerLanguage): ModalView {
  const t = ownerStrings(lang).slack.templateModal;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: t.intro } },
    {
      type: 'input',
      block_id: PICK,
      label: plain(t.pick, 2000),
      element: {
        type: 'radio_buttons',
        action_id: 'pick',
        ...(offers[0] ? { initial_option: option(offers[0]) } : {}),
        options: offers.slice(0, 10).map(option),
      },
    },
  ];
  // Slack caps a modal at 100 blocks: ten templates of up to nine variables each fit.
  for (const { template, values } of offers.slice(0, 10)) {
    for (const { key } of template.variables.slice(0, 9)) {
      const initial = values[key]?.slice(0, 1000);
      blocks.push({
        type: 'input',
        block_id: `${VAR}:${template.sid}:${key}`,
        optional: true,
        label: plain(t.variable.replace('{key}', key).replace('{name}', template.name), 2000),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          max_length: 1000,
          ...(initial ? { initial_value: initial } : {}),
        },
      });
    }
  }
  return {
    type: 'modal',
    callback_id: TEMPLATE_CALLBACK,
    private_metadata: draftId,
    title: plain(t.title, 24),
    submit: plain(t.submit, 24),
    blocks,
  };
}

function option({ template }: TemplateOffer) {
  return {
    text: plain(template.name, 75),
    value: template.sid,
    ...(template.body ? { description: plain(template.body, 75) } : {}),
  };
}

/** The picked template and the variables the owner left in its boxes. */
export function templateChoice(values: Values): { sid: string; values: Record<string, string> } | undefined {
  const sid = values[PICK]?.pick?.selected_option?.value;
  if (!sid) return undefined;
  const prefix = `${VAR}:${sid}:`;
  const out: Record<string, string> = {};
  for (const [blockId, block] of Object.entries(values))
    if (blockId.startsWith(prefix)) out[blockId.slice(prefix.length)] = block.value?.value ?? '';
  return { sid, values: out };
}

export interface TemplateModalDeps {
  desk: () => DeskApi | undefined;
  ownerIds: ReadonlySet<string>;
  track: <T>(work: Promise<T>) => Promise<T>;
  actor: (user: UserLike) => Actor;
  refusal: (key: 'notOwner' | 'failed') => string;
}

export function registerTemplateModal(app: App, deps: TemplateModalDeps): void {
  app.view(TEMPLATE_CALLBACK, ({ ack, body, view }) =>
    deps.track(
      (async () => {
        const answer = ack as (response?: ViewErrors) => Promise<void>;
        const refuse = (text: string) => answer({ response_action: 'errors', errors: { [PICK]: text } });
        if (!deps.ownerIds.has(body.user.id)) return refuse(deps.refusal('notOwner'));
        const desk = deps.desk();
        const choice = templateChoice(view.state.values as Values);
        if (!desk?.sendTemplate || !choice) return refuse(deps.refusal('failed'));
        const result = await desk.sendTemplate({
          draftId: view.private_metadata,
          actor: deps.actor(body.user),
          templateSid: choice.sid,
          values: choice.values,
        });
        if (result.kind === 'rejected') return refuse(result.reason);
        // Queued, or decided already (a second submit): the card shows which.
        await answer();
      })(),
    ),
  );
}
