/**
 * Builds the whole desk from a Config: store, nlp, consoles, connectors, commands, the
 * core pipeline, decisions and outbox, and the one HTTP server. main.ts runs it as a
 * process; tests build it in-process, passing extra modules or replacements as overrides.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Config } from './config.js';
import { ConsoleHub } from './core/console-hub.js';
import { Decisions } from './core/decisions/decisions.js';
import type { Actor, Channel } from './core/model.js';
import { DEFAULT_OUTBOX_OPTIONS, Outbox, type OutboxOptions } from './core/outbox.js';
import { Pipeline } from './core/pipeline.js';
import type {
  CallBackPlacer,
  Classifier,
  Clock,
  Connector,
  Console as DeskConsole,
  Drafter,
  Logger,
  Pacer,
  Store,
} from './core/ports.js';
import type { ConnectorDeps, ConnectorModule } from '../connectors/module.js';
import type { ConsoleModule } from './console/module.js';
import type { Command } from '../commands/command.js';
import { createHttpApp, finishHttpApp, listen, type HealthReport } from './http/server.js';
import { mountCsatRoute } from './http/csat-route.js';
import { fileLinker } from './http/file-link.js';
import { mountFileRoute } from './http/file-route.js';
import { FileSweeper } from './core/outbound-files.js';
import { createStartGate } from './http/start-gate.js';
import { createLogger } from './logging/logger.js';
import { createBottleneckPacer } from './pacing/bottleneck-pacer.js';
import { ShutdownClock, STOP_BUDGET_MS } from './compose/shutdown.js';
import { buildStore } from './compose/store.js';
import { buildNlp } from './compose/nlp.js';
import { memoryReport } from './compose/memory-report.js';
import { buildConnectors } from './compose/connectors.js';
import { buildConsoles } from './compose/consoles.js';
import { buildCommands } from './compose/commands.js';
import { createForgetHook } from './compose/privacy.js';
import { isPrivacyStore } from './core/privacy.js';
import { RetentionSweeper } from './core/retention.js';
import { attentionSettings } from './compose/attention.js';
import { Attention } from './core/attention/attention.js';
import { AttentionConsole } from './core/attention/attention-console.js';
import { AttentionScheduler } from './core/attention/scheduler.js';
import { Autopilot, AUTOPILOT_ACTOR } from './core/answers/autopilot.js';
import { durationMs, parseDuration } from './core/attention/durations.js';

/** How often (and after how long) messages a console missed are offered to it again. */
const CONSOLE_RETRY_MS = 60_000;

export interface DeskOverrides {
  store?: Store;
  classifier?: Classifier;
  drafter?: Drafter;
  logger?: Logger;
  clock?: Clock;
  pacer?: Pacer;
  /** Added to the connectors the config enables. */
  connectors?: ConnectorModule[];
  /** Added to the consoles the config enables. */
  consoles?: ConsoleModule[];
  /** Replaces the command registry. */
  commands?: Command[];
  /** Whether to run the terminal console (default: config + whether stdin is a TTY). */
  terminal?: boolean;
  outbox?: Partial<OutboxOptions>;
  /** Listen on this port instead of config.PORT (0 = any free port). */
  port?: number;
}

export interface Desk {
  config: Config;
  store: Store;
  intake: Pipeline;
  api: Decisions;
  outbox: Outbox;
  attention: Attention;
  scheduler: AttentionScheduler;
  app: Express;
  commands: Command[];
  /** Set once started. */
  server?: Server;
  /** http://host:port once started. */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Waits until inbound processing and claimed deliveries have finished (tests). */
  drain(): Promise<void>;
}

