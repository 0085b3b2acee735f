/** The consoles' own words: Slack and Discord modals, refusals and notices; the terminal's key help. */

export const slack = {
  labels: {
    save: 'Save',
    editTitle: 'Edit reply',
    fullTitle: 'Full text',
    sendSubmit: 'Send',
    cancel: 'Cancel',
    close: 'Close',
    part: 'Reply (part {i} of {n})',
    reply: 'Reply',
    longDraft:
      'This reply is {n} characters, more than one Slack box holds, so it is split into {parts} boxes; they are joined again when you send.',
    editChannel: 'Goes out on {channel}.',
    cutModal: 'Cut here: {n} characters in all, more than a Slack window shows.',
    notOwner: 'Only the desk owner can do this. Ask for your Slack user id to be added to SLACK_OWNER_IDS.',
    alreadyDecided: 'This card was already decided: nothing was sent again.',
    alreadyDecidedBy: 'Already decided by {who}: nothing was sent again.',
    notPending: 'This reply is no longer pending.',
    gone: 'This card no longer exists.',
    rejected: 'Not sent: {reason}',
    failed: 'Something went wrong; nothing was changed. Try again in a moment.',
    emptyReply: 'The reply is empty.',
    blanksLeft: 'Fill in every [[…]] blank before sending.',
    confirmViaTitle: 'Send via another channel?',
    confirmViaText: 'The reply goes out on the channel you picked.',
    confirmYes: 'Send',
    confirmNo: 'Cancel',
    threadMoved:
      'The support channel changed: this customer now lives in <{link}|a new thread>. Replies typed here still work.',
    threadMovedShort: 'The support channel changed: this customer continues in <#{channel}>.',
    unknownCommand: 'Unknown command “{name}”. Try `/cs help`.',
    helpTitle: 'solodesk commands',
    openThread: 'Open thread',
    noteFailed: 'Could not turn this into a pending reply (the customer has no conversation yet).',
    uploadLinked: 'Too large to upload here',
  },
  snooze: {
    title: 'Snooze until',
    label: 'Date and time',
    hint: 'e.g. 2026-12-28 09:00, 14:30 (today or tomorrow), 2h or 3d',
    submit: 'Snooze',
  },
  templateModal: {
    title: 'Send template',
    submit: 'Send',
    intro:
      'Outside WhatsApp’s 24-hour window only an approved template can be sent. Pick one and check its variables.',
    pick: 'Template',
    variable: '{{{key}}} · {name}',
  },
} as const;

export const discord = {
  labels: {
    editTitle: 'Edit reply',
    editLabel: 'Reply on {channel}',
    editCut: 'Cut to 4,000 characters: the rest is not sent.',
    fullTitle: 'Full text',
    fullAttached: 'The full text is attached ({n} characters).',
    notOwner:
      'Only the desk owners can do this. Ask for your Discord user id in DISCORD_OWNER_IDS (or the owner role).',
    alreadyDecided: 'This card was already decided: nothing was sent again.',
    alreadyDecidedBy: 'Already decided by {who}: nothing was sent again.',
    notPending: 'This reply is no longer pending.',
    gone: 'This card no longer exists.',
    rejected: 'Not done: {reason}',
    failed: 'Something went wrong; nothing was changed. Try again in a moment.',
    emptyReply: 'The reply is empty: nothing was sent.',
    blanksLeft: 'Fill in every [[…]] blank before sending: nothing was sent.',
    unknownCommand: 'Unknown command “{name}”. Try /{cmd} help.',
    helpTitle: 'solodesk commands',
    openThread: 'Open thread',
    noteFailed: 'Could not turn this into a pending reply (the customer has no conversation yet).',
    continued: '(continued {i}/{n})',
    longAttached: 'The whole text ({n} characters) is attached.',
    tagOpen: 'open',
    tagResolved: 'resolved',
    threadMoved: 'The earlier post for this customer was gone; they continue here.',
  },
  snooze: {
    title: 'Snooze until',
    label: 'Date and time',
    hint: 'e.g. 2026-12-28 09:00, 14:30, 2h or 3d',
  },
  templateModal: {
    title: 'Send template',
    template: 'Template',
    available: 'Approved: {names}',
    variable: 'Variable {{{n}}}',
  },
} as const;

/** Kept as one block: the terminal prints it as written (the indentation lines it up). */
export const terminal = {
  help: `Keys: s N send draft N · e N edit and send · v N CHANNEL send via · d N discard
      r cN resolve customer N · o cN reopen · n cN TEXT pending reply · t N retry delivery
      again N / arrived N a delivery that may have been sent (the desk stopped while sending): send again, or it arrived
      m cA cB merge customer B into A · split cN ADDRESS split that identity off · z cN WHEN snooze (1h, 3h, tomorrow, nextweek, 14:30, 2026-12-28 09:00)
      k N remember a reply you edited · x N cancel auto-send · l list pending drafts · due · hours · away [until …|for …] · back
      note cN TEXT private note (empty removes) · tags cN A, B tags · find WORDS|EMAIL|PHONE|ORDER
      tp N WhatsApp templates for draft N (beyond 24 h) · tp N K [| value | …] send template K
      stats [today|7d|30d|90d|all] · help · quit`,
} as const;
