// @ts-check
// The lab bar's two switches that involve Redis: its persistence (an append-only file, switched at
// run time) and the JWT deny-list (which makes the jwt cluster ask Redis on every request).
import { setText } from './dom.js';
import { api } from './api.js';

/**
 * @param {{
 *   section: HTMLElement,
 *   lab: {run: (label: string, action: () => Promise<any>) => Promise<any>,
 *         addControl: (b: HTMLButtonElement, usable: (state: any) => boolean) => void,
 *         onRender: (fn: (state: any) => void) => void},
 * }} parts
 */
export function createStoreControls({ section, lab }) {
  const persistence = /** @type {HTMLButtonElement} */ (section.querySelector('#redis-persistence'));
  const denyList = /** @type {HTMLButtonElement} */ (section.querySelector('#lab-jwt-revocation'));
  let persistent = false;
  let denying = false;

  lab.addControl(persistence, (s) => Boolean(s.redis && s.redis.managed !== false && s.redis.running !== false));
  lab.addControl(denyList, () => true);

  lab.onRender((state) => {
    const redis = state.redis ?? {};
    persistent = redis.persistence === true;
    persistence.setAttribute('aria-pressed', String(persistent));
    setText(/** @type {HTMLElement} */ (persistence.querySelector('.toggle-state')), persistent ? 'on' : 'off');
    persistence.title = redis.running === false ? 'Start Redis first: its settings can only change while it runs.' : '';
    denying = state.jwtRevocation === true;
    denyList.setAttribute('aria-pressed', String(denying));
    setText(/** @type {HTMLElement} */ (denyList.querySelector('.toggle-state')), denying ? 'on' : 'off');
  });

  persistence.addEventListener('click', () => lab.run(
    persistent ? 'Switching Redis persistence off' : 'Switching Redis persistence on',
    () => api.redisPersistence(!persistent)));
  denyList.addEventListener('click', () => lab.run(
    denying ? 'Switching the JWT deny-list off' : 'Switching the JWT deny-list on',
    () => api.jwtRevocation(!denying)));
}
