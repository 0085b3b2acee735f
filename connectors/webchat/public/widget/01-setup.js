/*
 * solodesk website chat widget. One script tag adds a chat button and panel:
 *   <script src="https://desk.example.com/chat/widget.js" async></script>
 * Optional attributes: data-color="#0f766e", data-title="Chat with Acme".
 * Plain JavaScript, no framework; styles live in a shadow root so the host page is untouched.
 * Every text from the network is set with textContent, never parsed as HTML.
 *
 * Part 1 of the widget (see assets.ts, which joins the parts in order inside one function):
 * the single-instance guard and where the desk is.
 */

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
