/**
 * Notices about the desk itself rather than one customer (an intake limit tripped), for the
 * owner's consoles. Structured, not text: each console words it in OWNER_LANGUAGE.
 */
export type DeskNotice =
  /** The website chat refused new visitors because the desk-wide hourly limit was reached. */
  { kind: 'webchat_new_visitors_limited'; perHour: number };
