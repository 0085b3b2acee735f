/**
 * The emulator's Content API (content.twilio.com/v1): the account's templates with their
 * WhatsApp approval (GET /v1/Content, /v1/ContentAndApprovals, /v1/Content/{sid}/ApprovalRequests)
 * and the checks Twilio makes on a Messages.json send that names a ContentSid.
 */
import { randomBytes } from 'node:crypto';

export interface EmulatedContent {
  sid: string;
  friendlyName: string;
  language: string;
  body: string;
  /** Twilio's `variables`: each placeholder's sample value, e.g. {"1": "Customer"}. */
  variables: Record<string, string>;
  /** WhatsApp approval: only `approved` may be sent. */
  status: 'approved' | 'pending' | 'rejected' | 'unsubmitted';
}

/** A refusal: [HTTP status, Twilio code, message]. */
export type ContentRefusal = [number, number, string];

export class ContentStore {
  readonly contents: EmulatedContent[] = [];

  add(c: Partial<EmulatedContent> & { friendlyName: string; body: string }): EmulatedContent {
    const content: EmulatedContent = {
      sid: `HX${randomBytes(16).toString('hex')}`,
      language: 'en',
      variables: {},
      status: 'approved',
      ...c,
    };
    this.contents.push(content);
    return content;
  }

  /** The JSON for a GET under /v1, or undefined when the path is not one of ours. */
  get(path: string, accountSid: string, origin: string): Record<string, unknown> | undefined {
    const resource = (c: EmulatedContent, withApproval: boolean) => ({
      account_sid: accountSid,
      sid: c.sid,
      friendly_name: c.friendlyName,
      language: c.language,
      variables: c.variables,
      types: { 'twilio/text': { body: c.body } },
      date_created: new Date(0).toISOString(),
      date_updated: new Date(0).toISOString(),
      url: `${origin}/v1/Content/${c.sid}`,
      ...(withApproval
        ? {
            approval_requests: {
              type: 'whatsapp',
              name: c.friendlyName,
              category: 'UTILITY',
              content_type: 'twilio/text',
              status: c.status,
              rejection_reason: '',
              allow_category_change: true,
            },
          }
        : {}),
    });
    const page = (key: string, items: unknown[]) => ({
      [key]: items,
      meta: {
        page: 0,
        page_size: 100,
        first_page_url: `${origin}${path}?PageSize=100&Page=0`,
        previous_page_url: null,
        url: `${origin}${path}?PageSize=100&Page=0`,
        next_page_url: null,
        key,
      },
    });
    if (path === '/v1/Content')
      return page(
        'contents',
        this.contents.map((c) => resource(c, false)),
      );
    if (path === '/v1/ContentAndApprovals')
      return page(
        'contents',
        this.contents.map((c) => resource(c, true)),
      );
    const approval = /^\/v1\/Content\/([^/]+)\/ApprovalRequests$/.exec(path);
    const c = approval && this.contents.find((x) => x.sid === approval[1]);
    if (c)
      return {
        sid: c.sid,
        account_sid: accountSid,
        url: `${origin}${path}`,
        whatsapp: resource(c, true).approval_requests,
      };
    return undefined;
  }

  /** What Twilio says about a send naming `sid` with `variables` (raw ContentVariables). */
  check(sid: string, variables: string | null): ContentRefusal | undefined {
    const content = this.contents.find((c) => c.sid === sid);
    if (!content) return [400, 21655, 'The ContentSid is Invalid.'];
    if (content.status !== 'approved')
      return [400, 63027, `Template ${sid} is not approved for WhatsApp (${content.status}).`];
    let parsed: unknown = {};
    try {
      parsed = variables === null ? {} : JSON.parse(variables);
    } catch {
      return [400, 21656, 'The ContentVariables Parameter is invalid: not JSON.'];
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      return [400, 21656, 'The ContentVariables Parameter is invalid: expected an object.'];
    const given = Object.keys(parsed).sort();
    const wanted = Object.keys(content.variables).sort();
    if (given.join(',') !== wanted.join(','))
      return [400, 21656, `The ContentVariables Parameter is invalid: expected keys ${wanted.join(', ')}.`];
    if (Object.values(parsed).some((v) => typeof v !== 'string' || !v.trim()))
      return [400, 21656, 'The ContentVariables Parameter is invalid: empty value.'];
    return undefined;
  }
}
