// @ts-check
// Part 7: five questions, one at a time, instant feedback (an explanation for each option), a running
// score reported to the page's shared score, retry.
import { h, q, button, fill, setText } from './dom.js';

/**
 * Each option carries its own explanation: why it is right, or the misconception behind picking it.
 * @typedef {{text: string, correct: boolean, why: string}} Option
 * @typedef {{q: string, options: Option[]}} Question
 * @type {Question[]}
 */
const QUESTIONS = [
  {
    q: 'Your app keeps sessions in server memory. You put three copies behind a round-robin load balancer. Why do users keep getting signed out?',
    options: [
      { text: 'The load balancer throws away cookies it doesn’t recognise.', correct: false,
        why: 'The balancer forwards the cookie untouched; you saw it arrive at S2 in the wire view. The cookie is fine: S2 simply has no session behind it.' },
      { text: 'Their next request lands on a different server, which has no record of the session.', correct: true,
        why: 'Round-robin hands each request to the next server in turn, and the session exists only in the memory of the one that handled the login.' },
      { text: 'Round-robin is slow, so sessions time out between requests.', correct: false,
        why: 'Nothing expired: the failures came within milliseconds of the login, and the same session worked again the moment a request returned to the first server.' },
      { text: 'Each server hashes passwords differently.', correct: false,
        why: 'Passwords only matter at sign-in, and that worked. The failures come later, on requests that carry a session id no other server knows.' },
    ],
  },
  {
    q: 'With sticky sessions, Alice is pinned to S1. Then S1 crashes. What happens on her next request?',
    options: [
      { text: 'Nothing visible: the balancer copies her session over to S2.', correct: false,
        why: 'A balancer routes requests; it never sees inside a server’s memory, so it has nothing to copy. Stickiness is only a routing rule.' },
      { text: 'Her request waits until S1 comes back up.', correct: false,
        why: 'The balancer stops sending to a server that is down and picks a healthy one at once. And a restarted S1 would have empty memory anyway.' },
      { text: 'She is sent to another server that has never met her, so she has to sign in again.', correct: true,
        why: 'Her session lived in S1’s memory and died with it. The balancer does move her to a healthy server, but that server has never heard of her.' },
      { text: 'Every user on every server is signed out.', correct: false,
        why: 'Only the users pinned to S1 lose their sessions; users pinned to S2 and S3 carry on. The damage is limited to one server’s share.' },
    ],
  },
  {
    q: 'Which of these is harmful state once you run several servers?',
    options: [
      { text: 'Environment variables read at start-up', correct: false,
        why: 'Every server reads the same values at start-up, so it makes no difference which one answers. Identical everywhere is not state.' },
      { text: 'A database connection pool', correct: false,
        why: 'Each server keeps its own pool to the same shared database. The pool is plumbing; the data stays in the database every server reads.' },
      { text: 'Constants compiled into the code', correct: false,
        why: 'Every copy of the code carries the same constants, so every server answers the same way.' },
      { text: 'An in-process cache of user profiles', correct: true,
        why: 'It is warm on one server and cold or stale on the others, so answers depend on where a request lands. Move shared caching into something like Redis.' },
    ],
  },
  {
    q: 'You’re building a web app where “Sign out” must take effect immediately, on every server. Which approach fits best?',
    options: [
      { text: 'Server-side sessions in a shared store such as Redis', correct: true,
        why: 'Deleting the key ends the session for every server at once, as the revocation demo in part 5 shows.' },
      { text: 'JWTs that expire after 24 hours', correct: false,
        why: 'A signed token stays valid until it expires: the demo in part 5 replays one after logout and it is still accepted. A deny-list fixes that, but brings back the lookup.' },
      { text: 'In-memory sessions with sticky routing', correct: false,
        why: 'Logging out on the pinned server does work, but the setup still loses every session when that server dies. It trades one problem for another.' },
      { text: 'Keeping the user’s password hash in a cookie', correct: false,
        why: 'That hands a secret to the browser and still gives servers no way to end a session: nothing in it can be switched off.' },
    ],
  },
  {
    q: 'Are the contents of a JWT secret?',
    options: [
      { text: 'Yes: the signature encrypts the claims.', correct: false,
        why: 'A signature proves the claims were not changed; it hides nothing. The JWT column’s wire view decodes them without any key.' },
      { text: 'No: the claims are base64url-encoded JSON that anyone holding the token can read.', correct: true,
        why: 'Anyone with the token can decode it, as the wire view shows. Keep secrets out of claims; JWE exists for real encryption.' },
      { text: 'Yes: only servers that hold the key can read them.', correct: false,
        why: 'The key is only needed to check the signature. Reading the claims takes a base64url decoder, nothing more.' },
      { text: 'Partly: only the expiry time is visible.', correct: false,
        why: 'Every claim is equally visible: subject, role, expiry and any setting you put in. Encoding is not encryption.' },
    ],
  },
];

