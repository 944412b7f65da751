// @ts-check
// Plain words for the lab's kebab-case keys (failure kinds, event types), so the page never shows a
// raw key such as `not-recognised` to a learner. Pure: no DOM, unit-tested in the browser.

/** @type {Readonly<Record<string, string>>} */
export const KIND_WORDS = Object.freeze({
  'not-recognised': 'the server did not know the session',
  'node-down': 'no server was up to answer',
  'store-down': 'the server could not reach Redis',
  expired: 'the session had expired',
  revoked: 'the session had been logged out',
  'bad-credential': 'the credential was not genuine',
  'rate-limited': 'too many failed sign-ins',
});

/** @type {Readonly<Record<string, string>>} */
export const EVENT_WORDS = Object.freeze({
  request: 'request',
  'node-killed': 'server crashed',
  'node-restarted': 'server restarted',
  'node-added': 'server added',
  'node-down': 'balancer: server out',
  'node-up': 'balancer: server back',
  'redis-stopped': 'Redis stopped',
  'redis-started': 'Redis started',
  'redis-persistence': 'Redis persistence',
  'jwt-revocation': 'deny-list',
  'jwt-key-rotated': 'new signing key',
  reset: 'reset',
  error: 'refused',
});

/** Why the lab refused an action (the problem kinds of docs/API.md). @type {Readonly<Record<string, string>>} */
export const REFUSAL_WORDS = Object.freeze({
  'node-already-down': 'that server was already down',
  'unknown-node': 'there is no such server',
  'redis-already-stopped': 'Redis was already stopped',
  'redis-already-running': 'Redis was already running',
  'redis-external': 'the lab does not run this Redis',
  'redis-stopped': 'Redis is stopped',
  'redis-not-replicated': 'this Redis has no replica',
  'measurement-failed': 'the measurement could not finish',
  'action-failed': 'the lab could not do it',
  'bad-request': 'the request was not understood',
  'bad-json': 'the request was not understood',
  'cross-origin': 'it came from another site',
});

/**
 * Why an action was refused, in words; an unknown kind with its dashes as spaces.
 * @param {string} kind
 * @returns {string}
 */
export function refusalWords(kind) {
  return REFUSAL_WORDS[kind] ?? kind.replace(/-/g, ' ');
}

/** @type {Readonly<Record<string, string>>} */
const OUTCOME_WORDS = Object.freeze({ success: 'served', failure: 'failed' });

/**
 * The plain words for a failure kind; an unknown kind is shown as itself, with its dashes as spaces.
 * @param {string | null | undefined} kind
 * @returns {string}
 */
export function kindWords(kind) {
  if (!kind) return 'the reason was not reported';
  return KIND_WORDS[kind] ?? String(kind).replace(/-/g, ' ');
}

/**
 * The label of an event type in the event log.
 * @param {string | null | undefined} type
 * @returns {string}
 */
export function eventWords(type) {
  if (!type) return 'event';
  return EVENT_WORDS[type] ?? String(type).replace(/-/g, ' ');
}

/**
 * A server sentence with its keys in plain words: `S2 failure not-recognised` becomes
 * `S2 failed (the server did not know the session)`, `measurement-failed` becomes `measurement failed`.
 * @param {string | null | undefined} text
 * @returns {string}
 */
export function plainMessage(text) {
  if (!text) return '';
  let out = String(text);
  out = out.replace(/refused: ([a-z]+(?:-[a-z]+)+)/g, (_m, kind) => `refused: ${refusalWords(kind)}`);
  out = out.replace(/\b(success|failure)(?: ([a-z]+(?:-[a-z]+)+|expired|revoked))?\b/g, (_m, outcome, kind) => {
    const word = OUTCOME_WORDS[outcome];
    return kind ? `${word} (${kindWords(kind)})` : word;
  });
  // any other kebab-case key that slipped through (a refusal's kind in brackets, and the like)
  out = out.replace(/\(([a-z]+(?:-[a-z]+)+)\)/g, (_m, key) => `(${KIND_WORDS[key] ?? key.replace(/-/g, ' ')})`);
  out = out.replace(/\b([a-z]+-(?:failed|down|stopped|external|running|origin|request|endpoint))\b/g, (m) => m.replace(/-/g, ' '));
  return out;
}

/**
 * One column's last request in words: `S2 · failed · the server did not know the session`.
 * @param {{node?: string | null, outcome?: string, kind?: string | null}} last
 * @returns {string}
 */
export function outcomeWords(last) {
  const node = last.node ?? 'no server';
  if (last.outcome === 'success') return `${node} · served`;
  return `${node} · failed · ${kindWords(last.kind)}`;
}
