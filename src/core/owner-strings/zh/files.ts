/** 店主随回复分享的文件。 */
export const files = {
  file: '📎 {name}（{size}）',
  willLink: '{file} — 将以链接发送：{why}',
  sentLink: '{file} — 已以链接发送：{why}',
  too_large: '对{channel}来说太大',
  type: '{channel}不支持这种文件类型',
  channel: '{channel}无法发送文件',
  count: '一条{channel}消息放不下这么多文件',
  fetchFailed: '无法获取共享的文件 {name}；请重新分享。',
  fileTooBig: '共享的文件 {name} 超过 {max}；请换一种方式发送。',
  fileGone: '共享的文件 {names} 已不再保存；请在对话中重新分享。',
};
