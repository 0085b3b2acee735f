/* Part 5 of the widget: drawing the conversation, unread counts, the email follow-up card. */

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
    var b = el('button', { cls: 'star', type: 'button', 'aria-label': i + T.star, 'data-score': String(i) }, [
      icon(P_STAR, 30),
    ]);
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
