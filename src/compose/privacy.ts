/**
 * What /cs forget erases outside the store: every console's posts about the customer, and
 * the website chat's transcripts (DATA_DIR/webchat/visitors/<visitor>.json), which the
 * webchat connector keeps beside the store, and earlier exports of the customer left in
 * DATA_DIR/exports by the terminal. Each part is tried on its own: one failing (a
 * console offline) does not stop the store's erasure, and is logged without content.
 */
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Identity } from '../core/model.js';
import type { Console, Logger } from '../core/ports.js';

/** A visitor id is a file name there: nothing that could leave the folder. */
const SAFE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export function createForgetHook(deps: {
  consoles: () => readonly Console[];
  dataDir: string;
  logger: Logger;
}): (customerId: string, identities: Identity[]) => Promise<void> {
  return async (customerId, identities) => {
    for (const console of deps.consoles()) {
      if (!console.forget) continue;
      await console
        .forget(customerId)
        .catch((err: unknown) =>
          deps.logger.warn(
            { console: console.name, err: (err as Error).message },
            'forget: console posts not erased',
          ),
        );
    }
    const exports = join(deps.dataDir, 'exports');
    const names = await readdir(exports).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith(`customer-${customerId}-`)))
      await unlink(join(exports, name)).catch(() => undefined);
    for (const identity of identities) {
      if (identity.channel !== 'webchat' || !SAFE_NAME.test(identity.address)) continue;
      const file = join(deps.dataDir, 'webchat', 'visitors', `${identity.address}.json`);
      await unlink(file).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT')
          deps.logger.warn({ code: err.code }, 'forget: chat transcript not deleted');
      });
    }
  };
}
