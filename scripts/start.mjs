/**
 * `npm start`: runs the bundled desk (dist-bundle/, as the Docker image does), rebuilding it
 * first if a source file changed since the last build (a `git pull` without `npm install`), so
 * `npm start` never runs stale code and never needs a TypeScript loader at run time. One
 * process: the desk is imported here.
 */
import { build, isStale } from './build.mjs';

if (isStale()) {
  console.error('sources changed since the last build: building…');
  await build();
}
await import('../dist-bundle/main.js');
