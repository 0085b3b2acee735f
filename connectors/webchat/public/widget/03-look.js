/* Part 3 of the widget: storage that works without localStorage, DOM helpers, icons and styles. */

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
