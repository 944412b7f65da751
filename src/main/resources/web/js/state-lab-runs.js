// @ts-check
// The state labs on the page (docs/STATE-LABS.md): "See it happen" on the harmful rows of part 2 and
// the rolling restart and scale-out of part 4. A button starts the lab on the live clusters; every
// step it takes, and its result, arrive as `state-lab` events and are drawn next to the button.
// This module owns only elements marked data-state-lab / data-state-lab-result.

/** Plain names for the figures' keys; a figure not listed here shows under its own key. */
const FIGURE_NAMES = {
  staleReads: 'stale reads after the change',
  reads: 'reads per variant after the change',
  found: 'nodes that found the avatar',
  of: 'nodes asked',
  passwordsChecked: 'passwords checked',
  guesses: 'wrong passwords sent',
  lostUpdates: 'changes lost',
  pairs: 'pairs of concurrent changes',
  failedRequests: 'failed requests',
  usersSignedOut: 'users signed out',
  servedByNewNode: 'requests served by the new node',
  stickyUsersMoved: 'sticky users moved to another node',
};

/**
 * @typedef {{action: string, note: string | null}} LabStep
 * @typedef {{name: string, status: string, steps?: LabStep[], figures?: Record<string, number | Record<string, number>>,
 *            verdicts?: Record<string, string>, wallMillis?: number, detail?: string}} LabDoc
 */

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {string} name */
const buttons = (name) => /** @type {HTMLButtonElement[]} */ ([...document.querySelectorAll(`button[data-state-lab="${name}"]`)]);
const allButtons = () => /** @type {HTMLButtonElement[]} */ ([...document.querySelectorAll('button[data-state-lab]')]);
/** @param {string} name */
const results = (name) => /** @type {HTMLElement[]} */ ([...document.querySelectorAll(`[data-state-lab-result="${name}"]`)]);

/** @param {LabDoc} doc */
function figuresTable(doc) {
  const figures = doc.figures || {};
  /** @type {string[]} */
  const columns = [];
  Object.values(figures).forEach((value) => {
    if (value && typeof value === 'object') Object.keys(value).forEach((k) => { if (!columns.includes(k)) columns.push(k); });
  });
  const table = el('table', 'data state-lab-figures');
  const caption = el('caption', 'visually-hidden', `Figures measured by the ${doc.name} lab`);
  table.append(caption);
  const head = el('tr');
  head.append(el('th', '', 'measured'));
  columns.forEach((c) => { const th = el('th', '', c); th.setAttribute('scope', 'col'); head.append(th); });
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  const plain = el('p', 'state-lab-plain');
  Object.entries(figures).forEach(([name, value]) => {
    if (value && typeof value === 'object') {
      const row = el('tr');
      const th = el('th', '', FIGURE_NAMES[/** @type {keyof FIGURE_NAMES} */ (name)] || name);
      th.setAttribute('scope', 'row');
      row.append(th);
      columns.forEach((c) => {
        const td = el('td', '', c in value ? String(value[c]) : '');
        td.dataset.figure = name;
        td.dataset.key = c;
        row.append(td);
      });
      body.append(row);
    } else {
      const span = el('span', 'state-lab-plain-figure');
      span.append(`${FIGURE_NAMES[/** @type {keyof FIGURE_NAMES} */ (name)] || name}: `);
      const number = el('strong', '', String(value));
      number.dataset.figure = name;
      span.append(number);
      plain.append(span, ' ');
    }
  });
  table.append(thead, body);
  return [table, plain];
}

/** @param {LabDoc} doc */
function render(doc) {
  for (const box of results(doc.name)) {
    box.hidden = false;
    box.dataset.status = doc.status;
    box.replaceChildren();
    const steps = doc.steps || [];
    const status = doc.status === 'running'
      ? `Running on the live lab… ${steps.length ? `last step: ${steps[steps.length - 1].action}` : 'starting'}`
      : doc.status === 'done' ? `Done in ${((doc.wallMillis || 0) / 1000).toFixed(1)} s on the live lab.`
        : doc.status === 'failed' ? `The lab could not finish: ${doc.detail || 'no reason given'}` : '';
    box.append(el('p', 'state-lab-status', status));
    if (steps.length) {
      const list = el('ol', 'state-lab-steps');
      steps.forEach((step) => {
        const item = el('li');
        item.append(el('code', '', step.action));
        if (step.note) item.append(' ', el('span', 'state-lab-note', step.note));
        list.append(item);
      });
      const details = el('details', 'state-lab-details');
      details.append(el('summary', '', 'What each node answered'), list);
      details.open = doc.status !== 'done';
      box.append(details);
    }
    if (doc.status === 'done') {
      box.append(...figuresTable(doc));
      const verdicts = el('ul', 'state-lab-verdicts');
      Object.entries(doc.verdicts || {}).forEach(([key, sentence]) => {
        const item = el('li');
        item.dataset.verdict = key;
        item.append(el('strong', '', key), ' ', sentence);
        verdicts.append(item);
      });
      box.append(verdicts);
    }
  }
  const busy = doc.status === 'running';
  allButtons().forEach((b) => { b.disabled = busy; });
  buttons(doc.name).forEach((b) => { b.setAttribute('aria-busy', String(busy)); });
}

/** @param {string} name @param {string} message */
function showFailure(name, message) {
  render({ name, status: 'failed', detail: message });
  allButtons().forEach((b) => { b.disabled = false; });
}

/** @param {string} name */
async function start(name) {
  let response;
  try {
    response = await fetch(`api/labs/${encodeURIComponent(name)}/run`, {
      method: 'POST', headers: { Accept: 'application/json, application/problem+json' }, cache: 'no-store',
    });
  } catch {
    showFailure(name, 'the lab could not be reached');
    return;
  }
  let doc = null;
  try { doc = await response.json(); } catch { doc = null; }
  if (!response.ok) {
    const detail = doc && typeof doc.detail === 'string' ? doc.detail : `HTTP ${response.status}`;
    showFailure(name, detail);
    return;
  }
  if (doc) render(doc);
}

function follow() {
  if (typeof EventSource !== 'function') return;
  const source = new EventSource('api/events');
  source.addEventListener('state-lab', (event) => {
    try {
      render(JSON.parse(/** @type {MessageEvent} */ (event).data));
    } catch {
      // A document the page cannot read is skipped; the next one is whole again.
    }
  });
}

function init() {
  allButtons().forEach((button) => {
    button.addEventListener('click', () => start(/** @type {string} */ (button.dataset.stateLab)));
  });
  follow();
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init);
} else {
  init();
}
