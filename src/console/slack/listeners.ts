/**
 * What the owner does in Slack: buttons, the Send via menu, the Edit modal, free text in
 * a customer thread, and `/cs`. Every listener acknowledges first (Slack allows 3 s) and
 * does the slow work after; only the Edit button's views.open comes right after the ack,
 * because its trigger_id expires within seconds. Only SLACK_OWNER_IDS may act: anyone else
 * gets an ephemeral refusal and nothing changes.
 */
import type { App, BlockAction, ButtonAction, StaticSelectAction, RespondFn } from '@slack/bolt';
import type { Command } from '../../../commands/command.js';
import { openNotesModal, registerNotesView } from './notes.js';
import type { DeskApi, Logger } from '../../core/ports.js';
import { channelName, decodeAction, type ActionRef, type OwnerLanguage } from '../card.js';
import {
  EDIT_CALLBACK,
  SEND_VIA_ACTION,
  editModal,
  editedText,
  fullTextModal,
  renderLine,
} from './blocks.js';
import type { SlackPoster } from './poster.js';
import { registerTemplateModal, templateModal } from './template-modal.js';
import { SNOOZE_ACTION, snoozeModal } from './snooze.js';
import { registerSnoozeModal } from './snooze-modal.js';
import { registerThreadNotes } from './thread-notes.js';
import { registerCommand } from './command-listener.js';
import { actorOf, type UserLike } from './actor.js';
import type { SlackRefs } from './refs.js';
import type { FileFetcher } from '../share-files.js';
import { slackLabel, type SlackLabelKey } from './slack-labels.js';
import type { TtlSet } from './ttl-set.js';
import { simpleTap } from '../card-taps.js';
import { hasBlanks } from '../../core/model.js';
import { openRemember, registerRemember } from './remember.js';
import { openPeopleModal, registerPeople, type PeopleDeps } from './people.js';

export interface ListenerDeps {
  desk: () => DeskApi | undefined;
  poster: SlackPoster;
  refs: SlackRefs;
  logger: Logger;
  commands: readonly Command[];
  ownerIds: ReadonlySet<string>;
  language: OwnerLanguage;
  seenEvents: TtlSet;
  commandName: string;
  /** Registers work that continues after ack(), so drain() can wait for it. */
  track: <T>(work: Promise<T>) => Promise<T>;
  /** Fetches files the owner shares in a customer thread (bot token); without it they are ignored. */
  files?: FileFetcher;
}

