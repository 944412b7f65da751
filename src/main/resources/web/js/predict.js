// @ts-check
// Predict, then reveal. Before a request that teaches (request 2 behind round-robin, the first one
// after a crash, after Redis stops or starts) "Send next request" first asks which columns will fail.
// The answer locks, the real request runs, and each guess is scored against what that cluster's
// servers really answered, with a one-line why. Skipping sends at once and scores nothing.
import { h, fill, setText, strategyName } from './dom.js';
import { dueMoment, QUESTIONS, scoreGuesses, tally } from './verdict.js';

/**
 * @typedef {import('./verdict.js').Moment} Moment
 * @typedef {import('./verdict.js').Outcome} Outcome
 */

/**
 * @param {{
 *   panel: HTMLElement,
 *   latest: () => any,
 *   columns: () => string[],
 *   moments: () => Moment[],
 *   score: {prediction: (right: boolean) => void},
 *   focusSend: () => void,
 * }} parts
 * @returns {{gate: (send: () => Promise<any>) => void, close: () => void}}
 */
export function createPredict({ panel, latest, columns, moments, score, focusSend }) {
  const question = /** @type {HTMLElement} */ (panel.querySelector('.predict-q'));
  const choices = /** @type {HTMLElement} */ (panel.querySelector('.predict-choices'));
  const lock = /** @type {HTMLButtonElement} */ (panel.querySelector('#predict-lock'));
  const skip = /** @type {HTMLButtonElement} */ (panel.querySelector('#predict-skip'));
  const result = /** @type {HTMLElement} */ (panel.querySelector('.predict-result'));
  /** @type {{moment: Moment, strategies: string[], send: () => Promise<any>} | null} */
  let open = null;

  /** @param {string} strategy */
  function choiceGroup(strategy) {
    const name = `guess-${strategy}`;
    const legendId = `predict-legend-${strategy}`;
    /** @param {Outcome} value @param {string} label */
    const option = (value, label) => h('label', { class: `predict-option ${value}` },
      h('input', { type: 'radio', name, value }), h('span', { text: label }));
    return h('fieldset', { class: 'predict-column', 'data-strategy': strategy, 'aria-labelledby': legendId },
      h('legend', { id: legendId, text: strategyName(strategy) }),
      option('success', '✓ served'), option('failure', '✗ fails'));
  }

  /** @returns {Record<string, Outcome> | null} a guess for every column, or null while one is missing */
  function guesses() {
    if (!open) return null;
    /** @type {Record<string, Outcome>} */
    const out = {};
    for (const s of open.strategies) {
      const checked = /** @type {HTMLInputElement | null} */ (choices.querySelector(`input[name="guess-${s}"]:checked`));
      if (!checked) return null;
      out[s] = /** @type {Outcome} */ (checked.value);
    }
    return out;
  }

  /** @param {Moment} moment @param {() => Promise<any>} send */
  function ask(moment, send) {
    const strategies = columns();
    open = { moment, strategies, send };
    panel.hidden = false;
    panel.dataset.state = 'asking';
    setText(question, QUESTIONS[moment]);
    fill(choices, ...strategies.map(choiceGroup));
    fill(result);
    lock.hidden = false;
    skip.hidden = false;
    lock.disabled = true;
    skip.disabled = false;
    panel.scrollIntoView({ block: 'nearest' });
    const first = /** @type {HTMLInputElement | null} */ (choices.querySelector('input'));
    if (first) first.focus({ preventScroll: true });
  }

  choices.addEventListener('change', () => {
    lock.disabled = guesses() === null;
  });

  lock.addEventListener('click', async () => {
    const guess = guesses();
    if (!open || !guess) return;
    const { moment, send } = open;
    open = null;
    panel.dataset.state = 'running';
    for (const input of choices.querySelectorAll('input')) /** @type {HTMLInputElement} */ (input).disabled = true;
    lock.disabled = true;
    skip.disabled = true;
    setText(result, 'Locked in. Sending the real request…');
    const before = latest();
    const state = await send();
    lock.hidden = true;
    skip.hidden = true;
    if (!state) {
      panel.dataset.state = 'failed';
      setText(result, 'The request did not go through, so there is nothing to score.');
      return;
    }
    const ctx = {
      moment,
      persistence: Boolean(before && before.redis && before.redis.persistence),
      denyList: Boolean(state.jwtRevocation),
    };
    const scored = scoreGuesses(guess, Array.isArray(state.clusters) ? state.clusters : [], ctx);
    scored.forEach((s) => score.prediction(s.right));
    panel.dataset.state = 'revealed';
    fill(result,
      h('p', { class: 'predict-tally', text: tally(scored) }),
      h('ul', { class: 'predict-list' }, ...scored.map((s) => h('li', { 'data-right': String(s.right), 'data-strategy': s.strategy },
        h('span', { class: 'predict-mark', 'aria-hidden': 'true', text: s.right ? '✓' : '✗' }),
        h('strong', { text: `${strategyName(s.strategy)}: ` }),
        `you said ${s.guess === 'success' ? 'served' : 'fails'}; it ${s.actual === 'success' ? 'was served' : s.actual === 'failure' ? 'failed' : 'sent nothing'}`,
        h('span', { class: 'visually-hidden', text: s.right ? ' (right)' : ' (wrong)' }),
        '. ', h('span', { class: 'predict-why', text: s.why })))));
    focusSend();
  });

  skip.addEventListener('click', () => {
    if (!open) return;
    const { send } = open;
    close();
    send();
    focusSend();
  });

  function close() {
    open = null;
    panel.hidden = true;
    delete panel.dataset.state;
    fill(choices);
    fill(result);
  }

  return {
    /** What "Send next request" does: ask first when a teaching moment is due, else send. */
    gate(send) {
      if (open) {
        const first = /** @type {HTMLInputElement | null} */ (choices.querySelector('input'));
        if (first) first.focus();
        return;
      }
      const moment = dueMoment(latest());
      if (moment && moments().includes(moment) && columns().length) {
        ask(moment, send);
      } else {
        if (panel.dataset.state === 'revealed' || panel.dataset.state === 'failed') close();
        send();
      }
    },
    close,
  };
}
