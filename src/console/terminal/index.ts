/**
 * The terminal console: try the whole desk with no accounts. Each inbound message is shown
 * with its classification and draft; the owner answers from the keyboard. Renders the same
 * neutral cards as Slack and Discord.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { CHANNELS, type Actor, type Channel } from '../../core/model.js';
import type {
  DecisionResult,
  DeskApi,
  DeskEvent,
  Logger,
  OwnerPost,
  SimpleResult,
} from '../../core/ports.js';
import type { Command, CommandReply } from '../../../commands/command.js';
import type { DeskNotice } from '../../core/desk-notice.js';
import { cardsFor, type OwnerLanguage } from '../card.js';
import { cardContext } from '../card-context.js';
import { deskNoticeText } from '../desk-notice-text.js';
import { answerText } from '../card-answers.js';
import type { ConsoleModule } from '../module.js';
import type { TemplateOffer } from '../../core/message-templates.js';
import { inertTerminal } from './escape.js';
import { renderCard, type Handles } from './render.js';
import { writeReplyFiles } from './files.js';
import { peopleText } from '../../core/people-text.js';
import { ownerStrings } from '../../core/owner-strings/index.js';

export interface TerminalConsoleOptions {
  input: Readable;
  output: Writable;
  commands: Command[];
  ownerLanguage: OwnerLanguage;
  logger: Logger;
  timeZone?: string;
  /** Where `export` writes its files (DATA_DIR/exports). */
  exportDir?: string;
}

