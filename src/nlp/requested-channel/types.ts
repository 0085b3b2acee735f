import type { ContactChannel } from '../../core/model.js';

/** Where a rule points: a channel, or "here" (the channel the message came on). */
export type Target = ContactChannel | 'here';

export interface Rule {
  /**
   * Words (lower case) the regex cannot match without: a message holding none of them skips the
   * rule (anchors.ts). test/nlp/requested-channel-gates.test.ts proves each list from the regex's
   * syntax tree, so a rule changed without its list fails that test.
   */
  need: readonly string[];
  /**
   * A second list the regex cannot match without either (proven the same way): for the costly
   * rules whose `need` (a channel word) is common, a rarer word of another part of the pattern.
   */
  also?: readonly string[];
  re: RegExp;
  /** The channel this rule means, or … */
  channel?: Target;
  /** … the channel read from what it matched ("call or text me" → the first verb). */
  pick?: (m: RegExpExecArray) => Target | undefined;
  /**
   * Extra checks on the words just before the match: `self` skips "I'll forward it to …",
   * "did you call 555…" (the customer's own act or a question about ours, not an ask);
   * `report` skips "I got a reply here", "they told me here" (what happened).
   */
  guard?: 'self' | 'report';
}
