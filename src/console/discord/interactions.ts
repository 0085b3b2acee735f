/**
 * What the owner does in Discord: buttons, the Send via menu, the Edit modal, free text in
 * a customer's post, and `/cs`. Every interaction is acknowledged before any slow work
 * (Discord invalidates the token after 3 s, §7.33): decisions are deferred updates, the
 * Edit button opens its modal straight away (a modal must be the first answer), `/cs`
 * is a deferred ephemeral reply. Only DISCORD_OWNER_IDS (or the owner role) may act:
 * anyone else gets an ephemeral refusal and nothing changes.
 */
import type { FileFetcher } from '../share-files.js';
import { actorOf, rolesOf } from './actor.js';
import { threadNoteHandler } from './thread-notes.js';
import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { Command, CommandReply } from '../../../commands/command.js';
import { hasBlanks, type Channel } from '../../core/model.js';
import type { DeskApi, Logger } from '../../core/ports.js';
import { channelName, decodeAction, type ActionRef, type OwnerLanguage } from '../card.js';
import { NO_MENTIONS } from './escape.js';
import { discordLabel, type DiscordLabelKey } from './labels.js';
import type { DiscordRefs } from './refs.js';
import { NOTES_INPUT_ID, notesModal } from './notes.js';
import { confirmComponents, isConfirm, runConfirm } from './confirm.js';
import { EDIT_INPUT_ID, SEND_VIA_ID, editModal, fullText, renderCommandReply } from './render.js';
import { parseSlash } from './slash.js';
import { linkThreads } from '../command-links.js';
import { SNOOZE_ID, SNOOZE_INPUT_ID, snoozeModal } from './snooze.js';
import { REMEMBER_INPUT_ID, rememberModal } from './remember.js';
import { answerText } from '../card-answers.js';
import { TEMPLATE_INPUT_ID, templateModal, templateSubmission } from './template-modal.js';
import {
  PEOPLE_PICK_ID,
  SPLIT_PICK_ID,
  answerPeopleSearch,
  answerSplitButton,
  runSplit,
  samePersonModal,
} from './people.js';
import { simpleTap } from '../card-taps.js';

export interface HandlerDeps {
  desk: () => DeskApi | undefined;
  refs: DiscordRefs;
  logger: Logger;
  commands: readonly Command[];
  ownerIds: ReadonlySet<string>;
  ownerRoleId?: string;
  language: OwnerLanguage;
  guildId: string;
  forumId: string;
  commandName: string;
  /** Fetches attachments the owner posts in a customer's post; without it they are ignored. */
  files?: FileFetcher;
}

type Answerable =
  ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction | ChatInputCommandInteraction;

