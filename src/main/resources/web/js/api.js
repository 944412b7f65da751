// @ts-check
// The lab's HTTP API (docs/API.md): JSON reads, POST actions, and the server-sent event stream.

const TIMEOUT_MS = 60000;

/** An error answered by the lab as RFC 9457 problem details, or a network failure. */
export class LabError extends Error {
  /**
   * @param {string} message
   * @param {{status?: number, kind?: string | null, title?: string | null, detail?: string | null}} [parts]
   */
  constructor(message, { status = 0, kind = null, title = null, detail = null } = {}) {
    super(message);
    this.name = 'LabError';
    this.status = status;
    this.kind = kind;
    this.title = title;
    this.detail = detail;
  }
}

/**
 * @param {'GET' | 'POST'} method
 * @param {string} path relative to the page
 * @param {unknown} [body] sent as JSON
 * @returns {Promise<any>} the parsed JSON answer (null for an empty one)
 */
async function call(method, path, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      cache: 'no-store',
    });
  } catch (err) {
    const why = err && err.name === 'AbortError'
      ? `the lab did not answer within ${TIMEOUT_MS / 1000} s`
      : 'the lab could not be reached';
    throw new LabError(`${method} /${path}: ${why}.`);
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text();
  let data = null;
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      if (response.ok) throw new LabError(`${method} /${path}: the lab answered something that is not JSON.`, { status: response.status });
    }
  }
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : {};
    const title = typeof problem.title === 'string' ? problem.title : `HTTP ${response.status}`;
    const detail = typeof problem.detail === 'string' ? problem.detail : null;
    const kind = typeof problem.kind === 'string' ? problem.kind : null;
    // The kind stays on the error for code; the learner reads the title and the detail.
    const message = [title, detail].filter(Boolean).join(': ');
    throw new LabError(message, { status: response.status, kind, title, detail });
  }
  return data;
}

/** @param {string} path */
export const getJson = (path) => call('GET', path);
/** @param {string} path @param {unknown} [body] */
export const postJson = (path, body) => call('POST', path, body);

export const api = {
  clusters: () => getJson('api/clusters'),
  state: () => getJson('api/state'),
  compare: () => getJson('api/compare'),
  revocation: () => getJson('api/revocation'),
  next: () => postJson('api/lab/next'),
  /** @param {string} id */
  kill: (id) => postJson(`api/lab/nodes/${encodeURIComponent(id)}/kill`),
  /** @param {string} id */
  restart: (id) => postJson(`api/lab/nodes/${encodeURIComponent(id)}/restart`),
  addNode: () => postJson('api/lab/nodes'),
  redisStop: () => postJson('api/lab/redis/stop'),
  redisStart: () => postJson('api/lab/redis/start'),
  redisKillPrimary: () => postJson('api/lab/redis/kill-primary'),
  /** @param {boolean} on */
  jwtRevocation: (on) => postJson('api/lab/jwt-revocation', { on }),
  /** @param {boolean} on */
  redisPersistence: (on) => postJson('api/lab/redis/persistence', { on }),
  reset: () => postJson('api/lab/reset'),
  compareRun: () => postJson('api/compare/run'),
  revocationRun: () => postJson('api/revocation/run'),
};

/**
 * Follows GET /api/events. onState gets each `state` document, onCompare each `compare` document,
 * onRevocation each `revocation` document; onStatus gets 'connecting' | 'live' | 'reconnecting';
 * onBadEvent gets an Error for unreadable data.
 * EventSource retries by itself while the connection is merely interrupted; when it gives up
 * (closed), we open a fresh one with a growing delay. Returns a function that stops it.
 * @param {{onState: (doc: any) => void, onCompare?: (doc: any) => void, onRevocation?: (doc: any) => void,
 *          onStatus: (status: string) => void, onBadEvent: (err: Error) => void}} handlers
 * @returns {() => void}
 */
export function followState({ onState, onCompare = () => {}, onRevocation = () => {}, onStatus, onBadEvent }) {
  if (typeof EventSource !== 'function') {
    onStatus('unsupported');
    return () => {};
  }
  /** @type {EventSource | null} */
  let source = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let retryTimer;
  let delay = 1000;
  let stopped = false;

  const open = () => {
    if (stopped) return;
    const es = new EventSource('api/events');
    source = es;
    es.addEventListener('open', () => {
      delay = 1000;
      onStatus('live');
    });
    /** @param {string} name @param {(doc: any) => void} handler */
    const follow = (name, handler) => es.addEventListener(name, (event) => {
      let doc;
      try {
        doc = JSON.parse(/** @type {MessageEvent} */ (event).data);
      } catch {
        onBadEvent(new LabError(`The live stream sent a ${name} document the page could not read.`));
        return;
      }
      onStatus('live');
      handler(doc);
    });
    follow('state', onState);
    follow('compare', onCompare);
    follow('revocation', onRevocation);
    es.addEventListener('error', () => {
      onStatus('reconnecting');
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        clearTimeout(retryTimer);
        retryTimer = setTimeout(open, delay);
        delay = Math.min(delay * 2, 15000);
      }
    });
  };

  onStatus('connecting');
  open();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    if (source) source.close();
  };
}
