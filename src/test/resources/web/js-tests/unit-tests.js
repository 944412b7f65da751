// @ts-check
// Unit tests of the page's pure modules, run in the real browser by LessonPageIT (served only from the
// test class path). Each test is a function; a failed assertion throws. Results go on the page and in
// `window.jsTestResults` for the Java side to read.
import { createStateGate, isNewerDated } from '../js/state-merge.js';
import { kindWords, eventWords, plainMessage, outcomeWords } from '../js/words.js';
import { dueMoment, whyLine, scoreGuesses, tally } from '../js/verdict.js';
import { createScore, scoreLine } from '../js/score.js';

/** @type {{name: string, fn: () => void}[]} */
const tests = [];
/** @param {string} name @param {() => void} fn */
const test = (name, fn) => tests.push({ name, fn });

/** @param {unknown} actual @param {unknown} expected @param {string} [what] */
function equal(actual, expected, what = 'value') {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}
/** @param {string} text @param {string} part */
function contains(text, part) {
  if (!String(text).includes(part)) throw new Error(`expected "${text}" to contain "${part}"`);
}

// ---- state merge
test('a state document older than the one drawn is dropped', () => {
  const gate = createStateGate();
  equal(gate.accept({ seq: 5 }), true, 'seq 5');
  equal(gate.accept({ seq: 4 }), false, 'seq 4 after 5');
  equal(gate.accept({ seq: 5 }), false, 'seq 5 again');
  equal(gate.accept({ seq: 6, x: 1 }), true, 'seq 6');
  equal(gate.latest(), { seq: 6, x: 1 }, 'latest');
});
test('a document without seq is taken but does not move the mark', () => {
  const gate = createStateGate();
  gate.accept({ seq: 3 });
  equal(gate.accept({ nothing: true }), true, 'unnumbered');
  equal(gate.seq(), 3, 'mark');
  equal(gate.accept({ seq: 2 }), false, 'older');
});
test('nothing that is not an object is accepted', () => {
  const gate = createStateGate();
  equal(gate.accept(null), false, 'null');
  equal(gate.accept('{"seq": 9}'), false, 'a string');
  equal(gate.latest(), null, 'latest');
});
test('a measurement replaces the one shown only when it is as new or newer', () => {
  const older = { measuredAt: '2026-11-28T04:00:00Z' };
  const newer = { measuredAt: '2026-11-28T04:05:00Z' };
  equal(isNewerDated(older, newer, 'measuredAt'), true, 'newer over older');
  equal(isNewerDated(newer, older, 'measuredAt'), false, 'older over newer');
  equal(isNewerDated(null, older, 'measuredAt'), true, 'first one');
  equal(isNewerDated(newer, null, 'measuredAt'), false, 'null over a real one');
  equal(isNewerDated(null, null, 'measuredAt'), true, 'null over nothing');
});

// ---- plain words
test('failure kinds read as plain words, unknown kinds as themselves', () => {
  equal(kindWords('not-recognised'), 'the server did not know the session');
  equal(kindWords('store-down'), 'the server could not reach Redis');
  equal(kindWords('brand-new-kind'), 'brand new kind');
  equal(eventWords('node-killed'), 'server crashed');
});
test('a request event loses its keys', () => {
  const text = plainMessage('#2 GET /profile as alice: in-memory S2 failure not-recognised; sticky S1 success; redis - failure store-down');
  contains(text, 'S2 failed (the server did not know the session)');
  contains(text, 'sticky S1 served');
  contains(text, 'failed (the server could not reach Redis)');
  if (/not-recognised|store-down|failure|success/.test(text)) throw new Error(`a key is left in "${text}"`);
});
test('a refusal and a failed measurement read as words', () => {
  const text = plainMessage('POST /api/compare/run failed: could not measure (measurement-failed)');
  contains(text, '(measurement failed)');
  equal(plainMessage('POST /api/lab/redis/stop refused: redis-already-stopped'), 'POST /api/lab/redis/stop refused: Redis was already stopped');
  equal(plainMessage('POST /api/lab/x refused: some-new-kind'), 'POST /api/lab/x refused: some new kind');
  equal(outcomeWords({ node: null, outcome: 'failure', kind: 'node-down' }), 'no server · failed · no server was up to answer');
  equal(outcomeWords({ node: 'S1', outcome: 'success' }), 'S1 · served');
});

