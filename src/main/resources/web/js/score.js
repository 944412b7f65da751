// @ts-check
// The learner's score: predictions in the lab and answers in the quiz, kept together so the quiz's
// closing line can report both. Lives as long as the page.

/** @typedef {{right: number, asked: number}} Tally */
/** @typedef {{predictions: Tally, quiz: Tally}} Scores */

/**
 * @returns {{
 *   prediction: (right: boolean) => void,
 *   quiz: (right: number, asked: number) => void,
 *   current: () => Scores,
 *   onChange: (fn: (s: Scores) => void) => void,
 * }}
 */
export function createScore() {
  /** @type {Scores} */
  const scores = { predictions: { right: 0, asked: 0 }, quiz: { right: 0, asked: 0 } };
  /** @type {((s: Scores) => void)[]} */
  const listeners = [];
  const tell = () => listeners.forEach((fn) => fn(scores));
  return {
    prediction(right) {
      scores.predictions.asked += 1;
      if (right) scores.predictions.right += 1;
      tell();
    },
    quiz(right, asked) {
      scores.quiz = { right, asked };
      tell();
    },
    current: () => scores,
    onChange(fn) {
      listeners.push(fn);
      fn(scores);
    },
  };
}

/**
 * One line for both scores: `Predictions 3 / 4 · quiz 5 / 5`.
 * @param {Scores} s
 * @returns {string}
 */
export function scoreLine(s) {
  const p = s.predictions.asked ? `${s.predictions.right} / ${s.predictions.asked}` : 'none made yet';
  return `Predictions: ${p} · quiz: ${s.quiz.right} / 5`;
}
