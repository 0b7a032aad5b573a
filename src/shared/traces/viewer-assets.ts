// The exported HTML viewer: markup, CSS and a plain ES2017 script, kept as strings so the export
// works the same under vitest, tsx and the bundled main process (no build step, no asset file
// to locate, no transpiler helpers sneaking into a serialized function). The script only uses
// textContent and DOM/SVG attributes, never innerHTML, so trace text cannot inject markup; the
// page's CSP allows exactly these two blocks by hash. Tests drive it in Chromium.

/** Colours of the action overlay; tests look for them at the recorded points. */
export const OVERLAY_COLORS = { tap: '#ff2d55', longPress: '#ffb020', swipe: '#0a84ff', text: '#ffffff' } as const;

export const VIEWER_MARKUP = `<header id="hdr">
  <div class="title-row"><h1 id="task"></h1><span id="status" class="badge"></span></div>
  <div id="meta" class="meta"></div>
  <ul id="problems" class="problems" hidden></ul>
  <ul id="general" class="problems" hidden></ul>
</header>
<nav id="timeline" aria-label="Steps">
  <div class="controls">
    <button id="first" type="button" title="First step (Home)">|&lt;</button>
    <button id="prev" type="button" title="Previous step (Left arrow)">&lt;</button>
    <button id="play" type="button" title="Play as a slideshow (Space)">Play</button>
    <button id="next" type="button" title="Next step (Right arrow)">&gt;</button>
    <button id="last" type="button" title="Last step (End)">&gt;|</button>
    <label>Speed <select id="speed"><option value="1">1x</option><option value="2">2x</option><option value="4">4x</option></select></label>
    <span id="step-label" class="step-label"></span>
    <span class="zoom"><button id="zoom-out" type="button" title="Zoom out (-)">-</button><span id="zoom-label" title="Relative to fitting the window">100%</span><button id="zoom-in" type="button" title="Zoom in (+)">+</button><button id="zoom-fit" type="button" title="Fit (0)">Fit</button></span>
  </div>
  <input id="scrubber" type="range" min="0" max="0" value="0" step="1" aria-label="Step">
  <div id="chips" class="chips"></div>
</nav>
<main>
  <section id="stage" class="stage"><div id="shot" class="shot"></div></section>
  <section id="details" class="details"></section>
</main>`;

