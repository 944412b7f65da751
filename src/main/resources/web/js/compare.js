// @ts-check
// Part 5: Redis vs JWT measured live (/api/compare), the revocation demo (/api/revocation),
// and the jwt deny-list switch. Nothing is invented: a missing figure reads "not measured yet".
// A document is drawn only when it is at least as new as the one shown (see state-merge.js).
import { h, q, fill, setText, micros, clock } from './dom.js';
import { api } from './api.js';
import { isNewerDated } from './state-merge.js';

const NOT_MEASURED = 'not measured yet';

/** @param {unknown} v @returns {number | null} */
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * @param {{section: HTMLElement, applyState: (state: any) => void}} parts
 */
export function createCompare({ section, applyState }) {
  /** @param {string} sel @returns {any} */
  const $ = (sel) => section.querySelector(sel);
  /** @type {any} */
  let shownCompare = null;
  /** @type {any} */
  let shownRevocation = null;
  const fig = {
    redisSession: $('#compare-redis-session'),
    jwtSession: $('#compare-jwt-session'),
    jwtFirst: $('#compare-jwt-first'),
    redisRuns: $('#compare-redis-runs'),
    jwtRuns: $('#compare-jwt-runs'),
    bytesNote: $('#compare-bytes-note'),
    redisBytes: $('#compare-redis-bytes'),
    jwtBytes: $('#compare-jwt-bytes'),
    redisCommands: $('#compare-redis-commands'),
    jwtCommands: $('#compare-jwt-commands'),
  };
  const p95 = $('#compare-p95');
  const meta = $('#compare-meta');
  const reading = $('#compare-reading');
  const compareError = $('#compare-error');
  const runCompare = $('#compare-run');
  const runRevocation = $('#revocation-run');
  const revocationMeta = $('#revocation-meta');
  const revocationError = $('#revocation-error');
  const revocationSummary = $('#revocation-summary');
  const toggle = $('#jwt-revocation');
  const liveKeys = $('#live-redis-keys');
  let jwtRevocation = null;

  function showError(box, message) {
    box.hidden = !message;
    setText(box.querySelector('.alert-msg'), message || '');
  }

  function setFigure(el, value, text) {
    const unit = el.nextElementSibling;
    if (value === null) {
      setText(el, NOT_MEASURED);
      if (unit && unit.classList.contains('unit')) unit.textContent = '';
    } else {
      setText(el, text ?? String(value));
      if (unit && unit.classList.contains('unit')) unit.textContent = unit.dataset.unit;
    }
  }

  /**
   * Bars on one scale: each value's share of the largest.
   * @param {[string, number | null][]} bars data-bar name and value
   */
  function setBars(bars) {
    const max = Math.max(0, ...bars.map(([, v]) => v ?? 0));
    for (const [name, v] of bars) {
      const bar = /** @type {HTMLElement | null} */ (section.querySelector(`[data-bar="${name}"] span`));
      if (bar) bar.style.width = v === null || max <= 0 ? '0' : `${Math.max(2, (v / max) * 100)}%`;
    }
  }

  /** "runs: 48.1 to 61.0 µs" from the medians of the runs, or '' when there are none. @param {any} spread */
  function runsText(spread) {
    const runs = spread && Array.isArray(spread.runMedians) ? spread.runMedians.filter((/** @type {unknown} */ v) => num(v) !== null) : [];
    if (runs.length < 2) return '';
    return `the ${runs.length} runs’ medians ranged ${micros(Math.min(...runs))} to ${micros(Math.max(...runs))} µs`;
  }

  function renderCompare(doc) {
    const d = doc && typeof doc === 'object' ? doc : {};
    const redis = d.redis ?? {};
    const jwt = d.jwt ?? {};
    const rs = num(redis.sessionMicros?.p50);
    const js = num(jwt.sessionMicros?.p50);
    const rb = num(redis.credentialBytes);
    const jb = num(jwt.credentialBytes);
    const rc = num(redis.storeCommandsPerRequest);
    const jc = num(jwt.storeCommandsPerRequest);
    setFigure(fig.redisSession, rs, micros(rs));
    setFigure(fig.jwtSession, js, micros(js));
    const jf = num(jwt.firstSightMicros?.p50);
    setFigure(fig.jwtFirst, jf, micros(jf));
    setFigure(fig.redisBytes, rb);
    setFigure(fig.jwtBytes, jb);
    setText(fig.redisCommands, rc === null ? NOT_MEASURED : String(rc));
    setText(fig.jwtCommands, jc === null ? NOT_MEASURED : String(jc));
    setBars([['redis-session', rs], ['jwt-session', js], ['jwt-first', jf]]);
    setBars([['redis-bytes', rb], ['jwt-bytes', jb]]);
    setText(fig.redisRuns, runsText(redis.sessionMicros));
    setText(fig.jwtRuns, runsText(jwt.sessionMicros));
    setText(fig.bytesNote, rb === null ? ''
      : `The whole Cookie header here is ${rb} bytes: the header’s name, the cookie’s name and a 256-bit random id written as 43 characters. The id alone is a little more than the “about 30 bytes” of many frameworks’ shorter ids, and the header is still ${jb === null ? 'far' : `${(jb / rb).toFixed(0)}×`} smaller than the token’s.`);

    const r95 = num(redis.sessionMicros?.p95);
    const j95 = num(jwt.sessionMicros?.p95);
    const rq = num(redis.requestMicros?.p50);
    const jq = num(jwt.requestMicros?.p50);
    const notes = [];
    if (r95 !== null || j95 !== null) notes.push(`95th percentile: Redis ${r95 === null ? NOT_MEASURED : `${micros(r95)} µs`}, JWT ${j95 === null ? NOT_MEASURED : `${micros(j95)} µs`}.`);
    if (rq !== null || jq !== null) notes.push(`Whole round trip to a node (median): Redis ${rq === null ? NOT_MEASURED : `${micros(rq)} µs`}, JWT ${jq === null ? NOT_MEASURED : `${micros(jq)} µs`}.`);
    setText(p95, notes.join(' '));

    if (d.measuredAt) {
      const n = num(d.requests);
      const warm = num(d.warmUp);
      const runs = num(d.runs);
      setText(meta, `Measured at ${clock(d.measuredAt)}: ${n === null ? 'the' : `median of ${n}`} requests per strategy, warm`
        + `${warm === null ? '' : ` (after ${warm} warm-up requests that are not counted)`}`
        + `${runs === null ? '' : `, in ${runs} runs`}; straight to one server, so the balancer is not in these figures.`);
    } else {
      setText(meta, 'The lab has not measured these yet. Press “Measure again” to measure now.');
    }

    const lines = [];
    if (rs !== null && js !== null) {
      const faster = rs <= js ? 'the Redis lookup' : 'the JWT check of a token seen before';
      const ratio = Math.max(rs, js) / Math.max(Math.min(rs, js), 0.001);
      lines.push(`Here ${faster} was about ${ratio >= 1.95 ? `${ratio.toFixed(1)}×` : 'a little'} faster.`);
      if (rs <= js) lines.push('That can surprise. The lab’s Redis normally sits on this very machine, so the network hop that makes a lookup cost about a millisecond in a data centre is nearly free here, while checking a signature costs the same CPU work wherever you are. Across a real network, expect the lookup to be the slower of the two.');
      else lines.push('That is the usual picture: the check happens locally, with no trip to a store.');
    }
    if (rs !== null && jf !== null) lines.push(`A token's first full signature check took ${micros(jf)} µs, ${jf > rs ? 'more' : 'less'} than the Redis lookup: an ES256 check is real work, which is why the nodes remember the tokens they have checked. The second bar is that memory; the third is what a server pays the first time it sees a token (after every sign-in and every settings change, which re-signs it).`);
    if (rb !== null && jb !== null && rb > 0) lines.push(`The JWT cookie is ${(jb / rb).toFixed(1)}× the size of the session id, and it travels with every single request.`);
    reading.hidden = lines.length === 0;
    setText(reading, lines.join(' '));
  }

  /** @param {any} s */
  function step(s) {
    const ok = s.outcome === 'success';
    const where = s.node ? ` on ${s.node}` : ' (no node answered)';
    const out = ok ? '✓ success' : `✗ failure${s.kind ? ` · ${s.kind}` : ''}`;
    return h('li', {},
      h('code', { text: String(s.action ?? '') }), `${where}${s.status != null ? `, HTTP ${s.status}` : ''}: `,
      h('span', { class: `step-out ${ok ? 'ok' : 'bad'}`, text: out }));
  }

  function renderRevocationSide(side, data) {
    const col = q(section, `[data-rev="${side}"]`);
    const steps = q(col, '.rev-steps');
    const result = q(col, '.rev-result');
    const explain = q(col, '.rev-explain');
    if (!data || typeof data !== 'object') {
      fill(steps);
      result.removeAttribute('data-replay');
      setText(result, 'not run yet');
      setText(explain, '');
      return null;
    }
    fill(steps, ...(Array.isArray(data.steps) ? data.steps : []).map(step));
    const list = Array.isArray(data.steps) ? data.steps : [];
    const replay = list[list.length - 1];
    let text;
    if (data.replayAccepted === true) {
      const secs = num(data.secondsUntilExpiry);
      text = `✗ Old credential: accepted${secs === null ? '' : ` (still valid for ${formatSeconds(secs)})`}`;
      result.dataset.replay = 'accepted';
    } else if (data.replayAccepted === false) {
      text = `✓ Old credential: rejected${replay && replay.kind ? ` (${replay.kind})` : ''}`;
      result.dataset.replay = 'rejected';
    } else {
      text = 'The demo did not report whether the replay was accepted.';
      result.removeAttribute('data-replay');
    }
    setText(result, text);
    setText(explain, typeof data.explanation === 'string' ? data.explanation : '');
    return data.replayAccepted;
  }

  function renderRevocation(doc) {
    const d = doc && typeof doc === 'object' ? doc : null;
    const r = renderRevocationSide('redis', d && d.redis);
    const j = renderRevocationSide('jwt', d && d.jwt);
    if (!d) {
      setText(revocationMeta, 'Not run yet.');
      setText(revocationSummary, 'Not run yet: see “Logout, for real” below.');
      setText(runRevocation, 'Run the demo');
      return;
    }
    setText(runRevocation, 'Run again');
    setText(revocationMeta, d.ranAt ? `Ran at ${clock(d.ranAt)}.` : '');
    const word = (v) => (v === true ? 'accepted' : v === false ? 'rejected' : 'unknown');
    setText(revocationSummary, `After logout, a replayed credential was ${word(r)} by Redis and ${word(j)} by JWT (demo below).`);
  }

  async function guarded(button, box, work) {
    const focused = document.activeElement;
    button.disabled = true;
    try {
      await work();
      showError(box, '');
    } catch (err) {
      showError(box, err.message);
    } finally {
      button.disabled = false;
      if (focused === button && document.activeElement !== button) button.focus({ preventScroll: true });
    }
  }

  /** Draws a compare document unless a newer one is already shown. @param {any} doc */
  function showCompare(doc) {
    if (!isNewerDated(shownCompare, doc, 'measuredAt')) return;
    shownCompare = doc;
    renderCompare(doc);
  }

  /** Draws a revocation document unless a newer one is already shown. @param {any} doc */
  function showRevocation(doc) {
    if (!isNewerDated(shownRevocation, doc, 'ranAt')) return;
    shownRevocation = doc;
    renderRevocation(doc);
  }

  runCompare.addEventListener('click', () => guarded(runCompare, compareError, async () => {
    setText(meta, 'Measuring… this sends a few hundred real requests.');
    try {
      showCompare(await api.compareRun());
    } catch (err) {
      setText(meta, 'The measurement did not finish.');
      throw err;
    }
  }));

  runRevocation.addEventListener('click', () => guarded(runRevocation, revocationError, async () => {
    setText(revocationMeta, 'Running: login, logout, replay…');
    showRevocation(await api.revocationRun());
  }));

  toggle.addEventListener('click', () => guarded(toggle, revocationError, async () => {
    const state = await api.jwtRevocation(!(jwtRevocation === true));
    if (state) applyState(state);
  }));

  /** Called with every lab state: the live Redis key count and the deny-list switch. */
  function renderState(state) {
    const keys = num(state && state.redis && state.redis.sessionKeys);
    const running = !(state && state.redis && state.redis.running === false);
    setText(liveKeys, !running ? 'nothing reachable (Redis is stopped)' : keys === null ? 'an unknown number of keys' : `${keys} session key${keys === 1 ? '' : 's'}`);
    if (state && typeof state.jwtRevocation === 'boolean') {
      jwtRevocation = state.jwtRevocation;
      toggle.setAttribute('aria-pressed', String(jwtRevocation));
      setText(toggle.querySelector('.toggle-state'), jwtRevocation ? 'on' : 'off');
    }
  }

  async function load() {
    const [c, r] = await Promise.allSettled([api.compare(), api.revocation()]);
    if (c.status === 'fulfilled') showCompare(c.value);
    else { if (!shownCompare) renderCompare(null); showError(compareError, `Could not read the measurements. ${c.reason.message}`); }
    if (r.status === 'fulfilled') showRevocation(r.value);
    else { if (!shownRevocation) renderRevocation(null); showError(revocationError, `Could not read the last revocation demo. ${r.reason.message}`); }
  }

  return { load, renderState, showCompare, showRevocation };
}

function formatSeconds(s) {
  if (s < 90) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s % 60);
  return rest ? `${m} min ${rest} s` : `${m} min`;
}
