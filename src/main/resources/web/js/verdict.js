// @ts-check
// Predict, then reveal: which moment of the walk is due a question, how a guess scores against what
// the servers really answered, and the one-line why. Pure: no DOM, unit-tested in the browser.
import { kindWords } from './words.js';

/**
 * @typedef {'second-request' | 'after-kill' | 'after-redis-stop' | 'after-redis-start'} Moment
 * @typedef {'success' | 'failure'} Outcome
 * @typedef {{index?: number, node?: string | null, outcome?: string, kind?: string | null}} LastRequest
 * @typedef {{strategy: string, last?: LastRequest | null}} ClusterDoc
 * @typedef {{type?: string, strategy?: string | null}} LogEntry
 * @typedef {{walk?: {next?: {index?: number}}, log?: LogEntry[], redis?: {persistence?: boolean, running?: boolean},
 *            jwtRevocation?: boolean, clusters?: ClusterDoc[]}} LabDoc
 * @typedef {{moment: Moment | null, persistence?: boolean, denyList?: boolean}} Context
 * @typedef {{strategy: string, guess: Outcome, actual: Outcome | null, right: boolean, why: string}} Scored
 */

/** Events that change what the next request will meet; the newest one after the last request decides. @type {Record<string, Moment | null>} */
const TURNS = {
  'node-killed': 'after-kill',
  'node-restarted': null,
  'redis-stopped': 'after-redis-stop',
  'redis-started': 'after-redis-start',
  reset: null,
};

/** What each moment asks, in the learner's words. @type {Record<Moment, string>} */
export const QUESTIONS = {
  'second-request': 'Alice is signed in. Her second request goes to the next server in turn. Which columns will fail?',
  'after-kill': 'S1 just crashed. Which columns will fail on the next request?',
  'after-redis-stop': 'Redis just stopped. Which columns will fail on the next request?',
  'after-redis-start': 'Redis is running again. Which columns will fail on the next request?',
};

/**
 * The moment the next request would teach, read from the lab's own state: the newest lab change since
 * the last request (a crash, Redis stopping or starting), or request 2 of a fresh walk.
 * @param {LabDoc | null | undefined} state
 * @returns {Moment | null}
 */
export function dueMoment(state) {
  if (!state) return null;
  const log = Array.isArray(state.log) ? state.log : [];
  for (let i = log.length - 1; i >= 0; i--) {
    const type = log[i] && log[i].type;
    if (type === 'request') break;
    if (type !== undefined && type in TURNS) return TURNS[type];
  }
  const next = state.walk && state.walk.next && state.walk.next.index;
  return next === 2 ? 'second-request' : null;
}

/**
 * Why a column's request went as it did, in one line.
 * @param {string} strategy
 * @param {LastRequest | null | undefined} last
 * @param {Context} ctx
 * @returns {string}
 */
export function whyLine(strategy, last, ctx) {
  if (!last) return 'No request reached this cluster.';
  const node = last.node ?? 'no server';
  if (last.outcome === 'success') {
    switch (strategy) {
      case 'in-memory': return `${node} is the server that signed Alice in, so its own memory holds her session.`;
      case 'sticky': return `The balancer's cookie sent Alice back to ${node}, the server that holds her session.`;
      case 'redis': return ctx.moment === 'after-redis-start'
        ? 'Redis read its append-only file back when it started, so the session was still there.'
        : `${node} read the session from Redis, which every server shares.`;
      case 'jwt': return ctx.denyList
        ? `${node} checked the token's signature, and asked the deny-list in Redis: not revoked.`
        : `${node} checked the token's signature on its own: there was nothing to look up.`;
      default: return `${node} served Alice as herself.`;
    }
  }
  switch (last.kind) {
    case 'not-recognised':
      if (strategy === 'sticky' && ctx.moment === 'after-kill') {
        return `Her session lived in S1's memory and died with it; the balancer moved her to ${node}, which had never seen her.`;
      }
      if (strategy === 'redis' && ctx.moment === 'after-redis-start') {
        return 'Redis came back empty: with persistence off it held sessions in memory only, so they died with it.';
      }
      if (strategy === 'redis') return 'Redis has no such session any more, so no server can find it.';
      return `${node} had never seen this session: it lives only in the memory of the server that signed Alice in.`;
    case 'store-down':
      return strategy === 'jwt'
        ? 'With the deny-list on, every request asks Redis whether the token was revoked; with Redis down the servers refuse rather than guess: they fail closed.'
        : `${node} could not reach Redis, so it could not tell who Alice is.`;
    case 'node-down':
      return 'No server was up, so the balancer had nowhere to send the request.';
    default:
      return `It failed: ${kindWords(last.kind)}.`;
  }
}

/**
 * Scores each guess against the real outcome of that column's latest request.
 * @param {Record<string, Outcome>} guesses
 * @param {ClusterDoc[]} clusters
 * @param {Context} ctx
 * @returns {Scored[]}
 */
export function scoreGuesses(guesses, clusters, ctx) {
  return Object.entries(guesses).map(([strategy, guess]) => {
    const cluster = clusters.find((c) => c.strategy === strategy);
    const last = cluster && cluster.last ? cluster.last : null;
    /** @type {Outcome | null} */
    const actual = last ? (last.outcome === 'success' ? 'success' : 'failure') : null;
    return { strategy, guess, actual, right: actual !== null && actual === guess, why: whyLine(strategy, last, ctx) };
  });
}

/**
 * The reveal's headline: `2 of 3 right`.
 * @param {Scored[]} scored
 * @returns {string}
 */
export function tally(scored) {
  const right = scored.filter((s) => s.right).length;
  return scored.length === 1 ? (right ? 'Right.' : 'Not this time.') : `${right} of ${scored.length} right.`;
}