export const VIEWER_STYLE = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{display:flex;flex-direction:column;background:#15171c;color:#e6e8ee;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header{padding:10px 16px;border-bottom:1px solid #2a2e37}
.title-row{display:flex;gap:12px;align-items:center}
h1{font-size:17px;margin:0;font-weight:600;overflow-wrap:anywhere}
.badge{padding:2px 8px;border-radius:10px;font-size:12px;font-weight:600;text-transform:uppercase;background:#444}
.badge.finished{background:#1f7a3d}.badge.failed{background:#a8262f}.badge.stopped{background:#5a5f6b}.badge.interrupted{background:#b3640b}
.meta{color:#a4aab6;font-size:12.5px;margin-top:4px;display:flex;flex-wrap:wrap;gap:4px 16px}
.problems{margin:6px 0 0;padding-left:18px;color:#f0b35a;font-size:12.5px}
nav{padding:8px 16px;border-bottom:1px solid #2a2e37}
.controls{display:flex;gap:6px;align-items:center;flex-wrap:wrap}
button,select{background:#262a33;color:#e6e8ee;border:1px solid #3a3f4b;border-radius:6px;padding:3px 10px;font:inherit;cursor:pointer}
button:hover{background:#313643}
.step-label{margin-left:8px;font-variant-numeric:tabular-nums}
.zoom{margin-left:auto;display:flex;gap:4px;align-items:center}
#zoom-label{min-width:44px;text-align:center;font-variant-numeric:tabular-nums}
#scrubber{width:100%;margin:8px 0 4px}
.chips{display:flex;gap:3px;flex-wrap:wrap;max-height:52px;overflow:auto}
.chip{min-width:26px;padding:0 4px;height:20px;font-size:11px;border-radius:4px}
.chip.fail{border-color:#a8262f;color:#ff8a92}.chip.active{background:#3b5bdb;border-color:#3b5bdb;color:#fff}
main{flex:1;display:flex;min-height:0}
.stage{flex:1;overflow:auto;padding:12px;display:flex;min-width:0}
.shot{margin:auto}
.shot svg{display:block;background:#000;box-shadow:0 2px 16px #0008}
.missing{padding:40px;color:#a4aab6;border:1px dashed #3a3f4b;border-radius:8px}
.details{width:440px;max-width:45%;overflow:auto;padding:12px 16px;border-left:1px solid #2a2e37}
.details h2{font-size:15px;margin:0 0 6px}
.details h3{font-size:12px;margin:14px 0 4px;color:#a4aab6;text-transform:uppercase;letter-spacing:.04em}
.details p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
pre{margin:0;padding:8px;background:#0e1014;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
table{border-collapse:collapse}td{padding:1px 12px 1px 0}td:first-child{color:#a4aab6}
.ok{color:#5fd38d}.bad{color:#ff8a92}
ul.list{margin:0;padding-left:18px}
details{margin-top:6px}summary{cursor:pointer;color:#a4aab6}
.pulse{animation:pulse 1.2s ease-out infinite;transform-box:fill-box;transform-origin:center}
@keyframes pulse{from{opacity:.9;transform:scale(.6)}to{opacity:0;transform:scale(1.6)}}
@media (prefers-reduced-motion:reduce){.pulse{animation:none}}
`;

export const VIEWER_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('trace-data').textContent);
  var view = data.view;
  var steps = view.steps;
  var images = data.images;
  var SVGNS = 'http://www.w3.org/2000/svg';
  var COLORS = { tap: '${OVERLAY_COLORS.tap}', longPress: '${OVERLAY_COLORS.longPress}', swipe: '${OVERLAY_COLORS.swipe}' };
  var ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4];
  var state = { index: 0, zoom: 2, timer: null };
  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svgEl(tag, attrs, parent) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function fmtMs(ms) {
    if (ms === null || ms === undefined) return '-';
    if (ms < 1000) return Math.round(ms) + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
    return Math.floor(ms / 60000) + ' min ' + Math.round((ms % 60000) / 1000) + ' s';
  }
  function fmtDate(t) { return t ? new Date(t).toLocaleString() : '-'; }
  function clip(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }

  function describe(a) {
    if (!a) return 'No action';
    switch (a.type) {
      case 'tap': return 'Tap at ' + a.x + ', ' + a.y + (a.sensitive ? ' (sensitive: ' + a.sensitive + ')' : '');
      case 'double_tap': return 'Double tap at ' + a.x + ', ' + a.y;
      case 'long_press': return 'Long press at ' + a.x + ', ' + a.y + (a.durationMs ? ' for ' + fmtMs(a.durationMs) : '');
      case 'swipe': return 'Swipe ' + a.x1 + ', ' + a.y1 + ' \u2192 ' + a.x2 + ', ' + a.y2;
      case 'type': return 'Type "' + a.text + '"' + (a.submit ? ' and submit' : '');
      case 'launch': return 'Launch ' + a.app;
      case 'back': return 'Back';
      case 'home': return 'Home';
      case 'recents': return 'Recent apps';
      case 'enter': return 'Enter';
      case 'wait': return 'Wait ' + fmtMs(a.ms);
      case 'take_over': return 'Hand over to the user: ' + a.message;
      case 'interact': return 'Ask the user' + (a.question ? ': ' + a.question : '');
      case 'note': return 'Note: ' + a.message;
      case 'call_api': return 'Summarise: ' + a.instruction;
      case 'finish': return 'Finish: ' + a.message;
      default: return a.type;
    }
  }

  // ---- header --------------------------------------------------------------------------
  $('task').textContent = view.task || '(unknown task)';
  document.title = 'PhonePilot trace: ' + (view.task || data.id);
  var badge = $('status');
  badge.textContent = view.status;
  badge.className = 'badge ' + view.status;
  var meta = $('meta');
  function metaItem(label, value) { meta.appendChild(el('span', '', label + ': ' + value)); }
  if (view.device) metaItem('Device', view.device.model + ' (' + view.device.serial + ', ' + view.device.width + 'x' + view.device.height + ')');
  if (view.endpoint) metaItem('Model', view.endpoint.name + ' / ' + view.endpoint.model + ' (' + view.endpoint.protocol + ')');
  metaItem('Started', fmtDate(view.startedAt));
  metaItem('Duration', fmtMs(view.durationMs));
  metaItem('Steps', steps.length);
  if (view.message) metaItem('Result', view.message);
  function fillList(id, items) {
    var ul = $(id);
    for (var i = 0; i < items.length; i++) ul.appendChild(el('li', '', items[i]));
    ul.hidden = items.length === 0;
  }
  fillList('problems', data.problems || []);
  var general = [];
  view.general.userInputs.forEach(function (u) { general.push('User (' + u.kind + '): ' + u.text); });
  view.general.errors.forEach(function (e) { general.push('Error ' + e.code + ': ' + e.message); });
  fillList('general', general);

  // ---- timeline --------------------------------------------------------------------------
  var scrubber = $('scrubber');
  scrubber.max = String(Math.max(0, steps.length - 1));
  var chips = $('chips');
  steps.forEach(function (s, i) {
    var failed = (s.result && !s.result.ok) || s.errors.length > 0;
    var b = el('button', 'chip' + (failed ? ' fail' : ''), s.step);
    b.type = 'button';
    b.title = 'Step ' + s.step + ': ' + describe(s.action);
    b.addEventListener('click', function () { stop(); go(i); });
    chips.appendChild(b);
  });

  // ---- screenshot + overlay ---------------------------------------------------------------
  function drawAction(g, a, W, H) {
    if (!a) return;
    var u = Math.max(W, H) / 100;
    function dot(x, y, color) { svgEl('circle', { cx: x, cy: y, r: 1.4 * u, fill: color, stroke: '#fff', 'stroke-width': 0.25 * u, 'class': 'touch-point' }, g); }
    function ring(x, y, r, color, w, cls) { svgEl('circle', { cx: x, cy: y, r: r, fill: 'none', stroke: color, 'stroke-width': w, 'class': cls || '' }, g); }
    function label(text, x, y, size) {
      var t = svgEl('text', { x: x, y: y, 'font-size': size, 'text-anchor': 'middle', 'dominant-baseline': 'middle', fill: '#fff', 'font-family': 'system-ui, sans-serif' });
      t.textContent = text;
      var w = Math.min(W * 0.94, text.length * size * 0.58 + size * 1.4);
      svgEl('rect', { x: x - w / 2, y: y - size, width: w, height: size * 2, rx: size * 0.6, fill: 'rgba(20,22,28,0.88)', stroke: 'rgba(255,255,255,0.5)', 'stroke-width': u * 0.15, 'class': 'bubble' }, g);
      g.appendChild(t);
    }
    switch (a.type) {
      case 'tap':
        ring(a.x, a.y, 4 * u, COLORS.tap, 0.5 * u, 'pulse');
        ring(a.x, a.y, 3 * u, COLORS.tap, 0.45 * u, 'ripple');
        dot(a.x, a.y, COLORS.tap);
        break;
      case 'double_tap':
        ring(a.x, a.y, 3 * u, COLORS.tap, 0.45 * u, 'ripple');
        ring(a.x, a.y, 4.6 * u, COLORS.tap, 0.45 * u, 'ripple');
        dot(a.x, a.y, COLORS.tap);
        break;
      case 'long_press':
        ring(a.x, a.y, 4 * u, COLORS.longPress, 1.2 * u, 'press-ring');
        dot(a.x, a.y, COLORS.longPress);
        break;
      case 'swipe': {
        var dx = a.x2 - a.x1, dy = a.y2 - a.y1, len = Math.sqrt(dx * dx + dy * dy) || 1;
        var ux = dx / len, uy = dy / len, head = Math.min(4 * u, len * 0.5);
        var bx = a.x2 - ux * head, by = a.y2 - uy * head;
        svgEl('line', { x1: a.x1, y1: a.y1, x2: bx, y2: by, stroke: COLORS.swipe, 'stroke-width': 1.1 * u, 'stroke-linecap': 'round', 'class': 'swipe-line' }, g);
        svgEl('polygon', {
          points: a.x2 + ',' + a.y2 + ' ' + (bx - uy * head * 0.6) + ',' + (by + ux * head * 0.6) + ' ' + (bx + uy * head * 0.6) + ',' + (by - ux * head * 0.6),
          fill: COLORS.swipe, 'class': 'swipe-head',
        }, g);
        dot(a.x1, a.y1, COLORS.swipe);
        break;
      }
      case 'type':
        label('\u2328 ' + clip(a.text, 48) + (a.submit ? ' \u23ce' : ''), W / 2, H * 0.8, 3.2 * u);
        break;
      default:
        label(clip(describe(a), 48), W / 2, H * 0.08, 3 * u);
    }
  }

  function fitScale(s) {
    var stage = $('stage');
    var w = stage.clientWidth - 24, h = stage.clientHeight - 24;
    return Math.max(0.05, Math.min(w / s.screen.width, h / s.screen.height));
  }

  function renderShot() {
    var s = steps[state.index];
    var shot = $('shot');
    shot.textContent = '';
    if (!s) { shot.appendChild(el('div', 'missing', 'This trace has no steps.')); return; }
    var src = s.screenshot ? images[s.screenshot] : null;
    if (!s.screen || !src) { shot.appendChild(el('div', 'missing', 'Screenshot missing for step ' + s.step + '.')); return; }
    var W = s.screen.width, H = s.screen.height;
    var scale = fitScale(s) * ZOOMS[state.zoom];
    var root = svgEl('svg', { id: 'shot-svg', viewBox: '0 0 ' + W + ' ' + H, width: Math.round(W * scale), height: Math.round(H * scale), preserveAspectRatio: 'none' }, shot);
    svgEl('image', { href: src, x: 0, y: 0, width: W, height: H, preserveAspectRatio: 'none' }, root);
    drawAction(svgEl('g', { id: 'overlay', 'data-action': s.action ? s.action.type : '' }, root), s.action, W, H);
    $('zoom-label').textContent = Math.round(ZOOMS[state.zoom] * 100) + '%';
  }

  // ---- details ------------------------------------------------------------------------
  function section(parent, title) { parent.appendChild(el('h3', '', title)); }
  function renderDetails() {
    var d = $('details');
    d.textContent = '';
    var s = steps[state.index];
    if (!s) return;
    d.appendChild(el('h2', '', 'Step ' + s.step + ' of ' + steps.length + (s.currentApp ? ' \u00b7 ' + s.currentApp : '')));
    section(d, 'Action');
    d.appendChild(el('p', 'action-text', describe(s.action)));
    if (s.action) d.appendChild(el('pre', 'action-json', JSON.stringify(s.action, null, 1)));
    if (s.result) d.appendChild(el('p', s.result.ok ? 'ok' : 'bad', s.result.ok ? 'Executed' : 'Failed: ' + (s.result.message || 'no reason given')));
    if (s.thought) { section(d, 'Thought'); d.appendChild(el('p', 'thought', s.thought)); }
    section(d, 'Timings');
    var table = el('table', 'timings');
    var t = s.timings;
    [['Model', fmtMs(t.modelMs) + (t.ttftMs !== null ? ' (first token ' + fmtMs(t.ttftMs) + ')' : '')], ['Action', fmtMs(t.actionMs)], ['Settle', fmtMs(t.settleMs)], ['Step', fmtMs(t.stepMs)]]
      .forEach(function (row) { var tr = el('tr'); tr.appendChild(el('td', '', row[0])); tr.appendChild(el('td', '', row[1])); table.appendChild(tr); });
    d.appendChild(table);
    function list(title, items, cls) {
      if (!items.length) return;
      section(d, title);
      var ul = el('ul', 'list ' + cls);
      items.forEach(function (text) { ul.appendChild(el('li', '', text)); });
      d.appendChild(ul);
    }
    list('Confirmations', s.confirmations.map(function (c) { return c.phase + ': ' + c.reason; }), 'confirmations');
    list('User', s.userInputs.map(function (u) { return u.kind + ': ' + u.text; }), 'inputs');
    list('Errors', s.errors.map(function (e) { return e.code + ': ' + e.message; }), 'errors');
    if (s.replies.length) {
      section(d, 'Model reply');
      s.replies.forEach(function (r) {
        var det = el('details', 'raw');
        det.appendChild(el('summary', '', 'Raw reply, attempt ' + r.attempt + (r.reason === 'corrective' ? ' (corrective retry)' : '') + ', ' + fmtMs(r.totalMs)
          + (r.usage ? ', ' + r.usage.promptTokens + ' + ' + r.usage.completionTokens + ' tokens' : '')));
        det.appendChild(el('pre', '', r.raw));
        d.appendChild(det);
      });
    }
    s.errors.forEach(function (e) {
      if (!e.raw) return;
      var det = el('details', 'raw');
      det.appendChild(el('summary', '', 'Reply that caused ' + e.code));
      det.appendChild(el('pre', '', e.raw));
      d.appendChild(det);
    });
  }

  // ---- navigation -----------------------------------------------------------------------
  function go(i) {
    if (!steps.length) { renderShot(); return; }
    state.index = Math.max(0, Math.min(steps.length - 1, i));
    scrubber.value = String(state.index);
    var all = chips.children;
    for (var k = 0; k < all.length; k++) all[k].className = all[k].className.replace(/ active/g, '') + (k === state.index ? ' active' : '');
    if (all[state.index] && all[state.index].scrollIntoView) all[state.index].scrollIntoView({ block: 'nearest', inline: 'nearest' });
    $('step-label').textContent = 'Step ' + steps[state.index].step + ' / ' + steps.length;
    document.body.setAttribute('data-step', String(steps[state.index].step));
    renderShot();
    renderDetails();
  }
  function zoom(delta) { state.zoom = delta === 0 ? 2 : Math.max(0, Math.min(ZOOMS.length - 1, state.zoom + delta)); renderShot(); }
  function stop() {
    if (state.timer !== null) clearInterval(state.timer);
    state.timer = null;
    $('play').textContent = 'Play';
    document.body.removeAttribute('data-playing');
  }
  function play() {
    if (state.timer !== null) { stop(); return; }
    if (state.index >= steps.length - 1) go(0);
    var speed = Number($('speed').value) || 1;
    $('play').textContent = 'Pause';
    document.body.setAttribute('data-playing', String(speed));
    state.timer = setInterval(function () {
      if (state.index >= steps.length - 1) { stop(); return; }
      go(state.index + 1);
    }, 1500 / speed);
  }

  $('first').addEventListener('click', function () { stop(); go(0); });
  $('prev').addEventListener('click', function () { stop(); go(state.index - 1); });
  $('next').addEventListener('click', function () { stop(); go(state.index + 1); });
  $('last').addEventListener('click', function () { stop(); go(steps.length - 1); });
  $('play').addEventListener('click', play);
  $('speed').addEventListener('change', function () { if (state.timer !== null) { stop(); play(); } });
  $('zoom-in').addEventListener('click', function () { zoom(1); });
  $('zoom-out').addEventListener('click', function () { zoom(-1); });
  $('zoom-fit').addEventListener('click', function () { zoom(0); });
  scrubber.addEventListener('input', function () { stop(); go(Number(scrubber.value)); });
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var tag = e.target && e.target.tagName;
    if (tag === 'SELECT') return;
    var handled = true;
    switch (e.key) {
      case 'ArrowLeft': stop(); go(state.index - 1); break;
      case 'ArrowRight': stop(); go(state.index + 1); break;
      case 'Home': stop(); go(0); break;
      case 'End': stop(); go(steps.length - 1); break;
      case ' ': if (tag === 'BUTTON') { handled = false; } else { play(); } break;
      case '+': case '=': zoom(1); break;
      case '-': zoom(-1); break;
      case '0': zoom(0); break;
      default: handled = false;
    }
    if (handled) e.preventDefault();
  });
  window.addEventListener('resize', renderShot);
  go(0);
})();
`;
