/*
 * solodesk website chat widget. One script tag adds a chat button and panel:
 *   <script src="https://desk.example.com/chat/widget.js" async></script>
 * Optional attributes: data-color="#0f766e", data-title="Chat with Acme".
 * Plain JavaScript, no framework; styles live in a shadow root so the host page is untouched.
 * Every text from the network is set with textContent, never parsed as HTML.
 */
(function () {
  'use strict';
  if (window.__solodeskChat) return;
  window.__solodeskChat = true;

  var script = document.currentScript ||
    document.querySelector('script[src*="/chat/widget.js"]') || { src: location.href };
  var base = new URL(script.src, location.href);
  var wsUrl = (base.protocol === 'https:' ? 'wss://' : 'ws://') + base.host + '/chat/ws';
  var attr = function (name) {
    return script.getAttribute ? script.getAttribute(name) : null;
  };
  var color = /^#[0-9a-fA-F]{3,8}$/.test(attr('data-color') || '') ? attr('data-color') : '#0f766e';

  var zh = /^zh\b/i.test(navigator.language || '');
  var T = zh
    ? {
        open: '打开聊天',
        close: '关闭聊天',
        title: '在线咨询',
        sub: '通常几小时内回复',
        greet: '您好！有什么可以帮您？请在下面留言，我们会在这里回复。',
        label: '消息',
        ph: '输入消息…',
        send: '发送',
        log: '对话',
        sending: '发送中…',
        queued: '等待连接，稍后自动发送',
        failed: '未发送：',
        offline: '连接中断，正在重连…',
        online: '已连接',
        newReplies: ' 条新回复',
        newReply: ' 条新回复',
        emailAsk: '如果您稍后离开，请留下邮箱，我们会通过邮件回复您。',
        emailLabel: '邮箱地址',
        emailSave: '保存',
        emailLater: '以后再说',
        emailSaved: '谢谢！如果您不在，我们会通过邮件联系您。',
        rateGroup: '为本次服务评分（1–5 星）',
        star: ' 星',
        rated: '谢谢您的评分！',
        you: '您',
        us: '客服',
        err: {
          too_long: '消息太长',
          empty: '消息为空',
          rate_limited: '消息太频繁，请稍候',
          attachments_unsupported: '暂不支持附件，请用文字描述',
          bad_email: '邮箱地址无效',
          already_rated: '已评过分',
          not_accepted: '无法接收此消息',
          other: '出错了，请稍后再试',
        },
      }
    : {
        open: 'Open chat',
        close: 'Close chat',
        title: 'Chat with us',
        sub: 'We usually reply within a few hours',
        greet: 'Hi! How can we help? Leave a message below and we will reply right here.',
        label: 'Message',
        ph: 'Type a message…',
        send: 'Send',
        log: 'Conversation',
        sending: 'Sending…',
        queued: 'Waiting for connection, will send automatically',
        failed: 'Not sent: ',
        offline: 'Connection lost, reconnecting…',
        online: 'Connected',
        newReplies: ' new replies',
        newReply: ' new reply',
        emailAsk: 'In case you leave, add your email and we will reply there.',
        emailLabel: 'Email address',
        emailSave: 'Save',
        emailLater: 'Not now',
        emailSaved: 'Thanks! We will email you if you are away.',
        rateGroup: 'Rate our help, 1 to 5 stars',
        star: ' star',
        rated: 'Thanks for your rating!',
        you: 'You',
        us: 'Support',
        err: {
          too_long: 'the message is too long',
          empty: 'the message is empty',
          rate_limited: 'Too many messages, please wait a moment',
          attachments_unsupported: 'Files are not supported yet, please describe it in words',
          bad_email: 'That email address does not look right',
          already_rated: 'Already rated',
          not_accepted: 'this message could not be accepted',
          other: 'Something went wrong, please try again',
        },
      };
  var title = (attr('data-title') || '').slice(0, 60) || T.title;

  // ------------------------------------------------------------ storage (may be unavailable)
  var mem = {};
  function store(kind) {
    try {
      var s = window[kind];
      s.setItem('solodesk.t', '1');
      s.removeItem('solodesk.t');
      return s;
    } catch {
      return {
        getItem: function (k) {
          return k in mem ? mem[k] : null;
        },
        setItem: function (k, v) {
          mem[k] = String(v);
        },
        removeItem: function (k) {
          delete mem[k];
        },
      };
    }
  }
  var local = store('localStorage');
  var session = store('sessionStorage');
  function readJson(key, fallback) {
    try {
      var v = JSON.parse(local.getItem(key));
      return v == null ? fallback : v;
    } catch {
      return fallback;
    }
  }
  var K_VISITOR = 'solodesk.visitor';
  var K_OUTBOX = 'solodesk.outbox';
  var K_SEEN = 'solodesk.seen';

  // ------------------------------------------------------------ DOM
  function el(tag, props, kids) {
    var n = document.createElement(tag);
    for (var k in props || {}) {
      if (k === 'text') n.textContent = props[k];
      else if (k === 'cls') n.className = props[k];
      else n.setAttribute(k, props[k]);
    }
    (kids || []).forEach(function (c) {
      if (c) n.appendChild(c);
    });
    return n;
  }
  function icon(path, size) {
    var s = size || 24;
    var span = el('span', { cls: 'ico', 'aria-hidden': 'true' });
    // Static markup only: icons never contain data from the network.
    span.innerHTML =
      '<svg width="' + s + '" height="' + s + '" viewBox="0 0 24 24" fill="currentColor">' + path + '</svg>';
    return span;
  }
  var P_CHAT =
    '<path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z"/>';
  var P_CLOSE =
    '<path d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z"/>';
  var P_DOWN = '<path d="M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6z"/>';
  var P_SEND = '<path d="M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9z"/>';
  var P_STAR = '<path d="m12 2.8 2.8 6 6.5.7-4.9 4.4 1.4 6.4L12 17l-5.7 3.3 1.4-6.4-4.9-4.4 6.5-.7z"/>';

  var CSS =
    ':host{all:initial}' +
    '*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif}' +
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}' +
    '.ico{display:inline-flex}' +
    'button{font:inherit;cursor:pointer}' +
    ':focus-visible{outline:3px solid #f59e0b;outline-offset:2px}' +
    'textarea:focus-visible,input:focus-visible{outline:none;border-color:var(--c);box-shadow:0 0 0 3px color-mix(in srgb,var(--c) 22%,transparent)}' +
    '.launch{position:fixed;right:20px;bottom:20px;z-index:2147483646;width:60px;height:60px;border-radius:50%;border:0;background:var(--c);color:#fff;box-shadow:0 6px 20px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;transition:transform .15s}' +
    '.launch:hover{transform:scale(1.06)}' +
    '.launch .ico+.ico,.open .launch .ico:first-child{display:none}.open .launch .ico+.ico{display:inline-flex}' +
    '.badge{position:absolute;top:-2px;right:-2px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#dc2626;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center}' +
    '.panel{position:fixed;right:20px;bottom:92px;z-index:2147483647;width:370px;height:min(600px,calc(100vh - 112px));display:flex;flex-direction:column;background:#fff;color:#111827;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.25);overflow:hidden;font-size:15px;line-height:1.45}' +
    '.panel[hidden]{display:none}' +
    '.head{background:var(--c);color:#fff;padding:14px 12px 14px 18px;display:flex;align-items:center;gap:10px}' +
    '.head h2{margin:0;font-size:17px;font-weight:650}' +
    '.head p{margin:2px 0 0;font-size:13px;opacity:.9}' +
    '.head>div{flex:1;min-width:0}' +
    '.av{width:40px;height:40px;border-radius:50%;background:rgba(255,255,255,.18);display:flex;align-items:center;justify-content:center;flex:none}' +
    '.x{border:0;background:transparent;color:#fff;width:40px;height:40px;border-radius:50%;display:flex;align-items:center;justify-content:center}' +
    '.x:hover{background:rgba(255,255,255,.18)}' +
    '.log{flex:1;overflow-y:auto;padding:16px;background:#f3f4f6;display:flex;flex-direction:column;gap:8px}' +
    '.m{max-width:82%;padding:9px 13px;border-radius:16px;white-space:pre-wrap;overflow-wrap:anywhere;box-shadow:0 1px 1px rgba(0,0,0,.06)}' +
    '.them{align-self:flex-start;background:#fff;border-bottom-left-radius:4px}' +
    '.me{align-self:flex-end;background:var(--c);color:#fff;border-bottom-right-radius:4px}' +
    '.meta{display:block;font-size:11px;opacity:.75;margin-top:3px}' +
    '.me[data-state=failed]{background:#fee2e2;color:#7f1d1d}' +
    '.meta:empty{display:none}' +
    '.card{align-self:stretch;background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:12px}' +
    '.card p{margin:0 0 8px}' +
    '.stars{display:flex;gap:4px}' +
    '.star{border:0;background:transparent;color:#d1d5db;padding:4px;border-radius:8px}' +
    '.star.lit{color:#f59e0b}' +
    '.note{margin:6px 0 0!important;font-size:13px;color:#4b5563}' +
    '.star:disabled{cursor:default}' +
    '.email{display:flex;gap:6px;flex-wrap:wrap}' +
    '.email input{flex:1 1 160px;min-width:0;padding:8px 10px;border:1px solid #9ca3af;border-radius:8px;font:inherit}' +
    '.btn{border:0;border-radius:8px;padding:8px 14px;background:var(--c);color:#fff;font-weight:600}' +
    '.link{border:0;background:transparent;color:#374151;text-decoration:underline;padding:8px 4px}' +
    '.status{font-size:13px;color:#92400e;background:#fef3c7;padding:6px 14px}' +
    '.status:empty{display:none}' +
    '.compose{display:flex;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #e5e7eb;background:#fff}' +
    'textarea{flex:1;resize:none;border:1px solid #9ca3af;border-radius:12px;padding:9px 12px;font:inherit;max-height:120px;min-height:42px;color:#111827}' +
    '.sendb{width:42px;height:42px;border-radius:50%;border:0;background:var(--c);color:#fff;display:flex;align-items:center;justify-content:center;flex:none}' +
    '.sendb:disabled{opacity:.5;cursor:default}' +
    // Phones: full screen, 16px text (iOS zooms into smaller inputs), room for the home indicator.
    '@media (max-width:480px){.panel{right:0;bottom:0;width:100%;height:100%;border-radius:0}.open .launch{display:none}textarea,.email input{font-size:16px}.compose{padding-bottom:max(10px,env(safe-area-inset-bottom))}}' +
    '@media (prefers-reduced-motion:reduce){.launch{transition:none}}';

  var host = el('div', { id: 'solodesk-chat' });
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var wrap = el('div', { style: '--c:' + color });
  var badge = el('span', { cls: 'badge', 'aria-hidden': 'true' });
  badge.hidden = true;
  var launch = el(
    'button',
    {
      cls: 'launch',
      type: 'button',
      'aria-label': T.open,
      'aria-expanded': 'false',
      'aria-controls': 'sd-panel',
    },
    [icon(P_CHAT, 28), icon(P_DOWN, 30), badge],
  );
  var status = el('div', { cls: 'status', role: 'status', 'aria-live': 'polite' });
  var log = el('div', { cls: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': T.log, tabindex: '0' });
  var input = el('textarea', { id: 'sd-input', rows: '1', placeholder: T.ph, autocomplete: 'off' });
  var sendBtn = el('button', { cls: 'sendb', type: 'submit', 'aria-label': T.send }, [icon(P_SEND, 20)]);
  var form = el('form', { cls: 'compose' }, [
    el('label', { cls: 'sr', for: 'sd-input', text: T.label }),
    input,
    sendBtn,
  ]);
  var closeBtn = el('button', { cls: 'x', type: 'button', 'aria-label': T.close }, [icon(P_CLOSE, 22)]);
  var panel = el(
    'section',
    { id: 'sd-panel', cls: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'sd-title' },
    [
      el('header', { cls: 'head' }, [
        el('span', { cls: 'av' }, [icon(P_CHAT, 22)]),
        el('div', {}, [el('h2', { id: 'sd-title', text: title }), el('p', { text: T.sub })]),
        closeBtn,
      ]),
      status,
      log,
      form,
    ],
  );
  panel.hidden = true;
  var style = el('style', { text: CSS });
  wrap.appendChild(launch);
  wrap.appendChild(panel);
  root.appendChild(style);
  root.appendChild(wrap);

  // ------------------------------------------------------------ state
  var ws = null;
  var ready = false;
  var retry = 0;
  var retryTimer = null;
  var resendTimer = null;
  var emailTimer = null;
  var limits = { maxMessageLength: 2000, emailPromptAfterMs: 60000 };
  var emailKnown = false;
  var emailCard = null;
  var entries = []; // what the server confirmed, in order
  var outbox = readJson(K_OUTBOX, []); // [{id, text, at}] not yet acknowledged
  var failed = []; // [{id, text, reason}] refused for good
  var replaced = false;

  function isOpen() {
    return !panel.hidden;
  }

  function setOpen(open, focusBack) {
    panel.hidden = !open;
    wrap.className = open ? 'open' : '';
    launch.setAttribute('aria-expanded', String(open));
    session.setItem('solodesk.open', open ? '1' : '0');
    if (open) {
      if (!ws) connect();
      input.focus();
      log.scrollTop = log.scrollHeight;
      markSeen();
    } else if (focusBack) {
      launch.focus();
    }
  }
  launch.addEventListener('click', function () {
    setOpen(!isOpen(), false);
  });
  closeBtn.addEventListener('click', function () {
    setOpen(false, true);
  });
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false, true);
    }
  });

  // ------------------------------------------------------------ rendering
  function timeOf(iso) {
    try {
      return new Date(iso).toLocaleTimeString(zh ? 'zh-CN' : 'en', { hour: '2-digit', minute: '2-digit' });
    } catch {
      return '';
    }
  }
  function bubble(mine, text, meta, state) {
    var n = el('div', { cls: 'm ' + (mine ? 'me' : 'them') }, [
      el('span', { cls: 'sr', text: (mine ? T.you : T.us) + ': ' }),
      el('span', { text: text }),
      el('span', { cls: 'meta', text: meta }),
    ]);
    if (state) n.setAttribute('data-state', state);
    return n;
  }
  function ratingCard(entry) {
    var stars = el('div', { cls: 'stars', role: 'group', 'aria-label': T.rateGroup });
    var buttons = [];
    function light(n) {
      buttons.forEach(function (b, i) {
        b.className = 'star' + (i < n ? ' lit' : '');
      });
    }
    for (var i = 1; i <= 5; i++) {
      var b = el(
        'button',
        { cls: 'star', type: 'button', 'aria-label': i + T.star, 'data-score': String(i) },
        [icon(P_STAR, 30)],
      );
      b.setAttribute('aria-pressed', String(!!entry.rated && i <= entry.rated));
      if (entry.rated) b.disabled = true;
      buttons.push(b);
      stars.appendChild(b);
    }
    light(entry.rated || 0);
    if (!entry.rated) {
      // Hover or focus previews the score; leaving restores the empty row.
      stars.addEventListener('mouseover', function (e) {
        var b = e.target.closest ? e.target.closest('.star') : null;
        if (b) light(Number(b.getAttribute('data-score')));
      });
      stars.addEventListener('focusin', function (e) {
        light(Number(e.target.getAttribute('data-score')) || 0);
      });
      stars.addEventListener('mouseleave', function () {
        light(0);
      });
      stars.addEventListener('focusout', function () {
        light(0);
      });
      stars.addEventListener('click', function (e) {
        var b = e.target.closest ? e.target.closest('.star') : null;
        if (b) send({ type: 'rate', requestId: entry.id, score: Number(b.getAttribute('data-score')) });
      });
      stars.addEventListener('keydown', function (e) {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        var at = buttons.indexOf(e.target);
        var next = buttons[Math.max(0, Math.min(4, at + (e.key === 'ArrowRight' ? 1 : -1)))];
        if (next) next.focus();
        e.preventDefault();
      });
    }
    return el('div', { cls: 'card' }, [
      el('p', { text: entry.text }),
      stars,
      entry.rated ? el('p', { cls: 'note', text: T.rated }) : null,
    ]);
  }

  // Keyed rendering: nodes that stay are not re-created or moved, so focus inside the log survives.
  var nodes = {};
  function render() {
    var next = {};
    var want = [];
    function put(key, make) {
      var n = nodes[key] || make();
      next[key] = n;
      want.push(n);
    }
    put('greet', function () {
      return bubble(false, T.greet, '');
    });
    entries.forEach(function (e) {
      if (e.kind === 'rating_request') {
        put(e.id + ':' + (e.rated || 0), function () {
          return ratingCard(e);
        });
      } else {
        put(e.id, function () {
          return bubble(e.from === 'visitor', e.text, timeOf(e.at));
        });
      }
    });
    outbox.forEach(function (m) {
      put('q' + m.id + ':' + ready, function () {
        return bubble(true, m.text, ready ? T.sending : T.queued, 'pending');
      });
    });
    failed.forEach(function (m) {
      put('f' + m.id, function () {
        return bubble(true, m.text, T.failed + m.reason, 'failed');
      });
    });
    if (emailCard) want.push(emailCard);
    nodes = next;
    var children = Array.prototype.slice.call(log.children);
    children.forEach(function (c) {
      if (want.indexOf(c) < 0) log.removeChild(c);
    });
    want.forEach(function (n, i) {
      if (log.children[i] !== n) log.insertBefore(n, log.children[i] || null);
    });
    log.scrollTop = log.scrollHeight;
    updateBadge();
  }

  function lastOwnerId() {
    for (var i = entries.length - 1; i >= 0; i--) if (entries[i].from === 'owner') return entries[i].id;
    return null;
  }
  function unread() {
    var seen = local.getItem(K_SEEN);
    var n = 0;
    for (var i = entries.length - 1; i >= 0 && entries[i].id !== seen; i--)
      if (entries[i].from === 'owner') n++;
    return n;
  }
  function updateBadge() {
    var n = isOpen() ? 0 : unread();
    badge.hidden = n === 0;
    badge.textContent = String(n);
    launch.setAttribute('aria-label', n ? T.open + ', ' + n + (n === 1 ? T.newReply : T.newReplies) : T.open);
  }
  function markSeen() {
    var last = lastOwnerId();
    if (!last || !isOpen() || document.hidden) return;
    if (local.getItem(K_SEEN) !== last) {
      local.setItem(K_SEEN, last);
      send({ type: 'seen', upTo: last });
    }
    updateBadge();
  }
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) {
      markSeen();
      if (!ws && !replaced) connect();
    }
  });

  // ------------------------------------------------------------ email follow-up
  function askEmail() {
    if (emailKnown || emailCard || session.getItem('solodesk.noemail')) return;
    var field = el('input', {
      id: 'sd-email',
      type: 'email',
      autocomplete: 'email',
      required: 'required',
      placeholder: 'you@example.com',
      maxlength: '254',
    });
    var f = el('form', { cls: 'email' }, [
      el('label', { cls: 'sr', for: 'sd-email', text: T.emailLabel }),
      field,
      el('button', { cls: 'btn', type: 'submit', text: T.emailSave }),
    ]);
    var later = el('button', { cls: 'link', type: 'button', text: T.emailLater });
    emailCard = el('div', { cls: 'card', role: 'group', 'aria-labelledby': 'sd-email-ask' }, [
      el('p', { id: 'sd-email-ask', text: T.emailAsk }),
      f,
      later,
    ]);
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var v = field.value.trim();
      if (!v) return;
      send({ type: 'email', address: v });
    });
    later.addEventListener('click', function () {
      session.setItem('solodesk.noemail', '1');
      emailCard = null;
      render();
      input.focus();
    });
    render();
  }
  function armEmailTimer() {
    clearTimeout(emailTimer);
    if (emailKnown) return;
    emailTimer = setTimeout(askEmail, limits.emailPromptAfterMs);
  }

  // ------------------------------------------------------------ transport
  function send(frame) {
    if (ws && ready && ws.readyState === 1) {
      ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }
  function saveOutbox() {
    local.setItem(K_OUTBOX, JSON.stringify(outbox));
  }
  // Unsent messages go out in order, a few at a time, so a long offline queue neither floods
  // the socket nor overtakes itself; each ack lets the next one go.
  var inflight = {};
  var paused = false;
  function pump() {
    if (paused || !ready) return;
    var busy = Object.keys(inflight).length;
    for (var i = 0; i < outbox.length && busy < 5; i++) {
      var m = outbox[i];
      if (inflight[m.id]) continue;
      if (!send({ type: 'message', id: m.id, text: m.text })) return;
      inflight[m.id] = true;
      busy++;
    }
  }
  function resume() {
    paused = false;
    pump();
  }
  function newId() {
    var a = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(a);
    return Array.prototype.map
      .call(a, function (b) {
        return ('0' + b.toString(16)).slice(-2);
      })
      .join('');
  }
  var statusTimer = null;
  // Confirmations fade after a few seconds; problems stay until the next change.
  function setStatus(text, transient) {
    clearTimeout(statusTimer);
    status.textContent = text || '';
    if (transient) {
      statusTimer = setTimeout(function () {
        status.textContent = '';
      }, 6000);
    }
  }

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    replaced = false;
    var sock;
    try {
      sock = new WebSocket(wsUrl);
    } catch {
      return schedule();
    }
    ws = sock;
    sock.onopen = function () {
      var hello = { type: 'hello', lang: zh ? 'zh' : 'en' };
      var token = local.getItem(K_VISITOR);
      if (token) hello.visitor = token;
      sock.send(JSON.stringify(hello));
    };
    sock.onmessage = function (ev) {
      var f;
      try {
        f = JSON.parse(ev.data);
      } catch {
        return;
      }
      onFrame(f);
    };
    sock.onclose = function (ev) {
      if (ws !== sock) return;
      ws = null;
      ready = false;
      if (ev.code === 4401) {
        // The stored id was refused (tampered or from another desk): start as a new visitor.
        local.removeItem(K_VISITOR);
        local.removeItem(K_SEEN);
        entries = [];
        retry = 0;
      }
      if (ev.code === 4000) {
        replaced = true;
        return;
      }
      if (entries.length || outbox.length || isOpen()) setStatus(T.offline);
      render();
      schedule();
    };
  }
  function schedule() {
    clearTimeout(retryTimer);
    var delay = Math.min(30000, 1000 * Math.pow(2, retry++)) * (0.75 + Math.random() * 0.5);
    retryTimer = setTimeout(connect, delay);
  }
  window.addEventListener('online', function () {
    if (!ws && !replaced) connect();
  });

  function onFrame(f) {
    if (f.type === 'welcome') {
      ready = true;
      retry = 0;
      local.setItem(K_VISITOR, f.visitor);
      limits = f.limits || limits;
      emailKnown = !!f.emailKnown;
      entries = Array.isArray(f.history) ? f.history : [];
      var stored = {};
      entries.forEach(function (e) {
        if (e.clientId) stored[e.clientId] = true;
      });
      outbox = outbox.filter(function (m) {
        return !stored[m.id];
      });
      saveOutbox();
      setStatus('');
      render();
      inflight = {};
      pump();
      markSeen();
      if (!emailKnown && (f.ownerOnline === false || f.missed > 0)) askEmail();
      var last = entries[entries.length - 1];
      // Also when a message typed before this welcome is still queued: the timer was armed with
      // the default delay, and the desk's own delay applies from now.
      if ((last && last.from === 'visitor') || outbox.length > 0) armEmailTimer();
    } else if (f.type === 'ack') {
      delete inflight[f.id];
      outbox = outbox.filter(function (m) {
        return m.id !== f.id;
      });
      saveOutbox();
      addEntry(f.entry);
      pump();
    } else if (f.type === 'message') {
      addEntry(f.entry);
      if (f.entry.from === 'owner') {
        clearTimeout(emailTimer);
        // A reply that arrives while nobody is looking may go unseen: offer email follow-up.
        if (!isOpen() || document.hidden) askEmail();
        markSeen();
      } else armEmailTimer();
    } else if (f.type === 'rated') {
      var inLog = log.contains(root.activeElement || document.activeElement);
      entries.forEach(function (e) {
        if (e.id === f.requestId) e.rated = f.score;
      });
      render();
      if (inLog) log.focus();
      setStatus(T.rated, true);
    } else if (f.type === 'email_saved') {
      emailKnown = true;
      clearTimeout(emailTimer);
      var hadFocus = emailCard && emailCard.contains(root.activeElement || document.activeElement);
      emailCard = null;
      render();
      if (hadFocus) input.focus();
      setStatus(T.emailSaved, true);
    } else if (f.type === 'error') {
      onError(f);
    }
  }

  function addEntry(e) {
    if (!e || !e.id) return;
    for (var i = 0; i < entries.length; i++) if (entries[i].id === e.id) return render();
    entries.push(e);
    render();
  }

  function onError(f) {
    var msg = T.err[f.code] || T.err.other;
    var m = null;
    for (var i = 0; i < outbox.length; i++) if (outbox[i].id === f.id) m = outbox[i];
    if (f.id) delete inflight[f.id];
    if (m && (f.code === 'rate_limited' || f.code === 'server_error' || f.code === 'not_ready')) {
      // Kept in the outbox: sent again, in order, after a pause.
      setStatus(f.code === 'rate_limited' ? msg : T.err.other);
      paused = true;
      clearTimeout(resendTimer);
      resendTimer = setTimeout(resume, Math.max(1000, f.retryAfterMs || 3000));
      return;
    }
    if (m) {
      outbox = outbox.filter(function (x) {
        return x !== m;
      });
      saveOutbox();
      failed.push({ id: m.id, text: m.text, reason: msg });
      render();
      pump();
      return;
    }
    setStatus(msg);
  }

  // ------------------------------------------------------------ composing
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    if (Array.from(text).length > limits.maxMessageLength) {
      setStatus(T.failed + T.err.too_long);
      return;
    }
    var m = { id: newId(), text: text, at: new Date().toISOString() };
    outbox.push(m);
    saveOutbox();
    input.value = '';
    grow();
    render();
    // Not connected: a reconnect is already scheduled (typing must not hurry the backoff).
    if (ready) pump();
    else if (!ws && !retryTimer) connect();
    armEmailTimer();
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      sendBtn.click();
    }
  });
  function grow() {
    input.style.height = 'auto';
    input.style.height = Math.min(120, input.scrollHeight + 2) + 'px';
  }
  input.addEventListener('input', grow);

  // ------------------------------------------------------------ start
  function start() {
    document.body.appendChild(host);
    render();
    // Returning visitors connect at once (replies and history); new ones when they open the chat.
    if (local.getItem(K_VISITOR) || outbox.length) connect();
    if (session.getItem('solodesk.open') === '1') setOpen(true, false);
  }
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
