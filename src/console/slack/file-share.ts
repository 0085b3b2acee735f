/**
 * A file the owner shares in a customer's Slack thread (a `file_share` message event): fetched
 * from `url_private` with the bot token as `Authorization: Bearer` (needs files:read), only
 * from Slack's file host (or the configured API host, in tests). See ../share-files.ts.
 */
import { remoteFileFetcher, type FileFetcher, type RemoteFile } from '../share-files.js';

/** The part of a Slack file object (in a file_share event) we use. */
export interface SlackFile {
  id?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  /** Slack's placeholder for files the app may not see (file_access: 'check_file_info'). */
  file_access?: string;
}

export function slackFileFetcher(options: { botToken: string; apiUrl?: string }): FileFetcher {
  return remoteFileFetcher({
    trustedOrigins: ['https://files.slack.com', ...(options.apiUrl ? [new URL(options.apiUrl).origin] : [])],
    headers: { Authorization: `Bearer ${options.botToken}` },
    // Without files:read Slack answers its sign-in page (HTML, 200), not the file.
    refuseHtml: true,
  });
}

/** The files of a file_share event Slack lets the app see, as the desk fetches them. */
export function slackFiles(files: readonly SlackFile[] | undefined): RemoteFile[] {
  return (files ?? []).flatMap((f) => {
    const url = f.url_private_download ?? f.url_private;
    if (!url || f.file_access === 'check_file_info') return [];
    return [
      {
        name: f.name ?? f.title ?? 'file',
        url,
        ...(f.mimetype ? { contentType: f.mimetype } : {}),
        ...(f.size !== undefined ? { size: f.size } : {}),
      },
    ];
  });
}
