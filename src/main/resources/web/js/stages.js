// @ts-check
// Part 4 in steps, one knob at a time, on the real clusters: one server; a second one behind
// round-robin; sticky, until the pinned server dies; Redis, and Redis as the new single point of
// failure; JWT, and its deny-list in Redis. Then the whole board as a playground. Each step sets the
// lab up with real actions (a reset, switching servers off) and shows only the column it is about.
import { setText, fill, h } from './dom.js';
import { api } from './api.js';

/**
 * @typedef {import('./verdict.js').Moment} Moment
 * @typedef {{
 *   id: string, title: string, columns: string[], moments: Moment[], controls: string[],
 *   setupLabel: string, setup: () => Promise<any>, text: string[], todo: string[], beginLabel?: string,
 * }} Stage
 */

const ALL = ['in-memory', 'sticky', 'redis', 'jwt'];

/** @type {Stage[]} */
export const STAGES = [
  {
    id: 'one-server', title: 'One server', columns: ['in-memory'], moments: [], controls: ['send-next'],
    setupLabel: 'Setting up one server (S2 and S3 switched off)', beginLabel: 'Begin: switch S2 and S3 off',
    setup: async () => { await api.reset(); await api.kill('S2'); return api.kill('S3'); },
    text: ['The in-memory cluster with S2 and S3 switched off (“Begin” does that): its balancer has only S1 to send Alice to. This is the app before anyone scaled it.'],
    todo: ['Send the four requests: login, profile, settings, dashboard.', 'Every one lands on S1, which remembers Alice. Nothing to fix yet.'],
  },
  {
    id: 'two-servers', title: 'A second server', columns: ['in-memory'], moments: ['second-request'], controls: ['send-next'],
    setupLabel: 'Setting up two servers (S3 switched off)',
    setup: async () => { await api.reset(); return api.kill('S3'); },
    text: ['Traffic grew, so S2 now runs beside S1, and the balancer takes turns between them (round-robin). Not a line of code changed.'],
    todo: ['Send the login.', 'Before request 2 goes out, say what you expect. Then send a few more and watch the pattern.'],
  },
  {
    id: 'sticky', title: 'Sticky sessions', columns: ['sticky'], moments: ['second-request', 'after-kill'],
    controls: ['send-next', 'kill-s1', 'restart-s1'],
    setupLabel: 'Setting up the sticky cluster', setup: () => api.reset(),
    text: ['Three servers again, but this balancer gives Alice a cookie that pins her to the server of her login. Her session still lives in that one server’s memory.'],
    todo: ['Send four requests: every one goes to S1.', 'Press Kill S1, and predict the next request.'],
  },
  {
    id: 'redis', title: 'Redis sessions', columns: ['redis'], moments: ['after-kill', 'after-redis-stop', 'after-redis-start'],
    controls: ['send-next', 'kill-s1', 'restart-s1', 'redis-stop', 'redis-start', 'redis-persistence'],
    setupLabel: 'Setting up the Redis cluster', setup: () => api.reset(),
    text: [
      'The servers keep nothing: every session lives in Redis, which all three read. Round-robin and crashes stop mattering.',
      'But now Redis holds every session there is. It has become the new single point of failure: while it is down nobody can be recognised, and with persistence off (its default here) it keeps sessions in memory only, so a restart forgets them all.',
    ],
    todo: [
      'Send a few requests, Kill S1, send again.',
      'Stop Redis and send; Start Redis and send. Were the sessions kept?',
      'Press “Start this step again”, switch Redis persistence on (an append-only file, written to disk before every answer), send two requests, and do the same two steps.',
    ],
  },
  {
    id: 'jwt', title: 'JWT', columns: ['jwt'], moments: ['after-kill', 'after-redis-stop', 'after-redis-start'],
    controls: ['send-next', 'kill-s1', 'restart-s1', 'redis-stop', 'redis-start', 'lab-jwt-revocation'],
    setupLabel: 'Setting up the JWT cluster', setup: () => api.reset(),
    text: [
      'The session travels inside a signed token, and any server checks the signature on its own. No store, so Redis stopping changes nothing here.',
      'Unless you switch on the deny-list, the usual way to make logout real: then every request asks Redis whether the token was revoked. With Redis down the servers cannot know, so they refuse: the JWT cluster fails closed, and depends on Redis after all.',
    ],
    todo: ['Send a few requests, Kill S1, send again.', 'Stop Redis and send; then switch the deny-list on and send again.'],
  },
  {
    id: 'playground', title: 'Playground', columns: ALL,
    moments: ['second-request', 'after-kill', 'after-redis-stop', 'after-redis-start'],
    controls: ['send-next', 'kill-s1', 'restart-s1', 'reset-lab', 'redis-stop', 'redis-start', 'redis-persistence', 'add-node', 'lab-jwt-revocation'],
    setupLabel: 'Resetting the lab for the playground', setup: () => api.reset(),
    text: ['All four clusters side by side, every control. Every count is a real HTTP answer.'],
    todo: ['The lesson’s walk: four requests, Kill S1, four more. Who survives?', 'Then anything you like: stop Redis, add a node, switch the deny-list on.'],
  },
];

