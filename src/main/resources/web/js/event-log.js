// @ts-check
// The lab's event log (state.log, oldest first) shown newest first, in plain words. Only new entries
// are added, so the polite live region around the list announces what just happened, not the history.
import { h, fill, clock, strategyName } from './dom.js';
import { eventWords, plainMessage } from './words.js';

/** @typedef {{at?: string, type?: string, strategy?: string | null, message?: string}} LogEntry */

const MAX = 200;
const BAD = new Set(['node-killed', 'node-down', 'redis-stopped', 'error', 'locked-out', 'logout-kept']);
/** @param {LogEntry} e */
const GOOD = new Set(['node-restarted', 'node-up', 'node-added', 'redis-started']);

const keyOf = (e) => `${e.at}|${e.type}|${e.strategy ?? ''}|${e.message}`;

/** @param {HTMLElement} list the `<ol>` inside the element with role=log */
export function createEventLog(list) {
  /** @type {string[]} */
  let keys = [];

  /** @param {LogEntry} e */
  function item(e) {
    const type = String(e.type ?? 'event');
    const cls = BAD.has(type) ? 'type t-bad' : GOOD.has(type) ? 'type t-ok' : 'type';
    const text = plainMessage(e.message);
    const message = e.strategy ? `${strategyName(e.strategy)}: ${text}` : text;
    return h('li', {},
      h('time', { class: 'when', datetime: e.at ?? null, text: clock(e.at) }),
      h('span', { class: cls, text: eventWords(type) }),
      h('span', { class: 'msg', text: message }));
  }

  /** @param {unknown} log */
  function render(log) {
    const entries = Array.isArray(log) ? log.filter((e) => e && typeof e === 'object') : [];
    const newKeys = entries.map(keyOf);
    if (entries.length === 0) {
      keys = [];
      fill(list, h('li', {}, h('span', { class: 'empty', text: 'Nothing has happened yet. Press a button above and it appears here.' })));
      return;
    }
    // Where does what we already show end in the new log?
    const lastShown = keys.length ? keys[keys.length - 1] : null;
    const at = lastShown === null ? -1 : newKeys.lastIndexOf(lastShown);
    if (at === -1 || keys.length === 0) {
      fill(list, ...entries.slice(-MAX).reverse().map(item));
    } else {
      const fresh = entries.slice(at + 1);
      for (const e of fresh) list.prepend(item(e));
      while (list.children.length > MAX) list.lastElementChild?.remove();
    }
    keys = newKeys;
  }

  render([]);
  return { render };
}