export function createHandlers(deps: HandlerDeps) {
  const { logger, language: lang } = deps;
  const t = (key: DiscordLabelKey, vars?: Record<string, string | number>) => discordLabel(lang, key, vars);

  const isOwner = (userId: string, roles: readonly string[]) =>
    deps.ownerIds.has(userId) || (deps.ownerRoleId !== undefined && roles.includes(deps.ownerRoleId));

  /** An ephemeral line to the acting user, whatever state the interaction is in. */
  async function tell(interaction: Answerable, content: string): Promise<void> {
    const payload = { content, flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
    if (interaction.deferred || interaction.replied) await interaction.followUp(payload);
    else await interaction.reply(payload);
  }

  async function decide(
    interaction: Answerable,
    ref: ActionRef,
    desk: DeskApi,
    text?: string,
  ): Promise<void> {
    const actor = actorOf(interaction.user, lang);
    switch (ref.action) {
      case 'send':
      case 'discard':
      case 'send_via':
      case 'edit': {
        const action = ref.action === 'edit' ? 'edit_send' : ref.action;
        const channel = ref.action === 'send_via' ? (ref.arg as Channel) : undefined;
        const result = await desk.decide({
          draftId: ref.id,
          actor,
          action,
          ...(channel ? { channel } : {}),
          ...(text !== undefined ? { text } : {}),
        });
        if (result.kind === 'already_decided') {
          const who = result.decision?.actor.name ?? result.decision?.actor.userId;
          return tell(interaction, who ? t('alreadyDecidedBy', { who }) : t('alreadyDecided'));
        }
        if (result.kind === 'rejected') return tell(interaction, t('rejected', { reason: result.reason }));
        logger.info({ draftId: ref.id, decision: result.kind, actor: actor.userId }, 'discord decision');
        return;
      }
      case 'retry':
      case 'resolve':
      case 'reopen':
      case 'call_back':
      case 'uncertain': {
        const result = await simpleTap(desk, { ...ref, action: ref.action }, actor, t('failed'));
        if (result.kind === 'rejected') return tell(interaction, t('rejected', { reason: result.reason }));
        return;
      }
      case 'merge': {
        // A suggestion card's one tap: the same desk.merge the terminal's `m` runs.
        if (!ref.arg) return;
        const result = await desk.merge(ref.id, ref.arg, actor);
        if (result.kind === 'rejected') return tell(interaction, t('rejected', { reason: result.reason }));
        return;
      }
      case 'cancel_auto': {
        const result = (await desk.cancelAuto?.(ref.id, actor)) ?? { kind: 'rejected', reason: t('failed') };
        if (result.kind === 'rejected') return tell(interaction, t('rejected', { reason: result.reason }));
        return;
      }
      case 'snooze': {
        const result = desk.snooze
          ? await desk.snooze(ref.id, text ?? ref.arg ?? '', actor)
          : { kind: 'rejected' as const, reason: t('failed') };
        if (result.kind === 'rejected') return tell(interaction, t('rejected', { reason: result.reason }));
        return;
      }
      default:
        return;
    }
  }

  async function onComponent(
    interaction: ButtonInteraction | StringSelectMenuInteraction,
    ref: ActionRef,
    desk: DeskApi,
  ) {
    if (ref.action === 'edit') {
      const draft = await desk.draft(ref.id);
      if (!draft) return tell(interaction, t('gone'));
      if (draft.status !== 'pending') return tell(interaction, t('notPending'));
      return interaction.showModal(editModal(draft, channelName(lang, draft.channel), lang));
    }
    if (ref.action === 'send_template') {
      const offers = desk.templateOffers
        ? await desk.templateOffers(ref.id, actorOf(interaction.user, lang))
        : undefined;
      if (!offers) return tell(interaction, t('failed'));
      if (offers.kind === 'rejected') return tell(interaction, t('rejected', { reason: offers.reason }));
      return interaction.showModal(templateModal(ref.id, offers.offers, lang));
    }
    if (ref.action === 'snooze' && ref.arg === 'custom')
      return interaction.showModal(snoozeModal(ref.id, lang));
    if (ref.action === 'remember') {
      const prefill = await desk.rememberPrefill?.(ref.id, actorOf(interaction.user, lang));
      if (!prefill) return tell(interaction, t('failed'));
      if (prefill.kind === 'rejected') return tell(interaction, t('rejected', { reason: prefill.reason }));
      return interaction.showModal(rememberModal(ref.id, prefill.text, lang));
    }
    if (ref.action === 'note' || ref.action === 'tags')
      return interaction.showModal(notesModal(ref.action, ref.id, (await desk.view(ref.id))?.notes, lang));
    // Same person as… and Split… (people.ts): a search modal, and private selects.
    if (ref.action === 'same_person') return interaction.showModal(samePersonModal(ref.id, lang));
    if (ref.action === 'split' && interaction.isButton())
      return answerSplitButton(interaction, ref.id, desk, lang);
    if (ref.action === 'split' && interaction.isStringSelectMenu()) {
      const actor = actorOf(interaction.user, lang);
      const refused = await runSplit(interaction, ref, desk, actor, lang);
      return refused ? tell(interaction, t('rejected', { reason: refused })) : undefined;
    }
    if (ref.action === 'show_message' || ref.action === 'show_draft') {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const text =
        ref.action === 'show_message'
          ? await desk.message(ref.id).then((m) => m && (m.fullText ?? m.text))
          : await desk.draft(ref.id).then((d) => d?.text);
      if (text === undefined) return void (await interaction.editReply({ content: t('gone') }));
      return void (await interaction.editReply(fullText(text, lang)));
    }
    await interaction.deferUpdate();
    return decide(interaction, ref, desk);
  }

  async function onModal(interaction: ModalSubmitInteraction, ref: ActionRef, desk: DeskApi) {
    if (ref.action === 'snooze') {
      if (interaction.isFromMessage()) await interaction.deferUpdate();
      else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      return decide(interaction, ref, desk, interaction.fields.getTextInputValue(SNOOZE_INPUT_ID));
    }
    if (ref.action === 'send_template') return onTemplate(interaction, ref, desk);
    if (ref.action === 'same_person') return answerPeopleSearch(interaction, ref.id, desk, lang);
    if (ref.action === 'remember') {
      const answer = interaction.fields.getTextInputValue(REMEMBER_INPUT_ID);
      const result = await desk.remember?.(ref.id, answer, actorOf(interaction.user, lang));
      if (!result) return tell(interaction, t('failed'));
      return tell(
        interaction,
        result.kind === 'ok' ? answerText(lang, 'remembered') : t('rejected', { reason: result.reason }),
      );
    }
    if (ref.action === 'note' || ref.action === 'tags') {
      const text = interaction.fields.getTextInputValue(NOTES_INPUT_ID);
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const result = desk.setNotes
        ? await desk.setNotes(
            ref.id,
            ref.action === 'note' ? { note: text } : { tags: text },
            actorOf(interaction.user, lang),
          )
        : { kind: 'rejected' as const, reason: t('failed') };
      return void (await interaction.editReply({
        content: result.kind === 'rejected' ? t('rejected', { reason: result.reason }) : '✅',
      }));
    }
    const text = interaction.fields.getTextInputValue(EDIT_INPUT_ID);
    if (!text.trim()) return tell(interaction, t('emptyReply'));
    if (hasBlanks(text)) return tell(interaction, t('blanksLeft'));
    if (interaction.isFromMessage()) await interaction.deferUpdate();
    else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    return decide(interaction, ref, desk, text);
  }

  async function onTemplate(interaction: ModalSubmitInteraction, ref: ActionRef, desk: DeskApi) {
    const actor = actorOf(interaction.user, lang);
    if (interaction.isFromMessage()) await interaction.deferUpdate();
    else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const offers = desk.templateOffers ? await desk.templateOffers(ref.id, actor) : undefined;
    if (!offers || !desk.sendTemplate) return tell(interaction, t('failed'));
    if (offers.kind === 'rejected') return tell(interaction, t('rejected', { reason: offers.reason }));
    const field = (id: string) => {
      try {
        return interaction.fields.getTextInputValue(id);
      } catch {
        return undefined; // an input this modal did not have
      }
    };
    const choice = templateSubmission(offers.offers, field);
    if (!choice) {
      const names = offers.offers.map((o) => o.template.name).join(', ');
      return tell(interaction, t('rejected', { reason: `${field(TEMPLATE_INPUT_ID) ?? ''} ∉ {${names}}` }));
    }
    const result = await desk.sendTemplate({
      draftId: ref.id,
      actor,
      templateSid: choice.sid,
      values: choice.values,
    });
    if (result.kind === 'already_decided') {
      const who = result.decision?.actor.name ?? result.decision?.actor.userId;
      return tell(interaction, who ? t('alreadyDecidedBy', { who }) : t('alreadyDecided'));
    }
    if (result.kind === 'rejected') return tell(interaction, t('rejected', { reason: result.reason }));
    logger.info({ draftId: ref.id, actor: actor.userId }, 'discord template decision');
  }

  async function onSlash(interaction: ChatInputCommandInteraction) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const { name, args } = parseSlash(interaction);
    const command = deps.commands.find((c) => c.name.toLowerCase() === name);
    let reply: CommandReply;
    if (command) reply = await command.run(args, actorOf(interaction.user, lang));
    else if (name === 'help') reply = builtinHelp(deps.commands, lang, deps.commandName);
    else
      return void (await interaction.editReply({
        content: t('unknownCommand', { name, cmd: deps.commandName }),
      }));
    await linkThreads(reply, async (customerId) => {
      const threadId = await deps.refs.post(customerId);
      return threadId ? `https://discord.com/channels/${deps.guildId}/${threadId}` : undefined;
    });
    await interaction.editReply({ ...renderCommandReply(reply), components: confirmComponents(reply) });
  }

  async function route(interaction: Answerable): Promise<void> {
    if (!isOwner(interaction.user.id, rolesOf(interaction.member))) {
      logger.warn(
        { user: interaction.user.id, kind: interaction.type },
        'discord interaction by a non-owner refused',
      );
      return tell(interaction, t('notOwner'));
    }
    const desk = deps.desk();
    if (!desk) return tell(interaction, t('failed'));
    if (interaction.isChatInputCommand()) return onSlash(interaction);
    if (interaction.isButton() && isConfirm(interaction.customId))
      return runConfirm(interaction, deps.commands, actorOf(interaction.user, lang));
    const value = interaction.isStringSelectMenu() ? interaction.values[0] : interaction.customId;
    const ref = decodeAction(value);
    if (!ref) return tell(interaction, t('failed'));
    if (interaction.isModalSubmit()) return onModal(interaction, ref, desk);
    return onComponent(interaction, ref, desk);
  }

  function ours(interaction: Interaction): Answerable | undefined {
    if (!interaction.inGuild() || interaction.guildId !== deps.guildId) return undefined; // DMs: the connector's
    if (interaction.isChatInputCommand())
      return interaction.commandName === deps.commandName ? interaction : undefined;
    if (interaction.isButton())
      return decodeAction(interaction.customId) || isConfirm(interaction.customId) ? interaction : undefined;
    if (interaction.isStringSelectMenu())
      return [SEND_VIA_ID, SNOOZE_ID, PEOPLE_PICK_ID, SPLIT_PICK_ID].includes(interaction.customId)
        ? interaction
        : undefined;
    if (interaction.isModalSubmit()) {
      const action = decodeAction(interaction.customId)?.action;
      return action === 'edit' ||
        action === 'snooze' ||
        action === 'remember' ||
        action === 'note' ||
        action === 'tags' ||
        action === 'same_person' ||
        action === 'send_template'
        ? interaction
        : undefined;
    }
    return undefined;
  }

  function onInteraction(raw: Interaction): void {
    const interaction = ours(raw);
    if (!interaction) return;
    void route(interaction).catch(async (error: unknown) => {
      logger.error(
        { interactionId: interaction.id, err: (error as Error).message },
        'discord interaction failed',
      );
      await tell(interaction, t('failed')).catch(() => undefined);
    });
  }

  const onMessage = threadNoteHandler(deps, isOwner);

  return { onInteraction, onMessage };
}

function builtinHelp(commands: readonly Command[], lang: OwnerLanguage, commandName: string): CommandReply {
  return {
    title: discordLabel(lang, 'helpTitle'),
    sections: [
      { fields: commands.map((c) => ({ label: `/${commandName} ${c.usage}`, value: c.summary[lang] })) },
    ],
    text: commands.length === 0 ? `/${commandName} help` : undefined,
  };
}
