/**
 * Which customer channels run: each lights up when its credentials are set.
 * (Add a connector here: one `if (configured) modules.push(createXConnector(options, deps))`.)
 */
import type { Config } from '../config.js';
import type { ConnectorDeps, ConnectorModule } from '../../connectors/module.js';
import { createWebchatConnector } from '../../connectors/webchat/index.js';

export function buildConnectors(config: Config, deps: ConnectorDeps): ConnectorModule[] {
  const modules: ConnectorModule[] = [];
  void config;
  void deps;
  // ---- connectors (one block each) ----
  // Website chat needs no account: always on (widget, demo page at /, WebSocket at /chat/ws).
  modules.push(createWebchatConnector({ origins: config.WEBCHAT_ORIGINS }, deps));
  return modules;
}