// ---- verdicts of predictions
const log = (...types) => types.map((type) => ({ type }));
test('request 2 of a fresh walk is a moment', () => {
  equal(dueMoment({ walk: { next: { index: 2 } }, log: log('reset', 'request') }), 'second-request');
  equal(dueMoment({ walk: { next: { index: 3 } }, log: log('request', 'request') }), null);
});
test('the newest lab change since the last request decides the moment', () => {
  equal(dueMoment({ walk: { next: { index: 5 } }, log: log('request', 'node-killed', 'node-down') }), 'after-kill');
  equal(dueMoment({ walk: { next: { index: 6 } }, log: log('request', 'redis-stopped') }), 'after-redis-stop');
  equal(dueMoment({ walk: { next: { index: 6 } }, log: log('redis-stopped', 'request', 'redis-started') }), 'after-redis-start');
  equal(dueMoment({ walk: { next: { index: 6 } }, log: log('request', 'node-killed', 'node-restarted') }), null);
  equal(dueMoment({ walk: { next: { index: 6 } }, log: log('node-killed', 'request') }), null);
});
test('a guess scores against the real outcome, column by column', () => {
  const clusters = [
    { strategy: 'in-memory', last: { node: 'S2', outcome: 'failure', kind: 'not-recognised' } },
    { strategy: 'redis', last: { node: 'S2', outcome: 'success' } },
  ];
  const scored = scoreGuesses({ 'in-memory': 'failure', redis: 'failure' }, clusters, { moment: 'second-request' });
  equal(scored.map((s) => [s.strategy, s.actual, s.right]), [['in-memory', 'failure', true], ['redis', 'success', false]]);
  equal(tally(scored), '1 of 2 right.');
  contains(scored[0].why, 'S2 had never seen this session');
});
test('the why line names what really happened', () => {
  contains(whyLine('sticky', { node: 'S2', outcome: 'failure', kind: 'not-recognised' }, { moment: 'after-kill' }), 'died with it');
  contains(whyLine('redis', { node: 'S3', outcome: 'failure', kind: 'not-recognised' }, { moment: 'after-redis-start' }), 'came back empty');
  contains(whyLine('redis', { node: 'S3', outcome: 'success' }, { moment: 'after-redis-start' }), 'append-only file');
  contains(whyLine('jwt', { node: 'S1', outcome: 'failure', kind: 'store-down' }, { moment: 'after-redis-stop', denyList: true }), 'fail closed');
  equal(tally([{ strategy: 'jwt', guess: 'success', actual: 'success', right: true, why: '' }]), 'Right.');
});

test('a kind the page has no sentence for is named in plain words, as itself', () => {
  const why = whyLine('redis', { node: 'S1', outcome: 'failure', kind: 'bad-request' }, { moment: 'walk' });
  equal(why, 'It failed: ' + kindWords('bad-request') + '.');
  if (/credential/.test(why)) throw new Error(`"${why}" blames the credential`);
});

// ---- score
test('predictions and the quiz share one score line', () => {
  const score = createScore();
  equal(scoreLine(score.current()), 'Predictions: none made yet · quiz: 0 / 5');
  score.prediction(true);
  score.prediction(false);
  score.quiz(3, 4);
  equal(scoreLine(score.current()), 'Predictions: 1 / 2 · quiz: 3 / 5');
});

/** @type {{name: string, ok: boolean, message: string}[]} */
const results = [];
for (const t of tests) {
  try {
    t.fn();
    results.push({ name: t.name, ok: true, message: '' });
  } catch (err) {
    results.push({ name: t.name, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
}
const list = /** @type {HTMLElement} */ (document.getElementById('results'));
for (const r of results) {
  const li = document.createElement('li');
  li.textContent = `${r.ok ? 'ok' : 'FAILED'}: ${r.name}${r.message ? ` (${r.message})` : ''}`;
  list.append(li);
}
const failed = results.filter((r) => !r.ok).length;
/** @type {HTMLElement} */ (document.getElementById('summary')).textContent = `${results.length - failed} passed, ${failed} failed`;
/** @type {any} */ (window).jsTestResults = results;
