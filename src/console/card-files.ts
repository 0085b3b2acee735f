/**
 * The lines a reply card shows about the files the owner shared with it: each file with its
 * size, and — where the channel can't carry it (file-limits.ts) — that it goes as a download
 * link and why, before Send ("will be sent as a link") and after ("sent as a link"). Also the
 * console's own words when fetching a shared file fails. English and Chinese.
 */
import { planFiles, type FileFit } from '../core/file-limits.js';
import type { Channel, Draft } from '../core/model.js';
import { fillTemplate } from '../core/template.js';
import { formatBytes } from './attachment-notes.js';
import { channelName, type OwnerLanguage } from './card-labels.js';

const EN = {
  file: '📎 {name} ({size})',
  willLink: '{file} — will be sent as a link: {why}',
  sentLink: '{file} — sent as a link: {why}',
  too_large: 'too large for {channel}',
  type: '{channel} can’t carry this type of file',
  channel: '{channel} can’t carry files',
  count: 'too many files for one {channel} message',
  fetchFailed: 'Could not fetch the shared file {name}; share it again.',
  fileTooBig: 'The shared file {name} is over {max}; send it another way.',
} as const;

export type FileLabelKey = keyof typeof EN;

const ZH: Record<FileLabelKey, string> = {
  file: '📎 {name}（{size}）',
  willLink: '{file} — 将以链接发送：{why}',
  sentLink: '{file} — 已以链接发送：{why}',
  too_large: '对{channel}来说太大',
  type: '{channel}不支持这种文件类型',
  channel: '{channel}无法发送文件',
  count: '一条{channel}消息放不下这么多文件',
  fetchFailed: '无法获取共享的文件 {name}；请重新分享。',
  fileTooBig: '共享的文件 {name} 超过 {max}；请换一种方式发送。',
};

export function fileLabel(
  lang: OwnerLanguage,
  key: FileLabelKey,
  vars: Readonly<Record<string, string | number>> = {},
): string {
  return fillTemplate((lang === 'zh' ? ZH : EN)[key], vars);
}

function why(lang: OwnerLanguage, fit: Extract<FileFit, { kind: 'link' }>, channel: Channel): string {
  return fileLabel(lang, fit.reason, { channel: channelName(lang, channel) });
}

/** One note per shared file, saying whether it goes as a link on `channel` (pending or sent). */
export function fileNotes(
  draft: Pick<Draft, 'attachments'>,
  channel: Channel,
  lang: OwnerLanguage,
  stage: 'pending' | 'sent' | 'discarded',
): string[] {
  return planFiles(channel, draft.attachments ?? []).map(({ file, fit }) => {
    const line = fileLabel(lang, 'file', { name: file.name, size: formatBytes(file.size) });
    if (fit.kind === 'attach' || stage === 'discarded') return line;
    return fileLabel(lang, stage === 'pending' ? 'willLink' : 'sentLink', {
      file: line,
      why: why(lang, fit, channel),
    });
  });
}