/**
 * @param {{
 *   section: HTMLElement,
 *   run: (label: string, action: () => Promise<any>) => Promise<any>,
 *   onChange: (stage: Stage) => void,
 * }} parts
 */
export function createStages({ section, run, onChange }) {
  const tabs = /** @type {HTMLButtonElement[]} */ ([...section.querySelectorAll('.stage-tab')]);
  const board = /** @type {HTMLElement} */ (section.querySelector('#clusters'));
  const title = /** @type {HTMLElement} */ (section.querySelector('#stage-title'));
  const text = /** @type {HTMLElement} */ (section.querySelector('#stage-text'));
  const todo = /** @type {HTMLElement} */ (section.querySelector('#stage-todo'));
  const begin = /** @type {HTMLButtonElement} */ (section.querySelector('#stage-begin'));
  const next = /** @type {HTMLButtonElement} */ (section.querySelector('#stage-next'));
  let current = STAGES[0];
  /** The stage the lab was last set up for. @type {string | null} */
  let readyId = null;

  /** @param {Stage} stage */
  function show(stage) {
    current = stage;
    section.dataset.stage = stage.id;
    board.dataset.focus = stage.columns.length === 1 ? stage.columns[0] : 'all';
    tabs.forEach((t) => {
      if (t.dataset.stage === stage.id) t.setAttribute('aria-current', 'step');
      else t.removeAttribute('aria-current');
    });
    const n = STAGES.indexOf(stage);
    setText(title, n < STAGES.length - 1 ? `Step ${n + 1} of ${STAGES.length - 1}: ${stage.title}` : stage.title);
    fill(text, ...stage.text.map((t) => h('p', { text: t })));
    fill(todo, ...stage.todo.map((t) => h('li', { text: t })));
    // A step shows only its own knobs; the playground shows every control, also ones added later.
    for (const control of /** @type {NodeListOf<HTMLElement>} */ (section.querySelectorAll('[data-control]'))) {
      control.hidden = stage.id !== 'playground' && !stage.controls.includes(control.dataset.control ?? '');
    }
    setText(begin, readyId === stage.id ? 'Start this step again' : stage.beginLabel ?? `Begin step ${n + 1}`);
    if (stage.id === 'playground') setText(begin, 'Reset the playground');
    const after = STAGES[n + 1];
    next.hidden = !after;
    if (after) setText(next, `Next: ${after.title} →`);
    onChange(stage);
  }

  /** Shows the stage and sets the lab up for it. @param {Stage} stage */
  async function enter(stage) {
    show(stage);
    const state = await run(stage.setupLabel, stage.setup);
    if (state !== null) readyId = stage.id;
    show(stage);
  }

  tabs.forEach((t) => t.addEventListener('click', () => {
    const stage = STAGES.find((s) => s.id === t.dataset.stage);
    if (stage) enter(stage);
  }));
  begin.addEventListener('click', () => enter(current));
  next.addEventListener('click', () => {
    const after = STAGES[STAGES.indexOf(current) + 1];
    if (after) enter(after).then(() => title.focus({ preventScroll: false }));
  });

  show(current);
  return {
    current: () => current,
    /** Columns the learner sees now: the ones a prediction asks about. */
    columns: () => current.columns,
    moments: () => current.moments,
  };
}
