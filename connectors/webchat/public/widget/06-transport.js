/* Part 6 of the widget: the WebSocket, frames from the desk, refusals, composing, start. */

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
    if (ev.code === 4429) {
      // Refused by an intake limit: its reason stays on screen, and the next try waits as long
      // as the desk asked (never hammering it), whatever the usual backoff would say.
      var wait = Math.min(600000, Math.max(5000, limitedFor || 30000));
      limitedFor = 0;
      render();
      clearTimeout(retryTimer);
      retryTimer = setTimeout(connect, wait * (1 + Math.random() * 0.25));
      return;
    }
    if (entries.length || outbox.length || isOpen()) setStatus(T.offline);
    render();
    schedule();
  };
}
// Set by a limit's error frame (the socket then closes with 4429): how long to wait.
var limitedFor = 0;
var LIMITS = { too_many_connections: 1, too_many_new_visitors: 1, chat_busy: 1 };
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
  if (LIMITS[f.code]) {
    limitedFor = f.retryAfterMs || 0;
    setStatus(msg);
    return;
  }
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
