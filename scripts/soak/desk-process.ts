/**
 * The desk as the soak runs it: a child process built exactly as src/main.ts builds it
 * (loadConfig from the environment → createDesk → start), with one difference passed on the
 * command line: platform pacing is time-compressed by a divisor (Slack posts 1/s per channel and
 * SMS 1 segment/s would make 5,000 messages take hours). The emulators are told the same
 * divisor, so the desk still has to respect every limit they enforce. The Slack console is
 * built here (not from SLACK_* variables) only because its post gap is a console option.
 *
 *   tsx scripts/soak/desk-process.ts '{"paceDivisor":20,"slack":{...}}'
 */
import { loadConfig } from '../../src/config.js';
import { createDesk } from '../../src/app.js';
import { buildStore } from '../../src/compose/store.js';
import { buildCommands } from '../../src/compose/commands.js';
import { createSlackConsole } from '../../src/console/slack/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { createBottleneckPacer } from '../../src/pacing/bottleneck-pacer.js';
import type { Pacer } from '../../src/core/ports.js';

export interface DeskProcessArgs {
  paceDivisor: number;
  slack?: {
    botToken: string;
    signingSecret: string;
    channelId: string;
    ownerIds: string[];
    apiUrl: string;
  };
}

/** Every pacing rule's gaps divided by `divisor` (≥ 1). */
export function compressedPacer(divisor: number): Pacer {
  const pacer = createBottleneckPacer();
  const scale = (ms: number | undefined) => (ms === undefined ? undefined : Math.ceil(ms / divisor));
  return {
    ...pacer,
    define: (rule) =>
      pacer.define({
        ...rule,
        minTimeMs: scale(rule.minTimeMs) ?? 0,
        ...(rule.overallMinTimeMs !== undefined ? { overallMinTimeMs: scale(rule.overallMinTimeMs) } : {}),
      }),
  };
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as DeskProcessArgs;
  const divisor = Math.max(1, args.paceDivisor ?? 1);
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const clock = { now: () => new Date() };
  const pacer = compressedPacer(divisor);
  const store = await buildStore(config, logger);
  const commands = buildCommands(config, { store, clock });
  const consoles = args.slack
    ? [
        createSlackConsole(
          {
            ...args.slack,
            timeZone: config.TZ,
            pacing: { postMs: Math.ceil(1000 / divisor), updateMs: Math.ceil(1200 / divisor) },
          },
          { logger, pacer, clock, commands, ownerLanguage: config.OWNER_LANGUAGE },
        ),
      ]
    : [];
  const desk = await createDesk(config, { store, pacer, logger, clock, commands, consoles, terminal: false });
  await desk.start();
  console.error(`soak desk ${process.pid} listening on ${desk.url}`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) process.exit(1);
    stopping = true;
    desk.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(`soak desk could not start: ${(err as Error).message}`);
  process.exit(1);
});
