// Part 7: five questions, one at a time, instant feedback, running score, retry.
import { h, fill, setText } from './dom.js';

const QUESTIONS = [
  {
    q: 'Your app keeps sessions in server memory. You put three copies behind a round-robin load balancer. Why do users keep getting signed out?',
    options: [
      ['The load balancer throws away cookies it doesn’t recognise.', false],
      ['Their next request lands on a different server, which has no record of the session.', true],
      ['Round-robin is slow, so sessions time out between requests.', false],
      ['Each server hashes passwords differently.', false],
    ],
    why: 'Round-robin hands each request to the next server in turn. The session exists only in the memory of the server that handled the login, so the other two don’t recognise the cookie. The balancer passes the cookie along untouched; the problem lives on the servers.',
  },
  {
    q: 'With sticky sessions, Alice is pinned to S1. Then S1 crashes. What happens on her next request?',
    options: [
      ['Nothing visible: the balancer copies her session over to S2.', false],
      ['Her request waits until S1 comes back up.', false],
      ['She is sent to another server that has never met her, so she has to sign in again.', true],
      ['Every user on every server is signed out.', false],
    ],
    why: 'Stickiness only decides where requests go; it copies nothing. Her session lived in S1’s memory and died with it. The balancer does route her to a healthy server, but that server doesn’t know her. You saw exactly this in the sticky column after “Kill S1”.',
  },
  {
    q: 'Which of these is harmful state once you run several servers?',
    options: [
      ['Environment variables read at start-up', false],
      ['A database connection pool', false],
      ['Constants compiled into the code', false],
      ['An in-process cache of user profiles', true],
    ],
    why: 'The cache is warm on one server and cold or stale on the others, so the answer depends on where a request lands. Configuration is identical everywhere, and a connection pool is per-process plumbing to a shared database. Move shared caching into something like Redis.',
  },
  {
    q: 'You’re building a web app where “Sign out” must take effect immediately, on every server. Which approach fits best?',
    options: [
      ['Server-side sessions in a shared store such as Redis', true],
      ['JWTs that expire after 24 hours', false],
      ['In-memory sessions with sticky routing', false],
      ['Keeping the user’s password hash in a cookie', false],
    ],
    why: 'Deleting the session key revokes it at once, for every server. A JWT stays valid until it expires unless you add a revocation list, and checking that list brings back the lookup you were trying to avoid. The revocation demo in part 5 shows both.',
  },
  {
    q: 'Are the contents of a JWT secret?',
    options: [
      ['Yes: the signature encrypts the claims.', false],
      ['No: the claims are base64url-encoded JSON that anyone holding the token can read.', true],
      ['Yes: only servers that hold the key can read them.', false],
      ['Partly: only the expiry time is visible.', false],
    ],
    why: 'Signing proves the claims weren’t changed; it hides nothing. Anyone can decode them, as the JWT column’s wire view shows. Keep secrets out of claims (JWE exists if you truly need encryption).',
  },
];

export function createQuiz(root) {
  const pos = root.querySelector('#quiz-pos');
  const score = root.querySelector('#quiz-score');
  const card = root.querySelector('#quiz-card');
  const legend = root.querySelector('#quiz-question');
  const options = root.querySelector('#quiz-options');
  const feedback = root.querySelector('#quiz-feedback');
  const next = root.querySelector('#quiz-next');
  const done = root.querySelector('#quiz-done');
  const doneTitle = root.querySelector('#quiz-done-title');
  const doneText = root.querySelector('#quiz-done-text');
  const retry = root.querySelector('#quiz-retry');
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
    fill(options, ...item.options.map(([text, correct], n) => {
      const b = h('button', { type: 'button', class: 'quiz-option', 'data-correct': String(correct) },
        h('span', { class: 'opt-mark', 'aria-hidden': 'true', text: letters[n] }),
        h('span', { class: 'opt-text', text }));
      b.addEventListener('click', () => choose(b, correct));
      return b;
    }));
    fill(feedback);
    next.hidden = true;
    if (focus) options.firstElementChild.focus();
  }

  function choose(button, correct) {
    if (answered) return;
    answered = true;
    if (correct) right += 1;
    setText(score, `${right} / ${total}`);
    for (const b of options.querySelectorAll('.quiz-option')) {
      const isRight = b.dataset.correct === 'true';
      b.disabled = true;
      const mark = b.querySelector('.opt-mark');
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
    fill(feedback,
      h('p', { class: `verdict-line ${correct ? 'right' : 'wrong'}`, text: correct ? '✓ Right!' : '✗ Not quite.' }),
      h('p', { text: QUESTIONS[index].why }));
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
    setText(score, `0 / ${total}`);
    show(0, true);
  });

  setText(score, `0 / ${total}`);
  show(0, false);
}
