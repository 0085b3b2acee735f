/** Files the owner shares with a reply: the card's file lines, link reasons, fetch refusals. */
export const files = {
  file: '📎 {name} ({size})',
  willLink: '{file} — will be sent as a link: {why}',
  sentLink: '{file} — sent as a link: {why}',
  too_large: 'too large for {channel}',
  type: '{channel} can’t carry this type of file',
  channel: '{channel} can’t carry files',
  count: 'too many files for one {channel} message',
  fetchFailed: 'Could not fetch the shared file {name}; share it again.',
  fileTooBig: 'The shared file {name} is over {max}; send it another way.',
  fileGone: 'The shared file {names} is no longer kept; share it again in the thread.',
} as const;
