/**
 * The client script of report.html (inline, allowed by its hash in the Content-Security-Policy). It reads the item
 * data from the JSON block and builds the rows with createElement/textContent only — never innerHTML of data.
 */
export const PAGE_SCRIPT = `(() => {
  const data = JSON.parse(document.getElementById('item-data').textContent);
  const $ = (id) => document.getElementById(id);
  const tbody = $('item-rows'), search = $('item-search'), view = $('filter-view'), scorer = $('filter-scorer');
  const candidate = $('filter-candidate'), min = $('filter-min'), max = $('filter-max'), count = $('item-count'), more = $('show-more');
  const PAGE = 100;
  let limit = PAGE;
  const haystacks = data.rows.map((row) => [row.id, row.prompt, row.reference].concat(row.outputs.map((o) => (o ? (o.output || '') + ' ' + (o.error || '') : ''))).join(' ').toLowerCase());
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined && text !== null) e.textContent = String(text); return e; };
  const fmt = (v) => (typeof v === 'number' ? v.toFixed(3) : '–');
  function inRange(row) {
    const s = scorer.value; if (!s) return true;
    const lo = min.value === '' ? -Infinity : Number(min.value), hi = max.value === '' ? Infinity : Number(max.value);
    const which = candidate.value === '' ? row.outputs.map((_, i) => i) : [Number(candidate.value)];
    return which.some((i) => { const o = row.outputs[i]; const sc = o && o.scores[s]; return sc && typeof sc.score === 'number' && !sc.error && sc.score >= lo && sc.score <= hi; });
  }
  function matches(row, i) {
    if (view.value === 'disagree' && !row.disagree) return false;
    if (view.value === 'errors' && !row.error) return false;
    const q = search.value.trim().toLowerCase();
    if (q && !haystacks[i].includes(q)) return false;
    return inRange(row);
  }
  function cellFor(o) {
    const td = el('td');
    if (!o) { td.appendChild(el('div', 'error', 'not run')); return td; }
    if (o.error) td.appendChild(el('div', 'error', 'error: ' + o.error));
    if (o.output !== null && o.output !== undefined) td.appendChild(el('pre', 'text', o.output));
    const chips = el('div', 'chips');
    for (const name of data.scorers) {
      const sc = o.scores[name]; if (!sc) continue;
      const cls = sc.error ? 'chip err' : sc.pass === true ? 'chip pass' : sc.pass === false ? 'chip fail' : 'chip';
      chips.appendChild(el('span', cls, name + ' ' + (sc.error ? 'error' : fmt(sc.score))));
    }
    td.appendChild(chips);
    for (const name of data.scorers) {
      const sc = o.scores[name]; if (!sc) continue;
      if (sc.reason) td.appendChild(el('div', 'reason', name + ': ' + sc.reason));
      if (sc.error) td.appendChild(el('div', 'error', name + ': ' + sc.error));
    }
    return td;
  }
  function rowFor(row) {
    const tr = el('tr'); tr.dataset.itemId = row.id;
    tr.setAttribute('data-testid', 'item-row');
    const first = el('td');
    first.appendChild(el('div', 'item-id', row.id));
    first.appendChild(el('div', 'label', 'prompt')); first.appendChild(el('pre', 'text', row.prompt));
    first.appendChild(el('div', 'label', 'reference')); first.appendChild(el('pre', 'text', row.reference));
    tr.appendChild(first);
    for (const o of row.outputs) tr.appendChild(cellFor(o));
    return tr;
  }
  function render() {
    const fragment = document.createDocumentFragment();
    let matched = 0;
    data.rows.forEach((row, i) => { if (!matches(row, i)) return; matched++; if (matched <= limit) fragment.appendChild(rowFor(row)); });
    tbody.replaceChildren(fragment);
    count.textContent = matched + ' of ' + data.rows.length + ' items' + (data.total > data.rows.length ? ' (first ' + data.rows.length + ' of ' + data.total + ' embedded)' : '');
    more.hidden = matched <= limit;
  }
  const reset = () => { limit = PAGE; render(); };
  for (const control of [search, view, scorer, candidate, min, max]) control.addEventListener('input', reset);
  more.addEventListener('click', () => { limit += PAGE; render(); });
  render();
})();`;
