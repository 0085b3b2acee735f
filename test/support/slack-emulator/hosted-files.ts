/**
 * Files the emulated owner shares in Slack: hosted at `url_private` (`/files-pri/<team>-<id>/<name>`)
 * and served like files.slack.com does — the bytes only with the bot token as
 * `Authorization: Bearer`, otherwise Slack's sign-in page (HTML, status 200), which is what an
 * app without files:read gets. Every fetch is recorded with whether it carried the token.
 * Slack's own limit: 1 GB per file.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_SLACK_FILE_BYTES = 1024 * 1024 * 1024;

/** A Slack file object as a file_share message event carries it. */
export interface SlackFileObject {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  url_private: string;
  url_private_download: string;
  user: string;
}

export interface FileFetch {
  id: string;
  authorized: boolean;
}

export interface FileHost {
  fetches: FileFetch[];
  host(file: { name: string; mimetype: string; bytes: Buffer; user?: string }): SlackFileObject;
  /** Serves GET /files-pri/…; false when the path is not a hosted file's. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createFileHost(baseUrl: () => string, botToken: string): FileHost {
  const files = new Map<string, { object: SlackFileObject; bytes: Buffer }>();
  const fetches: FileFetch[] = [];
  return {
    fetches,
    host({ name, mimetype, bytes, user = 'U0OWNER' }) {
      if (bytes.length > MAX_SLACK_FILE_BYTES) throw new Error('Slack refuses files over 1 GB');
      const id = `F${String(files.size + 1).padStart(8, '0')}`;
      const path = `${baseUrl()}/files-pri/T0TEAM-${id}/${encodeURIComponent(name)}`;
      const object: SlackFileObject = {
        id,
        name,
        title: name,
        mimetype,
        filetype: name.split('.').pop() ?? 'binary',
        size: bytes.length,
        url_private: path,
        url_private_download: `${baseUrl()}/files-pri/T0TEAM-${id}/download/${encodeURIComponent(name)}`,
        user,
      };
      files.set(id, { object, bytes });
      return object;
    },
    serve(req, res) {
      const match = /^\/files-pri\/T0TEAM-(F\d+)\//.exec(new URL(req.url ?? '/', 'http://x').pathname);
      if (!match || req.method !== 'GET') return false;
      const id = match[1] as string;
      const file = files.get(id);
      const authorized = req.headers.authorization === `Bearer ${botToken}`;
      fetches.push({ id, authorized });
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('file_not_found');
      } else if (!authorized) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
      } else {
        res.writeHead(200, {
          'content-type': file.object.mimetype,
          'content-length': String(file.bytes.length),
        });
        res.end(file.bytes);
      }
      return true;
    },
  };
}
