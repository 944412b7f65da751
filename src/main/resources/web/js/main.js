// @ts-check
// Entry point: wires the lesson's parts together. Lab state arrives only through the event stream
// (and as the answer of the page's own actions); nothing polls. Documents are ordered by their `seq`,
// so one that arrives late never overwrites a newer one.
import { api, followState } from './api.js';
import { createLabPanel } from './lab-panel.js';
import { createEventLog } from './event-log.js';
import { createCompare } from './compare.js';
import { createQuiz } from './quiz.js';
import { createProgress } from './progress.js';
import { createStateGate } from './state-merge.js';
import { createScore, scoreLine } from './score.js';
import { createPredict } from './predict.js';
import { createStages } from './stages.js';
import { createStoreControls } from './store-controls.js';
import { createTablePredictions } from './table-predict.js';

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

function start() {
  const labSection = byId('lab');
  const errorBox = byId('lab-error');
  const errorText = byId('lab-error-text');

  /** @param {string} message */
  const showError = (message) => {
    errorText.textContent = message;
    errorBox.hidden = false;
  };
  const clearError = () => {
    errorBox.hidden = true;
    errorText.textContent = '';
  };
  byId('lab-error-close').addEventListener('click', () => {
    clearError();
    byId('send-next').focus();
  });

  const lab = createLabPanel({ section: labSection, onError: showError, clearError });
  const log = createEventLog(byId('event-log'));
  const gate = createStateGate();
  const score = createScore();

  /** @param {any} state */
  const applyState = (state) => {
    if (!gate.accept(state)) return;
    try {
      lab.render(state);
      log.render(state.log);
      compare.renderState(state);
    } catch (err) {
      showError(`The page could not draw the lab's latest state: ${err instanceof Error ? err.message : err}`);
    }
  };
  const compare = createCompare({ section: byId('compare'), applyState });
  lab.onActionState(applyState);
  createStoreControls({ section: labSection, lab });

  const predict = createPredict({
    panel: byId('predict'),
    latest: () => gate.latest(),
    columns: () => stages.columns(),
    moments: () => stages.moments(),
    score,
    focusSend: () => byId('send-next').focus({ preventScroll: true }),
  });
  const stages = createStages({ section: labSection, run: lab.run, onChange: () => predict.close() });
  lab.setSendGate(predict.gate);

  followState({
    onState: applyState,
    onCompare: (doc) => compare.showCompare(doc),
    onRevocation: (doc) => compare.showRevocation(doc),
    onStatus: (status) => lab.setStreamStatus(status),
    onBadEvent: (err) => showError(err.message),
  });

  // One read at start-up, so the page draws even if the stream is slow to open; `seq` drops it
  // when anything newer (an event, an action's answer) was drawn first.
  api.state().then(applyState).catch((err) => {
    if (gate.latest() === null) showError(`Could not read the lab's state. ${err.message}`);
  });

  compare.load();
  const scoreText = byId('score-line');
  score.onChange((s) => { scoreText.textContent = scoreLine(s); });
  createTablePredictions({ table: /** @type {HTMLTableElement} */ (document.querySelector('.state-table')), score });
  createQuiz(byId('quiz'), score, () => scoreLine(score.current()));
  createProgress({
    nav: /** @type {HTMLElement} */ (document.querySelector('nav.toc')),
    sections: /** @type {HTMLElement[]} */ ([...document.querySelectorAll('main > section.part[data-part]')]),
    goals: byId('goals'),
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
