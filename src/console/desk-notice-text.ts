/**
 * The owner's words for a desk notice (src/core/desk-notice.ts), in OWNER_LANGUAGE. Every
 * console shows the same text; each adds its own framing (Slack post, terminal line).
 */
import type { DeskNotice } from '../core/desk-notice.js';
import type { OwnerLanguage } from './card-labels.js';

export function deskNoticeText(notice: DeskNotice, language: OwnerLanguage): string {
  switch (notice.kind) {
    case 'webchat_new_visitors_limited':
      return language === 'zh'
        ? `网站聊天：一小时内的新访客已达上限（${notice.perHour}），新访客暂时无法开始聊天，已有访客不受影响。如果是正常流量，请调高 WEBCHAT_NEW_VISITORS_PER_HOUR；如果是攻击，上限正在起作用。`
        : `Website chat: the limit of ${notice.perHour} new visitors per hour was reached, so new visitors are turned away for now (returning visitors can still chat). If this is real traffic, raise WEBCHAT_NEW_VISITORS_PER_HOUR; if it is a flood, the limit is doing its job.`;
  }
}
