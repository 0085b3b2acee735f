/** The owner commands every console offers (`/cs stats`, `/cs help`, …). */
import type { Config } from '../config.js';
import type { Clock, Store } from '../core/ports.js';
import type { Command } from '../../commands/command.js';

export function buildCommands(config: Config, deps: { store: Store; clock: Clock }): Command[] {
  void config;
  void deps;
  return [];
}