type ViewErrors = { response_action: 'errors'; errors: Record<string, string> };
/** An ephemeral answer to the acting owner (response_url first, chat.postEphemeral after). */
export type Tell = (
  respond: RespondFn | undefined,
  fallback: { channel?: string; user: string; threadTs?: string },
  text: string,
) => Promise<void>;

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { logger, language: lang } = deps;
  const t = (key: SlackLabelKey, vars?: Record<string, string | number>) => slackLabel(lang, key, vars);

  /** Ephemeral answer to the clicking owner; response_url first, chat.postEphemeral as fallback. */
  async function tell(
    respond: RespondFn | undefined,
    fallback: { channel?: string; user: string; threadTs?: string },
    text: string,
  ) {
    const line = renderLine(text);
    try {
      if (!respond) throw new Error('no response_url');
      await respond({ response_type: 'ephemeral', replace_original: false, ...line });
    } catch (err) {
      // RespondError: the response_url is used up (5 per 30 min) or expired.
      logger.debug({ err: (err as Error).message }, 'slack respond failed; falling back to postEphemeral');
      if (!fallback.channel) return;
      await deps.poster
        .ephemeral({
          channel: fallback.channel,
          user: fallback.user,
          ...line,
          ...(fallback.threadTs ? { thread_ts: fallback.threadTs } : {}),
        })
        .catch((e: Error) => logger.warn({ err: e.message }, 'slack ephemeral failed'));
    }
  }

  // Slack retries an event it thinks we missed (X-Slack-Retry-Num); Bolt does not dedupe.
  app.use(async ({ body, next, context }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    if (deps.seenEvents.has(eventId)) {
      logger.info({ eventId, retryNum: context.retryNum }, 'slack event retry ignored');
      return;
    }
    deps.seenEvents.add(eventId);
    try {
      await next();
    } catch (err) {
      // Not handled: let Slack's retry of this event try again.
      deps.seenEvents.delete(eventId);
      throw err;
    }
  });

  const people: PeopleDeps = {
    desk: deps.desk,
    ownerIds: deps.ownerIds,
    language: lang,
    actorOf: (user) => actorOf(user, lang),
    notOwner: t('notOwner'),
    failed: t('failed'),
    track: deps.track,
    open: (call) => deps.poster.unpaced('views.open', call),
    async tell(customerId, user, text) {
      const root = await deps.refs.root(customerId);
      if (!root) return;
      await deps.poster
        .ephemeral({
          channel: root.channel,
          user,
          thread_ts: root.ts,
          ...renderLine(t('rejected', { reason: text })),
        })
        .catch((e: Error) => logger.warn({ err: e.message }, 'slack ephemeral failed'));
    },
  };

  async function handleAction(ref: ActionRef, body: BlockAction, respond: RespondFn, desk: DeskApi) {
    const actor = actorOf(body.user, lang);
    const where = { channel: body.channel?.id, user: body.user.id, threadTs: body.message?.thread_ts };
    const say = (text: string) => tell(respond, where, text);
    switch (ref.action) {
      case 'edit': {
        const draft = await desk.draft(ref.id);
        if (!draft) return say(t('gone'));
        if (draft.status !== 'pending') return say(t('notPending'));
        await deps.poster.unpaced('views.open', () =>
          app.client.views.open({
            trigger_id: body.trigger_id,
            view: editModal(
              { id: draft.id, text: draft.text, channelName: channelName(lang, draft.channel) },
              lang,
            ),
          }),
        );
        return;
      }
      case 'show_message':
      case 'show_draft': {
        const text =
          ref.action === 'show_message'
            ? await desk.message(ref.id).then((m) => m && (m.fullText ?? m.text))
            : await desk.draft(ref.id).then((d) => d?.text);
        if (text === undefined) return say(t('gone'));
        await deps.poster.unpaced('views.open', () =>
          app.client.views.open({
            trigger_id: body.trigger_id,
            view: fullTextModal(t('fullTitle'), text, lang),
          }),
        );
        return;
      }
      case 'send':
      case 'discard':
      case 'send_via': {
        const channel =
          ref.action === 'send_via' ? (ref.arg as Parameters<DeskApi['decide']>[0]['channel']) : undefined;
        const result = await desk.decide({
          draftId: ref.id,
          actor,
          action: ref.action,
          ...(channel ? { channel } : {}),
        });
        if (result.kind === 'already_decided') {
          const who = result.decision?.actor.name ?? result.decision?.actor.userId;
          return say(who ? t('alreadyDecidedBy', { who }) : t('alreadyDecided'));
        }
        if (result.kind === 'rejected') return say(t('rejected', { reason: result.reason }));
        logger.info({ draftId: ref.id, decision: result.kind, actor: actor.userId }, 'slack decision');
        return;
      }
      case 'send_template': {
        const offers = desk.templateOffers ? await desk.templateOffers(ref.id, actor) : undefined;
        if (!offers) return say(t('failed'));
        if (offers.kind === 'rejected') return say(t('rejected', { reason: offers.reason }));
        await deps.poster.unpaced('views.open', () =>
          app.client.views.open({
            trigger_id: body.trigger_id,
            view: templateModal(ref.id, offers.offers, lang),
          }),
        );
        return;
      }
      case 'snooze': {
        if (ref.arg === 'custom') {
          await deps.poster.unpaced('views.open', () =>
            app.client.views.open({ trigger_id: body.trigger_id, view: snoozeModal(ref.id, lang) }),
          );
          return;
        }
        const result = desk.snooze
          ? await desk.snooze(ref.id, ref.arg ?? '', actor)
          : { kind: 'rejected' as const, reason: t('failed') };
        if (result.kind === 'rejected') return say(t('rejected', { reason: result.reason }));
        return;
      }
      case 'call_back':
      case 'retry':
      case 'resolve':
      case 'reopen':
      case 'uncertain': {
        const result = await simpleTap(desk, { ...ref, action: ref.action }, actor, t('failed'));
        if (result.kind === 'rejected') return say(t('rejected', { reason: result.reason }));
        return;
      }
      case 'cancel_auto': {
        const result = (await desk.cancelAuto?.(ref.id, actor)) ?? { kind: 'rejected', reason: t('failed') };
        return result.kind === 'rejected' ? say(t('rejected', { reason: result.reason })) : undefined;
      }
      case 'remember': {
        const refused = await openRemember(app, desk, ref.id, body.trigger_id, actor, lang);
        return refused ? say(t('rejected', { reason: refused })) : undefined;
      }
      case 'note':
      case 'tags':
        return openNotesModal(
          app,
          (call) => deps.poster.unpaced('views.open', call),
          desk,
          ref.action,
          ref.id,
          body.trigger_id,
          lang,
        );
      case 'same_person':
      case 'split': {
        const refused = await openPeopleModal(app, people, desk, ref.action, ref.id, body.trigger_id);
        return refused ? say(refused) : undefined;
      }
      case 'merge': {
        // A suggestion card's one tap: the same desk.merge the terminal's `m` runs.
        if (!ref.arg) return say(t('failed'));
        const result = await desk.merge(ref.id, ref.arg, actor);
        if (result.kind === 'rejected') return say(t('rejected', { reason: result.reason }));
        logger.info({ actor: actor.userId }, 'slack merge');
        return;
      }
    }
  }

  async function onAction(
    args: { ack: () => Promise<void>; body: BlockAction; respond: RespondFn },
    value: string | undefined,
  ) {
    await args.ack();
    const { body, respond } = args;
    const where = { channel: body.channel?.id, user: body.user.id, threadTs: body.message?.thread_ts };
    if (!deps.ownerIds.has(body.user.id)) {
      logger.warn({ user: body.user.id }, 'slack action by a non-owner refused');
      return tell(respond, where, t('notOwner'));
    }
    const desk = deps.desk();
    const ref = decodeAction(value);
    if (!desk || !ref) return tell(respond, where, t('failed'));
    try {
      await handleAction(ref, body, respond, desk);
    } catch (err) {
      logger.error({ action: ref.action, err: (err as Error).message }, 'slack action failed');
      await tell(respond, where, t('failed'));
    }
  }

  app.action<BlockAction<ButtonAction>>(/^sd1:/, ({ ack, body, action, respond }) =>
    deps.track(onAction({ ack, body, respond }, action.action_id)),
  );

  app.action<BlockAction<StaticSelectAction>>(SEND_VIA_ACTION, ({ ack, body, action, respond }) =>
    deps.track(onAction({ ack, body, respond }, action.selected_option?.value)),
  );

  app.action<BlockAction<StaticSelectAction>>(SNOOZE_ACTION, ({ ack, body, action, respond }) =>
    deps.track(onAction({ ack, body, respond }, action.selected_option?.value)),
  );

  registerSnoozeModal(app, {
    desk: deps.desk,
    ownerIds: deps.ownerIds,
    track: deps.track,
    actor: (user) => actorOf(user, lang),
    refusal: (key) => t(key),
  });

  registerNotesView(app, {
    desk: deps.desk,
    ownerIds: deps.ownerIds,
    actorOf: (user) => actorOf(user, lang),
    notOwner: t('notOwner'),
    failed: t('failed'),
    track: deps.track,
  });

  registerRemember(app, { ...deps, actorOf: (u) => actorOf(u, lang), notOwner: t('notOwner') });

  registerPeople(app, people);

  registerTemplateModal(app, {
    desk: deps.desk,
    ownerIds: deps.ownerIds,
    track: deps.track,
    actor: (user) => actorOf(user, lang),
    refusal: (key) => t(key),
  });

  app.view(EDIT_CALLBACK, ({ ack, body, view }) =>
    deps.track(onEditSubmit(ack as (response?: ViewErrors) => Promise<void>, body, view)),
  );

  async function onEditSubmit(
    ack: (response?: ViewErrors) => Promise<void>,
    body: { user: UserLike },
    view: {
      state: { values: Record<string, Record<string, { value?: string | null }>> };
      private_metadata: string;
    },
  ) {
    // Refused in the modal itself, under the first text box.
    const refuse = (key: SlackLabelKey) => ack({ response_action: 'errors', errors: { part_0: t(key) } });
    if (!deps.ownerIds.has(body.user.id)) return refuse('notOwner');
    const edited = editedText(view.state.values, view.private_metadata);
    if (!edited || !edited.text.trim()) return refuse('emptyReply');
    if (hasBlanks(edited.text)) return refuse('blanksLeft');
    await ack();
    const desk = deps.desk();
    if (!desk) return;
    const actor = actorOf(body.user, lang);
    try {
      const result = await desk.decide({
        draftId: edited.draftId,
        actor,
        action: 'edit_send',
        text: edited.text,
      });
      if (result.kind === 'already_decided' || result.kind === 'rejected') {
        const draft = await desk.draft(edited.draftId);
        const root = draft ? await deps.refs.root(draft.customerId) : undefined;
        const text =
          result.kind === 'rejected' ? t('rejected', { reason: result.reason }) : t('alreadyDecided');
        if (root)
          await deps.poster.ephemeral({
            channel: root.channel,
            user: body.user.id,
            thread_ts: root.ts,
            ...renderLine(text),
          });
      }
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'slack edit submission failed');
    }
  }

  registerThreadNotes(app, deps);
  registerCommand(app, deps, tell);
}