/**
 * @param {HTMLElement} root
 * @param {{quiz: (right: number, asked: number) => void}} [score] told after every answer
 * @param {() => string} [scoreLine] the learner's predictions and quiz, for the closing message
 */
export function createQuiz(root, score, scoreLine) {
  const pos = q(root, '#quiz-pos');
  const scoreText = q(root, '#quiz-score');
  const card = q(root, '#quiz-card');
  const legend = q(root, '#quiz-question');
  const options = q(root, '#quiz-options');
  const feedback = q(root, '#quiz-feedback');
  const next = button(root, '#quiz-next');
  const done = q(root, '#quiz-done');
  const doneTitle = q(root, '#quiz-done-title');
  const doneText = q(root, '#quiz-done-text');
  const retry = button(root, '#quiz-retry');
  const total = QUESTIONS.length;
  let index = 0;
  let right = 0;
  let answered = false;

  const letters = 'ABCD';

  function show(i, focus) {
    index = i;
    answered = false;
    const item = QUESTIONS[i];
    card.hidden = false;
    done.hidden = true;
    setText(pos, `Question ${i + 1} of ${total}`);
    setText(legend, item.q);
    fill(options, ...item.options.map(({ text, correct }, n) => {
      const b = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'quiz-option', 'data-correct': String(correct) },
        h('span', { class: 'opt-mark', 'aria-hidden': 'true', text: letters[n] }),
        h('span', { class: 'opt-text', text })));
      b.addEventListener('click', () => choose(b, n));
      return b;
    }));
    fill(feedback);
    next.hidden = true;
    if (focus) /** @type {HTMLElement | null} */ (options.firstElementChild)?.focus();
  }

  /** @param {HTMLButtonElement} button @param {number} chosen */
  function choose(button, chosen) {
    if (answered) return;
    answered = true;
    const item = QUESTIONS[index];
    const correct = item.options[chosen].correct;
    if (correct) right += 1;
    setText(scoreText, `${right} / ${total}`);
    if (score) score.quiz(right, index + 1);
    for (const b of /** @type {NodeListOf<HTMLButtonElement>} */ (options.querySelectorAll('.quiz-option'))) {
      const isRight = b.dataset.correct === 'true';
      b.disabled = true;
      const mark = q(b, '.opt-mark');
      if (isRight) {
        b.classList.add('is-right');
        mark.textContent = '✓';
        b.append(h('span', { class: 'visually-hidden', text: ' (the right answer)' }));
      } else if (b === button) {
        b.classList.add('is-wrong');
        mark.textContent = '✗';
        b.append(h('span', { class: 'visually-hidden', text: ' (your answer)' }));
      }
    }
    const best = item.options.find((o) => o.correct);
    fill(feedback,
      h('p', { class: `verdict-line ${correct ? 'right' : 'wrong'}`, text: correct ? '✓ Right!' : '✗ Not quite.' }),
      h('p', { class: 'why-chosen', text: item.options[chosen].why }),
      correct || !best ? null : h('p', { class: 'why-right' }, h('strong', { text: 'The right answer: ' }), best.why));
    const last = index === total - 1;
    next.textContent = last ? 'Finish' : 'Next question';
    next.hidden = false;
    if (last) finish(false);
    next.focus();
  }

  function finish(moveFocus) {
    done.hidden = false;
    const perfect = right === total;
    done.classList.toggle('perfect', perfect);
    setText(doneTitle, perfect ? `✓ ${right} / ${total}: a perfect score!` : `You scored ${right} / ${total}.`);
    setText(doneText, perfect
      ? 'You can explain why scaling out breaks sessions, how each fix fails or holds, and when to reach for Redis or a JWT. That is the whole lesson. Well done, and on to Auth 101!'
      : 'Every explanation is worth a second read; the lab above lets you see each one happen. Then have another go.');
    if (scoreLine) setText(doneText, `${doneText.textContent} ${scoreLine()}`);
    if (moveFocus) {
      card.hidden = true;
      done.focus();
    }
  }

  next.addEventListener('click', () => {
    if (!answered) return;
    if (index < total - 1) show(index + 1, true);
    else finish(true);
  });

  retry.addEventListener('click', () => {
    right = 0;
    setText(scoreText, `0 / ${total}`);
    if (score) score.quiz(0, 0);
    show(0, true);
  });

  setText(scoreText, `0 / ${total}`);
  show(0, false);
}
