// Entry point: wires the lesson's parts together. Lab state arrives only through the event stream
// (and as the answer of the page's own actions); nothing polls.
import { api, followState } from './api.js';
import { createLabPanel } from './lab-panel.js';
import { createEventLog } from './event-log.js';
import { createCompare } from './compare.js';
import { createQuiz } from './quiz.js';
import { createProgress } from './progress.js';

function start() {
  const labSection = document.getElementById('lab');
  const errorBox = document.getElementById('lab-error');
  const errorText = document.getElementById('lab-error-text');

  const showError = (message) => {
    errorText.textContent = message;
    errorBox.hidden = false;
  };
  const clearError = () => {
    errorBox.hidden = true;
    errorText.textContent = '';
  };
  document.getElementById('lab-error-close').addEventListener('click', () => {
    clearError();
    document.getElementById('send-next').focus();
  });

  const lab = createLabPanel({ section: labSection, onError: showError, clearError });
  const log = createEventLog(document.getElementById('event-log'));
  let drawn = false;

  const applyState = (state) => {
    if (!state || typeof state !== 'object') return;
    drawn = true;
    try {
      lab.render(state);
      log.render(state.log);
      compare.renderState(state);
    } catch (err) {
      showError(`The page could not draw the lab's latest state: ${err.message}`);
    }
  };
  const compare = createCompare({ section: document.getElementById('compare'), applyState });
  lab.onActionState(applyState);

  followState({
    onState: applyState,
    onStatus: (status) => lab.setStreamStatus(status),
    onBadEvent: (err) => showError(err.message),
  });

  // One read at start-up, so the page draws even if the stream is slow to open; it is ignored
  // once anything newer (an event, an action's answer) has been drawn.
  api.state().then((state) => {
    if (!drawn) applyState(state);
  }).catch((err) => {
    if (!drawn) showError(`Could not read the lab's state. ${err.message}`);
  });

  compare.load();
  createQuiz(document.getElementById('quiz'));
  createProgress({
    nav: document.querySelector('nav.toc'),
    sections: [...document.querySelectorAll('main > section.part[data-part]')],
    goals: document.getElementById('goals'),
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
