/**
 * The interfaces the core needs from the outside world. Implementations live in
 * src/store, src/nlp, src/console and connectors/, and are chosen by src/main.ts.
 */
export type * from './ports/infrastructure.js';
export type * from './ports/nlp.js';
export type * from './ports/connectors.js';
export type * from './ports/consoles.js';
export type * from './ports/store.js';
export type * from './ports/figures.js';
