/**
 * Slack's side of "Same person as…" and "Split…" on the root card (issue 19). The picker is a
 * modal with an external_select: Slack asks us for its options as the owner types (a
 * block_suggestion request to the interactivity options URL, answered within 3 s), and we
 * answer from the desk's customer search. Submitting merges this customer into the chosen
 * one through desk.merge; Split's modal lists the identities and moves the chosen one off.
 */
import type { App, types } from '@slack/bolt';
import type { Actor } from '../../core/model.js';
import type { DeskApi } from '../../core/ports.js';
import { peopleText, type PeopleTextKey } from '../../core/people-text.js';
import { channelName, type OwnerLanguage } from '../card.js';

type ModalView = types.ModalView;
type UserLike = { id: string; name?: string; username?: string };
type ViewErrors = { response_action: 'errors'; errors: Record<string, string> };

export const SAME_PERSON_CALLBACK = 'sd_same_person';
export const SPLIT_CALLBACK = 'sd_split';
export const PERSON_PICK = 'sd_person_pick';
const PERSON_BLOCK = 'person';
const IDENTITY_PICK = 'sd_identity_pick';
const IDENTITY_BLOCK = 'identity';
/** Slack's limits for an option (PLATFORMS.md §1.7) and an options response. */
const OPTION_TEXT = 75;
const MAX_OPTIONS = 100;
/** Slack's limit on a view's private_metadata. */
const MAX_METADATA = 3000;

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: text.slice(0, max) });

/** Both people dialogs have one shape: a modal with a single input (a picker), its label and hint. */
function pickerModal(parts: {
  callbackId: string;
  metadata: string;
  title: string;
  submit: string;
  blockId: string;
  label: string;
  hint: string;
  element: types.StaticSelect | types.ExternalSelect;
}): ModalView {
  return {
    type: 'modal',
    callback_id: parts.callbackId,
    private_metadata: parts.metadata,
    title: plain(parts.title, 24),
    submit: plain(parts.submit, 24),
    blocks: [
      {
        type: 'input',
        block_id: parts.blockId,
        label: plain(parts.label, 2000),
        hint: plain(parts.hint, 2000),
        element: parts.element,
      },
    ],
  };
}

export function samePersonModal(customerId: string, lang: OwnerLanguage): ModalView {
  const t = (key: PeopleTextKey) => peopleText(lang, key);
  return pickerModal({
    callbackId: SAME_PERSON_CALLBACK,
    metadata: customerId,
    title: t('pickerTitle'),
    submit: t('mergeSubmit'),
    blockId: PERSON_BLOCK,
    label: t('pickerLabel'),
    hint: t('pickerHint'),
    element: {
      type: 'external_select',
      action_id: PERSON_PICK,
      min_query_length: 1,
      placeholder: plain(t('pickerPlaceholder'), 150),
    },
  });
}

/** The identities as a static select; their order is kept in the metadata to check on submit. */
export function splitModal(
  customerId: string,
  identities: readonly { channel: string; address: string }[],
  lang: OwnerLanguage,
): ModalView {
  const t = (key: PeopleTextKey) => peopleText(lang, key);
  // Slack keeps at most 3,000 characters of private_metadata: offer only the identities whose
  // keys fit whole, so every option still maps to its identity on submit.
  const keys = identities.slice(0, MAX_OPTIONS).map((i) => `${i.channel}:${i.address}`);
  while (keys.length > 1 && JSON.stringify({ c: customerId, i: keys }).length > MAX_METADATA) keys.pop();
  const offered = identities.slice(0, keys.length);
  return pickerModal({
    callbackId: SPLIT_CALLBACK,
    metadata: JSON.stringify({ c: customerId, i: keys }),
    title: t('splitTitle'),
    submit: t('splitSubmit'),
    blockId: IDENTITY_BLOCK,
    label: t('splitLabel'),
    hint: t('splitHint'),
    element: {
      type: 'static_select',
      action_id: IDENTITY_PICK,
      options: offered.map((identity, index) => ({
        text: plain(
          `${channelName(lang, identity.channel as Parameters<typeof channelName>[1])}: ${identity.address}`,
          OPTION_TEXT,
        ),
        value: String(index),
      })),
    },
  });
}

/** The value the owner picked in a submitted people dialog, if any. */
function picked(view: { state: { values: unknown } }, block: string, action: string): string | undefined {
  const values = view.state.values as Record<
    string,
    Record<string, { selected_option?: { value?: string } | null }>
  >;
  return values[block]?.[action]?.selected_option?.value;
}