export function createTerminalConsole(options: TerminalConsoleOptions): ConsoleModule {
  const { output, ownerLanguage: lang } = options;
  const actor: Actor = { console: 'terminal', userId: 'owner', name: 'owner', language: lang };
  const numbers = new Map<string, number>();
  const byNumber = new Map<string, string>();
  const counters = { draft: 0, customer: 0, job: 0 };
  const handles: Handles = {
    number(kind, id) {
      const key = `${kind}:${id}`;
      let n = numbers.get(key);
      if (n === undefined) {
        n = ++counters[kind];
        numbers.set(key, n);
        byNumber.set(`${kind}:${n}`, id);
      }
      return n;
    },
  };
  let desk: DeskApi | undefined;
  let rl: Interface | undefined;
  let editing: { draftId: string; remember?: boolean } | undefined;

  const print = (text: string) => {
    // Everything printed may carry customer text: no control character reaches the terminal.
    output.write(inertTerminal(text) + '\n');
    rl?.prompt(true);
  };
  const lookup = (kind: 'draft' | 'customer' | 'job', token: string | undefined) =>
    token ? byNumber.get(`${kind}:${token.replace(/^[cC#]/, '')}`) : undefined;

  async function handleLine(line: string): Promise<void> {
    if (!desk) return;
    if (editing) {
      const { draftId, remember } = editing;
      editing = undefined;
      rl?.setPrompt('desk> ');
      if (line.trim() === '') return print('   (edit cancelled)');
      if (remember) return reportSimple(await rememberReply(desk, draftId, line));
      return report(await desk.decide({ draftId, actor, action: 'edit_send', text: line }));
    }
    const [verb = '', first, ...rest] = line.trim().split(/\s+/);
    switch (verb.toLowerCase()) {
      case '':
        return;
      case 's':
      case 'd': {
        const draftId = lookup('draft', first);
        if (!draftId) return print(`   no draft ${first ?? ''}`);
        return report(await desk.decide({ draftId, actor, action: verb === 's' ? 'send' : 'discard' }));
      }
      case 'e': {
        const draftId = lookup('draft', first);
        const draft = draftId ? await desk.draft(draftId) : undefined;
        if (!draftId || !draft) return print(`   no draft ${first ?? ''}`);
        editing = { draftId };
        output.write('   Edit the reply and press Enter (empty line cancels):\n');
        rl?.setPrompt('edit> ');
        rl?.prompt();
        // On a real terminal the line editor starts with the draft; elsewhere, type the new text.
        if (rl?.terminal) rl.write(inertTerminal(draft.text.replace(/\n/g, ' ')));
        else output.write(`   │ ${inertTerminal(draft.text)}\n`);
        return;
      }
      case 'x': {
        const draftId = lookup('draft', first);
        if (!draftId || !desk.cancelAuto) return print(`   no draft ${first ?? ''}`);
        return reportSimple(await desk.cancelAuto(draftId, actor));
      }
      case 'k': {
        // Remember a decided reply: the prefill (with [[blanks]]) is edited like a draft.
        const draftId = lookup('draft', first);
        const prefill = draftId ? await desk.rememberPrefill?.(draftId, actor) : undefined;
        if (!draftId || !prefill) return print(`   no reply ${first ?? ''}`);
        if (prefill.kind === 'rejected') return print(`   ${prefill.reason}`);
        editing = { draftId, remember: true };
        output.write('   Trim the answer to what is general and press Enter (empty line cancels):\n');
        rl?.setPrompt('remember> ');
        rl?.prompt();
        if (rl?.terminal) rl.write(inertTerminal(prefill.text.replace(/\n/g, ' ')));
        else output.write(`   │ ${inertTerminal(prefill.text)}\n`);
        return;
      }
      case 'v': {
        const draftId = lookup('draft', first);
        const channel = rest[0] as Channel | undefined;
        if (!draftId || !channel || !(CHANNELS as readonly string[]).includes(channel)) {
          return print('   usage: v N CHANNEL');
        }
        return report(await desk.decide({ draftId, actor, action: 'send_via', channel }));
      }
      case 'r':
      case 'o': {
        const customerId = lookup('customer', first);
        if (!customerId) return print(`   no customer ${first ?? ''}`);
        return reportSimple(
          verb === 'r' ? await desk.resolve(customerId, actor) : await desk.reopen(customerId, actor),
        );
      }
      case 'cb': {
        const customerId = lookup('customer', first);
        if (!customerId) return print(`   no customer ${first ?? ''}`);
        return reportSimple(await desk.callBack(customerId, actor));
      }
      case 'm': {
        const into = lookup('customer', first);
        const from = lookup('customer', rest[0]);
        if (!into || !from) return print('   usage: m cA cB  (merge customer B into customer A)');
        return reportSimple(await desk.merge(into, from, actor));
      }
      case 'split': {
        // Split: `split cN ADDRESS` (or CHANNEL:ADDRESS) moves that identity to a new customer.
        const customerId = lookup('customer', first);
        const wanted = rest.join(' ').trim();
        if (!customerId || !wanted || !desk.split) return print('   usage: split cN ADDRESS');
        const identities = (await desk.view(customerId))?.identities ?? [];
        const identity =
          identities.find((i) => `${i.channel}:${i.address}` === wanted) ??
          identities.find((i) => i.address === wanted);
        if (!identity) return print(`   ✗ ${peopleText(lang, 'noSuchIdentity')}`);
        return reportSimple(await desk.split(customerId, identity, actor));
      }
      case 'tp': {
        // WhatsApp beyond 24 h: `tp N` lists the templates, `tp N K | v1 | v2` sends one.
        const draftId = lookup('draft', first);
        if (!draftId || !desk.templateOffers || !desk.sendTemplate)
          return print('   usage: tp N [K | value | …]');
        const offers = await desk.templateOffers(draftId, actor);
        if (offers.kind === 'rejected') return print(`   ✗ ${offers.reason}`);
        const [pick, ...given] = rest
          .join(' ')
          .split('|')
          .map((x) => x.trim());
        const chosen = pick ? offers.offers[Number(pick) - 1] : undefined;
        if (!chosen) return print(templateList(offers.offers, handles.number('draft', draftId)));
        const values: Record<string, string> = {};
        chosen.template.variables.forEach(({ key }, i) => {
          if (given[i]) values[key] = given[i];
        });
        return report(await desk.sendTemplate({ draftId, actor, templateSid: chosen.template.sid, values }));
      }
      case 'z': {
        const customerId = lookup('customer', first);
        if (!customerId || rest.length === 0 || !desk.snooze) return print('   usage: z cN WHEN');
        return reportSimple(await desk.snooze(customerId, rest.join(' '), actor));
      }
      case 't': {
        const jobId = lookup('job', first);
        if (!jobId) return print(`   no delivery ${first ?? ''}`);
        return reportSimple(await desk.retry(jobId, actor));
      }
      case 'again':
      case 'arrived': {
        // An uncertain delivery: send it again once, or the customer got it.
        const jobId = lookup('job', first);
        if (!jobId || !desk.answerUncertain) return print(`   no delivery ${first ?? ''}`);
        return reportSimple(
          await desk.answerUncertain(jobId, verb === 'again' ? 'resend' : 'arrived', actor),
        );
      }
      case 'n': {
        const customerId = lookup('customer', first);
        if (!customerId) return print(`   no customer ${first ?? ''}`);
        await desk.note(customerId, rest.join(' '), actor);
        return;
      }
      case 'note':
      case 'tags': {
        // The owner's private note / comma-separated tags on a customer (the root card's Note, Tags).
        const customerId = lookup('customer', first);
        if (!customerId || !desk.setNotes) return print(`   usage: ${verb.toLowerCase()} cN TEXT`);
        const text = rest.join(' ');
        return reportSimple(
          await desk.setNotes(
            customerId,
            verb.toLowerCase() === 'note' ? { note: text } : { tags: text },
            actor,
          ),
        );
      }
      case 'l': {
        const drafts = await desk.pendingDrafts();
        if (drafts.length === 0) return print('   no pending drafts');
        for (const d of drafts) {
          print(
            `   draft #${handles.number('draft', d.id)} (c${handles.number('customer', d.customerId)}, ${d.channel}): ${d.text.slice(0, 70)}`,
          );
        }
        return;
      }
      case 'help':
      case 'h':
      case '?':
        return print(ownerStrings(lang).terminal.help);
      case 'quit':
      case 'exit':
        process.kill(process.pid, 'SIGINT');
        return;
      default:
        return runCommand(
          verb.replace(/^\/(cs\s*)?/, ''),
          [first, ...rest].filter((x): x is string => Boolean(x)),
        );
    }
  }

  async function rememberReply(api: DeskApi, draftId: string, text: string): Promise<SimpleResult> {
    if (!api.remember) return { kind: 'rejected', reason: 'Remember is not available' };
    const result = await api.remember(draftId, text, actor);
    if (result.kind === 'ok') print(`   ${answerText(lang, 'remembered')}`);
    return result;
  }

  async function runCommand(name: string, args: string[]): Promise<void> {
    const command = options.commands.find((c) => c.name === name);
    if (!command) return print(`   unknown key "${name}" — type help`);
    // `c3` names a customer as the cards number them (export c3, forget c3).
    const named = args.map((a) => (/^c\d+$/i.test(a) ? (lookup('customer', a) ?? a) : a));
    const reply = await command.run(named, actor);
    // A line about a customer gets the customer's handle, so "r cN" or "z cN …" can follow.
    print(renderReply(reply, handles));
    if (reply.files?.length) {
      const paths = await writeReplyFiles(options.exportDir ?? 'exports', reply.files);
      for (const path of paths) print(`   → ${path}`);
    }
    if (reply.confirm)
      print(`   ${reply.confirm.label}: ${[reply.confirm.command, ...reply.confirm.args].join(' ')}`);
  }

  function report(result: DecisionResult): void {
    if (result.kind === 'rejected') print(`   ✗ ${result.reason}`);
    else if (result.kind === 'already_decided') print('   ✗ already decided — nothing changed');
  }
  function reportSimple(result: SimpleResult): void {
    if (result.kind === 'rejected') print(`   ✗ ${result.reason}`);
  }

  const console = {
    name: 'terminal',
    async start(api: DeskApi) {
      desk = api;
      rl = createInterface({
        input: options.input,
        output,
        terminal: Boolean((options.input as { isTTY?: boolean }).isTTY),
      });
      rl.setPrompt('desk> ');
      rl.on('line', (line) => {
        handleLine(line).catch((err: unknown) => print(`   ✗ ${(err as Error).message}`));
      });
      print(`solodesk terminal console — ${ownerStrings(lang).terminal.help}`);
    },
    async stop() {
      rl?.close();
      rl = undefined;
    },
    async publish(event: DeskEvent) {
      const cards = cardsFor(
        event,
        await cardContext(desk, event, {
          language: lang,
          ...(options.timeZone ? { timeZone: options.timeZone } : {}),
        }),
      );
      // The customer card heads a new thread only; elsewhere it would repeat on every event.
      const shown =
        event.type === 'inbound' || event.type === 'customer'
          ? cards
          : cards.filter((c) => c.kind !== 'customer');
      for (const card of shown) print(renderCard(card, handles));
    },
    async announce(notice: DeskNotice) {
      print(`ℹ️  ${deskNoticeText(notice, lang)}`);
    },

    /** The daily digest, printed like a command reply. */
    async publishPost(post: OwnerPost) {
      print(renderReply(post));
    },
  };
  return { console };
}

/** `tp N`: the approved templates, their variables as they will be filled, and how to send one. */
function templateList(offers: TemplateOffer[], draftNo: number): string {
  const lines = offers.map(({ template, values }, i) => {
    const vars = template.variables.map(({ key }) => `{{${key}}}=${values[key] ?? ''}`).join('  ');
    return `   ${i + 1}) ${template.name} — ${template.body.replace(/\n/g, ' ')}\n      ${vars}`;
  });
  return [...lines, `   → tp ${draftNo} K [| value | …]`].join('\n');
}

/** `handles`: a row about a customer ends with their handle (c3), to act on them by key. */
function renderReply(reply: CommandReply, handles?: Handles): string {
  const lines = [`   ${reply.title}`];
  for (const section of reply.sections) {
    if (section.heading) lines.push(`   ${section.heading}`);
    for (const f of section.fields) {
      const handle = f.customerId && handles ? ` [c${handles.number('customer', f.customerId)}]` : '';
      lines.push(`     ${f.label}${handle}: ${f.value}`);
    }
  }
  if (reply.text) lines.push(...reply.text.split('\n').map((l) => `   ${l}`));
  return lines.join('\n');
}
