/**
 * The client script of report.html (inline, allowed by its hash in the Content-Security-Policy). It reads the item
 * data from the JSON block and builds the rows with createElement/textContent only — never innerHTML of data.
 * A row shows clamped texts and score chips; a click (or its toggle button) opens it: full texts and judge reasons.
 */
export const PAGE_SCRIPT = `(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('item-data').textContent);
  const $ = (id) => document.getElementById(id);
  const tbody = $('item-rows'), search = $('item-search'), view = $('filter-view'), scorer = $('filter-scorer');
  const candidate = $('filter-candidate'), min = $('filter-min'), max = $('filter-max'), sortBy = $('sort-by');
  const count = $('item-count'), more = $('show-more');
  const PAGE = 100;
  let limit = PAGE;
  const haystacks = data.rows.map((row) => [row.id, row.prompt, row.reference].concat(row.outputs.map((o) => (o ? (o.output || '') + ' ' + (o.error || '') : ''))).join(' ').toLowerCase());
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined && text !== null) e.textContent = String(text); return e; };
  const fmt = (v) => (typeof v === 'number' ? v.toFixed(3) : '–');
  const scoreOf = (o, name) => { const sc = o && o.scores[name]; return sc && typeof sc.score === 'number' && !sc.error ? sc.score : null; };
  const candidatesOf = () => (candidate.value === '' ? data.candidates.map((_, i) => i) : [Number(candidate.value)]);
  function inRange(row) {
    if (min.value === '' && max.value === '') return true;
    const lo = min.value === '' ? -Infinity : Number(min.value), hi = max.value === '' ? Infinity : Number(max.value);
    return candidatesOf().some((i) => { const s = scoreOf(row.outputs[i], scorer.value); return s !== null && s >= lo && s <= hi; });
  }
  function matches(row, i) {
    if (view.value === 'disagree' && !row.disagree) return false;
    if (view.value === 'errors' && !row.error) return false;
    const q = search.value.trim().toLowerCase();
    if (q && !haystacks[i].includes(q)) return false;
    return inRange(row);
  }
  function sortKey(row) {
    const scores = candidatesOf().map((i) => scoreOf(row.outputs[i], scorer.value)).filter((s) => s !== null);
    if (sortBy.value === 'spread') return scores.length ? Math.min(...scores) - Math.max(...scores) : 0;
    if (sortBy.value === 'lowest') return scores.length ? Math.min(...scores) : Infinity;
    return 0;
  }
  function chip(name, sc) {
    let cls = 'chip';
    if (sc.error) cls += ' err';
    else if (sc.pass === true) cls += ' pass';
    else if (sc.pass === false) cls += ' fail';
    else if (typeof sc.score === 'number') cls += ' q' + Math.max(0, Math.min(4, Math.floor(sc.score * 5)));
    const c = el('span', cls);
    c.appendChild(el('span', 'chip-name', name));
    c.appendChild(el('span', 'chip-value', sc.error ? 'error' : fmt(sc.score)));
    return c;
  }
  function cellFor(o) {
    const td = el('td', 'out');
    if (!o) { td.appendChild(el('div', 'error', 'not run')); return td; }
    if (o.error) td.appendChild(el('div', 'error', 'error: ' + o.error));
    if (o.output !== null && o.output !== undefined) td.appendChild(el('div', 'text clamp', o.output));
    const chips = el('div', 'chips');
    for (const name of data.scorers) { const sc = o.scores[name]; if (sc) chips.appendChild(chip(name, sc)); }
    td.appendChild(chips);
    for (const name of data.scorers) {
      const sc = o.scores[name]; if (!sc) continue;
      if (sc.reason) td.appendChild(el('div', 'reason', name + ': ' + sc.reason));
      if (sc.error) td.appendChild(el('div', 'reason error', name + ': ' + sc.error));
    }
    return td;
  }
  function rowFor(row) {
    const tr = el('tr'); tr.dataset.itemId = row.id;
    tr.setAttribute('data-testid', 'item-row');
    const first = el('td', 'item');
    const head = el('div', 'item-head');
    const toggle = el('button', 'toggle', '▸'); toggle.type = 'button'; toggle.setAttribute('aria-expanded', 'false'); toggle.setAttribute('aria-label', 'Show details');
    head.appendChild(toggle);
    head.appendChild(el('span', 'item-id', row.id));
    if (row.disagree) head.appendChild(el('span', 'flag', 'disagree'));
    if (row.error) head.appendChild(el('span', 'flag err', 'error'));
    first.appendChild(head);
    first.appendChild(el('div', 'text clamp prompt', row.prompt));
    const ref = el('div', 'text clamp reference'); ref.appendChild(el('span', 'field', 'reference ')); ref.appendChild(document.createTextNode(row.reference));
    first.appendChild(ref);
    tr.appendChild(first);
    for (const o of row.outputs) tr.appendChild(cellFor(o));
    return tr;
  }
  function toggleRow(tr) {
    const open = tr.classList.toggle('open');
    const button = tr.querySelector('.toggle');
    if (button) { button.setAttribute('aria-expanded', String(open)); button.textContent = open ? '▾' : '▸'; }
  }
  tbody.addEventListener('click', (event) => {
    const tr = event.target.closest('tr');
    const selecting = String(window.getSelection ? window.getSelection() : '') !== '';
    if (tr && (event.target.closest('.toggle') || !selecting)) toggleRow(tr);
  });
  function render() {
    let picked = [];
    data.rows.forEach((row, i) => { if (matches(row, i)) picked.push(row); });
    if (sortBy.value !== 'file') picked = picked.map((row, i) => ({ row, i, key: sortKey(row) })).sort((a, b) => a.key - b.key || a.i - b.i).map((x) => x.row);
    const fragment = document.createDocumentFragment();
    for (const row of picked.slice(0, limit)) fragment.appendChild(rowFor(row));
    tbody.replaceChildren(fragment);
    const embedded = data.total > data.rows.length ? ' (first ' + data.rows.length + ' of ' + data.total + ' embedded)' : '';
    count.textContent = picked.length + ' of ' + data.rows.length + ' items' + embedded;
    more.hidden = picked.length <= limit;
  }
  const reset = () => { limit = PAGE; render(); };
  for (const control of [search, view, scorer, candidate, min, max, sortBy]) control.addEventListener('input', reset);
  more.addEventListener('click', () => { limit += PAGE; render(); });
  render();
})();`;
