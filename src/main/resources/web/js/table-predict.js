// @ts-check
// Part 2's six verdicts, asked before they are shown: each row hides its verdict and its why until
// the learner picks one (not state, harmful, mixed). "Show every answer" skips. Without this module
// (or without JavaScript) the table simply shows everything.
import { h, setText } from './dom.js';

/** @typedef {'ok' | 'bad' | 'warn'} Verdict */

/** @type {{value: Verdict, label: string}[]} */
const CHOICES = [
  { value: 'ok', label: 'Not state' },
  { value: 'bad', label: 'Harmful' },
  { value: 'warn', label: 'Mixed' },
];

/**
 * The verdict a row's badge shows.
 * @param {Element} badge
 * @returns {Verdict | null}
 */
export function verdictOf(badge) {
  for (const v of /** @type {Verdict[]} */ (['ok', 'bad', 'warn'])) if (badge.classList.contains(v)) return v;
  return null;
}

/**
 * @param {{table: HTMLTableElement | null, score: {prediction: (right: boolean) => void}}} parts
 */
export function createTablePredictions({ table, score }) {
  if (!table) return;
  const rows = /** @type {HTMLTableRowElement[]} */ ([...table.querySelectorAll('tbody tr')]);
  /** @type {(() => void)[]} */
  const reveals = [];
  const showAll = h('button', { type: 'button', class: 'btn btn-small', id: 'state-table-reveal', text: 'Skip: show every answer' });

  rows.forEach((row, i) => {
    const badge = row.querySelector('.badge');
    const verdictCell = badge && badge.closest('td');
    const whyCell = row.querySelector('td[data-label="Why"]');
    const answer = badge && verdictOf(badge);
    if (!badge || !verdictCell || !whyCell || !answer) return;
    const example = row.querySelector('th')?.textContent?.trim() ?? `row ${i + 1}`;

    // Only the explanation's text is hidden; anything interactive another module put there stays.
    const why = h('span', { class: 'why-text' });
    for (const node of [...whyCell.childNodes]) {
      if (node instanceof HTMLElement && (node.matches('button, a, details') || node.querySelector('button'))) continue;
      why.append(node);
    }
    whyCell.prepend(why);
    const placeholder = h('span', { class: 'why-pending', text: 'Pick a verdict to see why.' });
    why.hidden = true;
    whyCell.prepend(placeholder);

    /** @type {HTMLElement} */ (badge).hidden = true;
    const result = h('span', { class: 'guess-result', hidden: true, tabindex: '-1' });
    const group = h('div', { class: 'verdict-guess', role: 'group', 'aria-label': `Your verdict: ${example}` },
      ...CHOICES.map((c) => {
        const b = h('button', { type: 'button', class: 'btn btn-small guess', 'data-verdict': c.value, text: c.label });
        b.addEventListener('click', () => reveal(c.value));
        return b;
      }));
    verdictCell.append(group, result);
    row.classList.add('pending');

    /** @param {Verdict | null} guess null when skipped */
    function reveal(guess) {
      if (!row.classList.contains('pending')) return;
      row.classList.remove('pending');
      const hadFocus = group.contains(document.activeElement);
      group.remove();
      /** @type {HTMLElement} */ (badge).hidden = false;
      placeholder.remove();
      why.hidden = false;
      if (guess !== null) {
        const right = guess === answer;
        score.prediction(right);
        result.hidden = false;
        result.dataset.right = String(right);
        const said = CHOICES.find((c) => c.value === guess)?.label.toLowerCase();
        setText(result, right ? `✓ You said ${said}: right.` : `✗ You said ${said}.`);
      }
      if (!table?.querySelector('tr.pending')) showAll.remove();
      if (hadFocus) {
        const nextGuess = /** @type {HTMLElement | null} */ (table?.querySelector('tr.pending .guess'));
        (nextGuess ?? result).focus?.();
      }
    }
    reveals.push(() => reveal(null));
  });

  if (!reveals.length) return;
  showAll.addEventListener('click', () => {
    reveals.forEach((r) => r());
    showAll.remove();
  });
  const intro = h('p', { class: 'guess-intro' },
    'Before you read the verdicts: decide for each row whether it is state, and whether it would hurt with several servers. ', showAll);
  table.closest('.table-scroll')?.before(intro);
}
