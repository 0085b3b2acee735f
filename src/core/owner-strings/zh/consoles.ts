/** The consoles' own words: Slack and Discord modals, refusals and notices; the terminal's key help. */

import type { OwnerStrings } from '../shape.js';

export const slack: OwnerStrings['slack'] = {
  labels: {
    save: '保存',
    editTitle: '编辑回复',
    fullTitle: '全文',
    sendSubmit: '发送',
    cancel: '取消',
    close: '关闭',
    part: '回复（第 {i}/{n} 部分）',
    reply: '回复',
    longDraft:
      '这条回复共 {n} 个字符，超过一个 Slack 输入框的上限，已分成 {parts} 个输入框；发送时会重新合并。',
    editChannel: '将通过{channel}发送。',
    cutModal: '到此截断：全文共 {n} 个字符，超出 Slack 窗口可显示的长度。',
    notOwner: '只有客服负责人可以执行此操作。请把你的 Slack 用户 ID 加入 SLACK_OWNER_IDS。',
    alreadyDecided: '这张卡片已经处理过，没有重复发送。',
    alreadyDecidedBy: '已由 {who} 处理，没有重复发送。',
    notPending: '这条回复已不再待处理。',
    gone: '这张卡片已不存在。',
    rejected: '未发送：{reason}',
    failed: '出错了，没有做任何更改。请稍后再试。',
    emptyReply: '回复内容为空。',
    blanksLeft: '发送前请填写所有 [[…]] 空白。',
    confirmViaTitle: '改用其他渠道发送？',
    confirmViaText: '回复将通过你选择的渠道发出。',
    confirmYes: '发送',
    confirmNo: '取消',
    threadMoved: '客服频道已更换：该客户的对话已移至<{link}|新的消息串>。在这里输入的回复仍然有效。',
    threadMovedShort: '客服频道已更换：该客户的对话在 <#{channel}> 继续。',
    unknownCommand: '未知命令“{name}”。试试 `/cs help`。',
    helpTitle: 'solodesk 命令',
    openThread: '打开会话',
    noteFailed: '无法转为待发送回复（该客户还没有会话）。',
    uploadLinked: '文件过大，未上传',
  },
  snooze: {
    title: '暂缓至',
    label: '日期和时间',
    hint: '例如 2026-12-28 09:00、14:30（今天或明天）、2h 或 3d',
    submit: '暂缓',
  },
  templateModal: {
    title: '发送模板',
    submit: '发送',
    intro: '已超出 WhatsApp 的 24 小时窗口，只能发送已审核的模板。请选择模板并检查变量。',
    pick: '模板',
    variable: '{{{key}}} · {name}',
  },
};

export const discord: OwnerStrings['discord'] = {
  labels: {
    editTitle: '编辑回复',
    editLabel: '通过{channel}回复',
    editCut: '已截断到 4000 个字符，其余部分不会发送。',
    fullTitle: '全文',
    fullAttached: '全文见附件（共 {n} 个字符）。',
    notOwner:
      '只有客服负责人可以执行此操作。请把你的 Discord 用户 ID 加入 DISCORD_OWNER_IDS（或授予负责人角色）。',
    alreadyDecided: '这张卡片已经处理过，没有重复发送。',
    alreadyDecidedBy: '已由 {who} 处理，没有重复发送。',
    notPending: '这条回复已不再待处理。',
    gone: '这张卡片已不存在。',
    rejected: '未完成：{reason}',
    failed: '出错了，没有做任何更改。请稍后再试。',
    emptyReply: '回复内容为空，没有发送。',
    blanksLeft: '发送前请填写所有 [[…]] 空白，没有发送。',
    unknownCommand: '未知命令“{name}”。试试 /{cmd} help。',
    helpTitle: 'solodesk 命令',
    openThread: '打开会话',
    noteFailed: '无法转为待发送回复（该客户还没有会话）。',
    continued: '（续 {i}/{n}）',
    longAttached: '全文（共 {n} 个字符）见附件。',
    tagOpen: '处理中',
    tagResolved: '已解决',
    threadMoved: '该客户之前的帖子已不存在，对话在这里继续。',
  },
  snooze: {
    title: '暂缓至',
    label: '日期和时间',
    hint: '例如 2026-12-28 09:00、14:30、2h 或 3d',
  },
  templateModal: {
    title: '发送模板',
    template: '模板',
    available: '已审核：{names}',
    variable: '变量 {{{n}}}',
  },
};

/** Kept as one block: the terminal prints it as written (the indentation lines it up). */
export const terminal: OwnerStrings['terminal'] = {
  help: `按键：s N 发送草稿 N · e N 编辑后发送 · v N 渠道 改用其他渠道发送 · d N 丢弃
      r cN 标记客户 N 已解决 · o cN 重新打开 · n cN 文字 生成待发回复 · t N 重试投递
      again N / arrived N 可能已发出的投递（发送时服务中断）：再发一次，或已送达
      m cA cB 把客户 B 合并到客户 A · split cN 地址 拆分出该身份 · z cN 时间 暂缓（1h、3h、tomorrow、nextweek、14:30、2026-12-28 09:00）
      k N 记住您编辑过的回复 · x N 取消自动发送 · l 列出待处理草稿 · due 等待列表 · hours 营业时间 · away [until …|for …] 暂离 · back 回来
      note cN 文字 私人备注（留空即删除）· tags cN A, B 标签 · find 文字|邮箱|电话|订单号 查找
      tp N 草稿 N 的 WhatsApp 模板（超过 24 小时）· tp N K [| 值 | …] 发送模板 K
      stats [today|7d|30d|90d|all] · help · quit`,
};