export interface PeopleDeps {
  desk: () => DeskApi | undefined;
  ownerIds: ReadonlySet<string>;
  language: OwnerLanguage;
  actorOf: (user: UserLike) => Actor;
  notOwner: string;
  failed: string;
  track: <T>(work: Promise<T>) => Promise<T>;
  /** views.open through the console's pacer. */
  open: (call: () => Promise<unknown>) => Promise<unknown>;
  /** A private line to `user` in the customer's thread (a refusal after the modal closed). */
  tell: (customerId: string, user: string, text: string) => Promise<void>;
}

/** The root card's buttons: opens the picker or the split dialog; a refusal to say otherwise. */
export async function openPeopleModal(
  app: App,
  deps: PeopleDeps,
  desk: DeskApi,
  action: 'same_person' | 'split',
  customerId: string,
  triggerId: string,
): Promise<string | undefined> {
  const lang = deps.language;
  let view: ModalView;
  if (action === 'same_person') view = samePersonModal(customerId, lang);
  else {
    const identities = (await desk.view(customerId))?.identities ?? [];
    if (identities.length < 2) return peopleText(lang, 'splitNothing');
    view = splitModal(customerId, identities, lang);
  }
  await deps.open(() => app.client.views.open({ trigger_id: triggerId, view }));
  return undefined;
}

export function registerPeople(app: App, deps: PeopleDeps): void {
  const lang = deps.language;

  // The picker's options, as the owner types (a block_suggestion).
  app.options({ action_id: PERSON_PICK }, async ({ ack: rawAck, body }) => {
    // A block_suggestion is answered with Block Kit option objects.
    const ack = rawAck as (response: {
      options: { text: { type: 'plain_text'; text: string }; value: string }[];
    }) => Promise<void>;
    const user = (body as { user?: { id?: string } }).user?.id ?? '';
    const desk = deps.desk();
    if (!deps.ownerIds.has(user) || !desk?.findPeople) return ack({ options: [] });
    const query = String((body as { value?: unknown }).value ?? '');
    const customerId = (body as { view?: { private_metadata?: string } }).view?.private_metadata;
    const people = await desk.findPeople(query, customerId || undefined).catch(() => []);
    await ack({
      options: people.slice(0, MAX_OPTIONS).map((p) => ({
        text: plain(p.label, OPTION_TEXT),
        value: p.customerId,
      })),
    });
  });

  app.view(SAME_PERSON_CALLBACK, ({ ack, body, view }) =>
    deps.track(
      (async () => {
        const answer = ack as (response?: ViewErrors) => Promise<void>;
        const refuse = (reason: string) =>
          answer({ response_action: 'errors', errors: { [PERSON_BLOCK]: reason } });
        if (!deps.ownerIds.has(body.user.id)) return refuse(deps.notOwner);
        const desk = deps.desk();
        if (!desk) return refuse(deps.failed);
        const into = picked(view, PERSON_BLOCK, PERSON_PICK);
        if (!into) return refuse(peopleText(lang, 'chooseFirst'));
        // The modal closes at once (Slack allows 3 s); the merge posts to threads after.
        await answer();
        const result = await desk.merge(into, view.private_metadata, deps.actorOf(body.user));
        if (result.kind === 'rejected') await deps.tell(view.private_metadata, body.user.id, result.reason);
      })(),
    ),
  );

  app.view(SPLIT_CALLBACK, ({ ack, body, view }) =>
    deps.track(
      (async () => {
        const answer = ack as (response?: ViewErrors) => Promise<void>;
        const refuse = (reason: string) =>
          answer({ response_action: 'errors', errors: { [IDENTITY_BLOCK]: reason } });
        if (!deps.ownerIds.has(body.user.id)) return refuse(deps.notOwner);
        const desk = deps.desk();
        if (!desk?.split) return refuse(deps.failed);
        let meta: { c?: unknown; i?: unknown };
        try {
          meta = JSON.parse(view.private_metadata) as { c?: unknown; i?: unknown };
        } catch {
          return refuse(deps.failed);
        }
        const index = Number(picked(view, IDENTITY_BLOCK, IDENTITY_PICK));
        const key = Array.isArray(meta.i) ? meta.i[index] : undefined;
        if (typeof meta.c !== 'string' || typeof key !== 'string') return refuse(deps.failed);
        const [channel, address] = key.split(/:(.*)/s) as [string, string];
        await answer();
        const result = await desk.split(
          meta.c,
          { channel: channel as Parameters<NonNullable<DeskApi['split']>>[1]['channel'], address },
          deps.actorOf(body.user),
        );
        if (result.kind === 'rejected') await deps.tell(meta.c, body.user.id, result.reason);
      })(),
    ),
  );
}
