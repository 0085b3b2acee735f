/**
 * The owner command registry. main.ts hands the result to every console; consoles parse
 * their own syntax into (name, args) and render the neutral CommandReply.
 */
import type { Clock, FiguresSource } from '../src/core/ports.js';
import type { Attention } from '../src/core/attention/attention.js';
import type { Command } from './command.js';
import { createAwayCommands } from './away.js';
import { createDueCommands } from './due.js';
import { createHoursCommand } from './hours.js';
import { attentionFigures } from '../src/core/attention/figures.js';
import { createHelpCommand } from './help.js';
import { createStatsCommand } from './stats.js';
import { createAnswerCommands } from './answers.js';
import { createAutopilotCommand } from './autopilot.js';
import { loopFigures } from './stats-loop.js';
import type { FactBook } from '../src/core/answers/facts.js';
import type { Store } from '../src/core/ports.js';
import type { Actor } from '../src/core/model.js';
import { createFindCommand } from './find.js';
import type { SearchSource } from '../src/core/search.js';
import type { OwnerLanguage } from './stats-text.js';
import { createPrivacyCommands, type PrivacyCommandDeps } from './privacy.js';

export interface CommandDeps {
  /** Where figures come from: the store, when it implements FiguresSource. */
  figures: FiguresSource;
  clock: Clock;
  /** The owner's IANA time zone (config TZ). */
  tz: string;
  /** The owner's language (config OWNER_LANGUAGE). */
  language?: OwnerLanguage;
  /** Render chart images for `/cs stats` (default true). */
  chart?: boolean;
  /** Business hours, away, the waiting list (src/core/attention). */
  attention?: Attention;
  /** Remembered answers (the store) and taught facts (the knowledge base): /cs answers, /cs learn. */
  answers?: Pick<Store, 'listAnswers' | 'getAnswer' | 'putAnswer' | 'deleteAnswer'>;
  /** The store and AUTOPILOT_MIN_APPROVALS, for /cs autopilot. */
  autopilot?: {
    store: Store;
    minApprovals: number;
    afterOff?: (answerId: string, actor: Actor) => Promise<unknown>;
  };
  facts?: FactBook;
  /** Full-text search for `/cs find` (both stores implement it). */
  search?: SearchSource;
  /** `/cs export` and `/cs forget`, when the store can export and erase. */
  privacy?: Pick<PrivacyCommandDeps, 'store' | 'beforeForget'>;
}

export function createCommands(deps: CommandDeps): Command[] {
  const commands: Command[] = [];
  commands.push(
    createStatsCommand({
      figures: deps.figures,
      clock: deps.clock,
      tz: deps.tz,
      ...(deps.language ? { language: deps.language } : {}),
      ...(deps.chart !== undefined ? { chart: deps.chart } : {}),
      ...(deps.attention ? { attention: attentionFiguresOf(deps.attention) } : {}),
      ...(deps.autopilot ? { loop: loopFiguresOf(deps.autopilot.store) } : {}),
    }),
    createHelpCommand(() => commands, deps.language),
  );
  if (deps.search)
    commands.push(
      createFindCommand({
        search: deps.search,
        tz: deps.tz,
        ...(deps.language ? { language: deps.language } : {}),
      }),
    );
  if (deps.attention)
    commands.push(
      createHoursCommand(deps.attention),
      ...createAwayCommands(deps.attention),
      ...createDueCommands(deps.attention),
    );
  if (deps.answers)
    commands.push(
      ...createAnswerCommands({
        answers: deps.answers,
        ...(deps.facts ? { facts: deps.facts } : {}),
        ...(deps.language ? { language: deps.language } : {}),
      }),
    );
  if (deps.autopilot)
    commands.push(
      createAutopilotCommand({
        ...deps.autopilot,
        clock: deps.clock,
        ...(deps.language ? { language: deps.language } : {}),
      }),
    );
  if (deps.privacy)
    commands.push(
      ...createPrivacyCommands({
        ...deps.privacy,
        clock: deps.clock,
        ...(deps.language ? { language: deps.language } : {}),
      }),
    );
  return commands;
}

function loopFiguresOf(store: Store) {
  return (from: Date, to: Date) => loopFigures(store, from, to);
}

function attentionFiguresOf(attention: Attention) {
  return (from: Date, to: Date) => attentionFigures(attention, from, to);
}

/** Looks a command up by name, case-insensitively. */
export function findCommand(commands: readonly Command[], name: string): Command | undefined {
  const wanted = name.trim().toLowerCase();
  return commands.find((c) => c.name === wanted);
}

export type { Command, CommandReply } from './command.js';
