/* Part 4 of the widget: the launcher and panel elements, the state, opening and closing. */

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
