// @ts-check
// Small DOM helpers. Text always goes in as text nodes: server strings are never parsed as HTML.

/**
 * Creates an element. attrs: class, text, hidden, data-*, aria-*, any other attribute.
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {...(Node | string | number | null | undefined | false | (Node | string)[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'hidden') el.hidden = true;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** @param {Element} el @param {any[]} children */
function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * The element a selector names inside root. The page's markup is ours, so a missing one is a bug: it throws.
 * @param {ParentNode} root @param {string} selector @returns {HTMLElement}
 */
export function q(root, selector) {
  const el = root.querySelector(selector);
  if (!(el instanceof HTMLElement)) throw new Error(`the page has no ${selector}`);
  return el;
}

/**
 * A button a selector names inside root; throws when there is none.
 * @param {ParentNode} root @param {string} selector @returns {HTMLButtonElement}
 */
export function button(root, selector) {
  const el = root.querySelector(selector);
  if (!(el instanceof HTMLButtonElement)) throw new Error(`the page has no button ${selector}`);
  return el;
}

/**
 * Replaces all children of el.
 * @param {Element} el @param {...(Node | string | null | undefined | false)} children
 */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * Sets text only when it changed, so screen readers and animations see real changes only.
 * @param {Element} el @param {unknown} text @returns {boolean} whether it changed
 */
export function setText(el, text) {
  const value = String(text);
  if (el.textContent !== value) {
    el.textContent = value;
    return true;
  }
  return false;
}

/**
 * A number of microseconds as readable text ("61.3", "1834").
 * @param {unknown} value @returns {string | null}
 */
export function micros(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return value >= 100 ? String(Math.round(value)) : value.toFixed(1);
}

/** A duration in microseconds as text with a unit. @param {unknown} us */
export function duration(us) {
  if (typeof us !== 'number' || !Number.isFinite(us)) return 'not reported';
  if (us >= 1000) return `${(us / 1000).toFixed(us >= 10000 ? 0 : 1)} ms`;
  return `${micros(us)} µs`;
}

/**
 * A time of day from an ISO instant, in the reader's locale; the raw text when it is not a date.
 * @param {unknown} iso
 */
export function clock(iso) {
  if (typeof iso !== 'string' && typeof iso !== 'number') return String(iso ?? '');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso ?? '');
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Cluster titles by key, learnt from the lab's registry (GET /api/clusters, and each state's clusters). @type {Record<string, string>} */
export const STRATEGY_NAMES = {};

/**
 * Remembers the titles of the clusters the lab describes ({ key, title } each).
 * @param {unknown} clusters
 */
export function learnStrategyNames(clusters) {
  for (const c of Array.isArray(clusters) ? clusters : []) {
    const key = c && (c.key ?? c.strategy);
    if (typeof key === 'string' && typeof c.title === 'string') STRATEGY_NAMES[key] = c.title;
  }
}

/** @param {string} id */
export function strategyName(id) {
  return STRATEGY_NAMES[id] ?? String(id);
}