export async function createDesk(config: Config, overrides: DeskOverrides = {}): Promise<Desk> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const clock: Clock = overrides.clock ?? { now: () => new Date() };
  const pacer = overrides.pacer ?? createBottleneckPacer();
  const memory = memoryReport(config.MEMORY_REPORT);
  const store = overrides.store ?? (await buildStore(config, logger));
  memory('store opened');
  const nlp = await buildNlp(config, { ...overrides, logger }, memory);
  memory('nlp started');
  const ids = () => randomUUID();

  // Consoles are built after the connectors, and decisions after the commands: a desk notice
  // and /cs autopilot off reach them through this late binding.
  const late: { consoles?: ConsoleHub; decisions?: Decisions } = {};
  const connectorDeps: ConnectorDeps = {
    logger,
    pacer,
    clock,
    publicUrl: config.PUBLIC_URL,
    appSecret: config.APP_SECRET,
    dataDir: config.DATA_DIR,
    cursors: {
      get: (name: string) => store.getCursor(name),
      set: (name: string, v: string) => store.setCursor(name, v),
    },
    notify: (notice) => void late.consoles?.announce(notice),
  };
  const connectorModules = [
    ...(await buildConnectors(config, connectorDeps)),
    ...(overrides.connectors ?? []),
  ];
  memory(`connectors loaded (${connectorModules.map((m) => m.connector.name).join(', ') || 'none'})`);
  const connectors = new Map<Channel, Connector>();
  for (const { connector } of connectorModules) {
    for (const rule of connector.pacing ?? []) pacer.define(rule);
    for (const channel of connector.channels) connectors.set(channel, connector);
  }
  const connectorFor = (channel: Channel) => connectors.get(channel);

  // The hub is built below with attention among its consoles; attention reads it lazily.
  const hub: { current?: ConsoleHub } = {};
  const kick = { outbox: () => {} };
  const attention = new Attention(
    {
      store,
      clock,
      ids,
      logger,
      consoles: () => hub.current as ConsoleHub,
      connectorFor,
      kickOutbox: () => kick.outbox(),
    },
    attentionSettings(config),
  );
  // The consoles are built after the commands they run: the hook reads them when called.
  const forgetConsoles: { list: DeskConsole[] } = { list: [] };
  const beforeForget = createForgetHook({
    consoles: () => forgetConsoles.list,
    dataDir: config.DATA_DIR,
    logger,
  });
  const autopilotOff = (answerId: string, actor: Actor) =>
    late.decisions?.stopAutoSends(answerId, actor) ?? Promise.resolve(0);
  const commands =
    overrides.commands ?? buildCommands(config, { store, clock, attention, beforeForget, autopilotOff });
  const consoleModules = [
    ...(await buildConsoles(config, { logger, pacer, clock, commands, terminal: overrides.terminal })),
    ...(overrides.consoles ?? []),
  ];
  memory(`consoles loaded (${consoleModules.map((m) => m.console.name).join(', ') || 'none'})`);
  const consoles = new ConsoleHub(
    [...consoleModules.map((m) => m.console), new AttentionConsole(attention)],
    logger,
  );
  late.consoles = consoles;
  forgetConsoles.list = consoleModules.map((m) => m.console);
  const retention = isPrivacyStore(store)
    ? new RetentionSweeper({ store, clock, logger }, config.RETENTION_DAYS)
    : undefined;
  hub.current = consoles;
  const scheduler = new AttentionScheduler(attention, () =>
    consoleModules.map((m) => m.console).filter((c) => c.publishPost),
  );

  const autopilot = autopilotFor(config, store, clock, logger, (draftId) =>
    api.decide({ draftId, actor: AUTOPILOT_ACTOR, action: 'send' }),
  );
  const intake = new Pipeline(
    { store, classifier: nlp.classifier, drafter: nlp.drafter, consoles, clock, ids, logger, autopilot },
    {
      idleGapMs: config.CONVERSATION_IDLE_HOURS * 3_600_000,
      maxAttachmentBytes: config.INBOUND_ATTACHMENTS_MAX_BYTES,
      maxIntakeAttempts: config.INTAKE_MAX_ATTEMPTS,
      ownerLanguage: config.OWNER_LANGUAGE,
    },
  );
  const fileTtlMs = durationOf(config.FILE_LINK_TTL, 'FILE_LINK_TTL');
  const files = new FileSweeper({ store, clock, logger });
  const outbox = new Outbox(
    {
      store,
      consoles,
      connectorFor,
      clock,
      logger,
      fileLink: fileLinker(config.APP_SECRET, config.PUBLIC_URL),
      fileTtlMs,
      ownerLanguage: config.OWNER_LANGUAGE,
    },
    {
      ...DEFAULT_OUTBOX_OPTIONS,
      leaseMs: config.OUTBOX_LEASE_MS,
      maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
      owner: `${process.pid}-${randomUUID().slice(0, 8)}`,
      ...overrides.outbox,
    },
  );
  kick.outbox = () => outbox.kick();
  const voice = connectorModules.find((m) => m.actions?.callBack)?.actions;
  const callBack: CallBackPlacer | undefined = voice?.callBack
    ? async (number) => {
        const placed = await voice.callBack!(number);
        return placed.kind === 'calling' ? { kind: 'ok' } : placed;
      }
    : undefined;
  const api = new Decisions({
    store,
    consoles,
    connectorFor,
    clock,
    ids,
    logger,
    kickOutbox: () => outbox.kick(),
    ...(callBack ? { callBack } : {}),
    attention,
    autopilot,
    fileTtlMs,
  });
  late.decisions = api;

  const health = async (): Promise<HealthReport> => {
    const storeUp = await store.ping().catch(() => false);
    const connectorStates: HealthReport['connectors'] = {};
    for (const { connector } of connectorModules) connectorStates[connector.name] = connector.health();
    return {
      ok: storeUp,
      store: storeUp ? 'up' : 'down',
      connectors: connectorStates,
      consoles: consoleModules.map((m) => m.console.name),
    };
  };
  const { app, listener } = createHttpApp({
    logger,
    answer: nlp.answer,
    answerBody: nlp.answerBody,
    health,
    limits: {
      proxyTrust: config.TRUST_PROXY,
      queryPerMinute: config.QUERY_RATE_PER_MINUTE,
      ...(config.HEALTH_TOKEN ? { healthToken: config.HEALTH_TOKEN } : {}),
    },
  });
  // Routes below need the consoles and connectors started: requests wait for that (held, not refused).
  const gate = createStartGate();
  app.use(gate.middleware);
  mountCsatRoute(app, { appSecret: config.APP_SECRET, clock, intake });
  mountFileRoute(app, { appSecret: config.APP_SECRET, clock, store, logger });
  for (const m of [...connectorModules, ...consoleModules]) m.mount?.(app);
  finishHttpApp(app, logger);
  memory('desk built (pipeline, outbox, http app)');

  let retryTimer: NodeJS.Timeout | undefined;
  const desk: Desk = {
    config,
    store,
    intake,
    api,
    outbox,
    attention,
    scheduler,
    app,
    commands,
    url: '',
    async start() {
      await store.migrate();
      memory('migrations');
      // Listen before the models are loaded: /health answers and webhooks are stored at once;
      // classifying waits for the NLP worker, which loads meanwhile on the other core.
      desk.server = await listen(listener, overrides.port ?? config.PORT, config.HOST);
      const { port } = desk.server.address() as AddressInfo;
      desk.url = `http://127.0.0.1:${port}`;
      memory('http listening');
      for (const m of connectorModules) m.attach?.(desk.server);
      for (const m of consoleModules) await m.console.start(api);
      for (const m of connectorModules) await m.connector.start(intake);
      gate.open();
      memory('consoles and connectors started');
      await nlp.ready();
      memory('nlp ready');
      const resumed = await intake.resume();
      if (resumed > 0) logger.info({ resumed }, 'resumed messages stored before a restart');
      // Automatic replies still waiting when the last process stopped (their timers were in memory).
      const rearmed = await autopilot.resume();
      if (rearmed > 0) logger.info({ rearmed }, 'automatic replies armed again after a restart');
      // Messages a console could not take (e.g. Slack unreachable) are shown again later.
      retryTimer = setInterval(() => {
        intake.resume(CONSOLE_RETRY_MS).catch((err: unknown) => {
          logger.error({ err: (err as Error).message }, 'retrying unshown messages failed');
        });
      }, CONSOLE_RETRY_MS);
      retryTimer.unref();
      outbox.start();
      scheduler.start();
      retention?.start();
      files.start();
      memory('timers started (up)');
      logger.info(
        { port, connectors: [...connectors.keys()], consoles: consoleModules.map((m) => m.console.name) },
        'solodesk is up',
      );
    },
    async stop() {
      // Stop intake first, then finish what is in flight, then close the store; every step is
      // bounded (compose/shutdown.ts), so SIGTERM ends the process in time whatever is configured.
      const clock = new ShutdownClock(STOP_BUDGET_MS, logger);
      if (retryTimer) clearInterval(retryTimer);
      autopilot.stop();
      await clock.step('attention', scheduler.stop(), 1_000);
      await retention?.stop();
      await files.stop();
      const closing = desk.server ? new Promise((resolve) => desk.server?.close(resolve)) : Promise.resolve();
      desk.server?.closeAllConnections?.();
      const stopAll = (modules: { stop(): Promise<void> }[]) =>
        Promise.all(modules.map((m) => m.stop().catch(() => undefined)));
      await clock.step('connectors', stopAll(connectorModules.map((m) => m.connector)), 2_000);
      await clock.step('intake', intake.drain(), 2_000);
      // Sends not yet at their platform go back to the queue at once; the rest get what time is left.
      await outbox.stop(clock.left(2_500));
      await clock.step('consoles', consoles.drain(), 1_500, 1_000);
      await clock.step('console stop', stopAll(consoleModules.map((m) => m.console)), 1_000, 500);
      await clock.step('pacer', pacer.stop(), 300);
      desk.server?.closeAllConnections?.();
      await clock.step('http', closing, 200);
      await nlp.close();
      await store.close();
      logger.info({}, 'solodesk stopped');
    },
    async drain() {
      await intake.drain();
      await outbox.runOnce();
      await outbox.drain();
      await intake.drain();
      await consoles.drain();
    },
  };
  return desk;
}

/** A duration setting in ms; the error names the variable. */
function durationOf(text: string, name: string): number {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error}`);
  return durationMs(parsed.value);
}

/** Earned automatic replies (AUTOPILOT_MIN_APPROVALS, AUTOPILOT_DELAY; 0 approvals: off). */
function autopilotFor(
  config: Config,
  store: Store,
  clock: Clock,
  logger: Logger,
  send: (draftId: string) => Promise<unknown>,
): Autopilot {
  const delay = parseDuration(config.AUTOPILOT_DELAY);
  if (!delay.ok) throw new Error(`AUTOPILOT_DELAY: ${delay.error}`);
  return new Autopilot(
    { store, clock, logger, send },
    { minApprovals: config.AUTOPILOT_MIN_APPROVALS, delayMs: durationMs(delay.value), minConfidence: 0.5 },
  );
}
