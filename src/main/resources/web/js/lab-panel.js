// @ts-check
// The live lab: one column per cluster the lab runs (GET /api/clusters), the controls, the stream status. Draws /api/state documents.
// Other modules plug in through the returned hooks: `run` (an action in turn with the others),
// `setSendGate` (predict before a send), `onRender` (after each drawn state), `addControl`.
import { h, q, button, setText, strategyName, learnStrategyNames } from './dom.js';
import { api } from './api.js';
import { renderWire } from './wire-view.js';
import { outcomeWords } from './words.js';

/** The lesson's walk: login, three requests, a crash, four more. */
const LESSON_REQUESTS = 8;

// The clusters' keys in the lab's order, from its registry of cluster kinds.
let known = [];

const STREAM_TEXT = {
  connecting: 'connecting',
  live: 'live',
  reconnecting: 'reconnecting…',
  unsupported: 'not supported by this browser',
};

/**
 * @param {{section: HTMLElement, onError: (message: string) => void, clearError: () => void}} parts
 */
export function createLabPanel({ section, onError, clearError }) {
  const grid = q(section, '#clusters');
  const template = document.getElementById('cluster-template');
  const columns = new Map();
  const buttons = {
    next: button(section, '#send-next'),
    kill: button(section, '#kill-s1'),
    restart: button(section, '#restart-s1'),
    reset: button(section, '#reset-lab'),
    redisStop: button(section, '#redis-stop'),
    redisStart: button(section, '#redis-start'),
    redisKillPrimary: button(section, '#redis-kill-primary'),
    addNode: button(section, '#add-node'),
  };
  const nextLabel = q(section, '#next-request');
  const busyText = q(section, '#lab-busy');
  const redisStatus = q(section, '#redis-status');
  const streamStatus = q(section, '#stream-status');
  const streamDot = q(section, '.stream-dot');
  const streamNote = q(section, '#stream-note');
  const usesRedis = new Set();
  const homes = new Map();
  const walkNote = /** @type {HTMLElement | null} */ (section.querySelector('#walk-note'));
  let busy = false;
  /** @type {any} */
  let lastState = null;
  /** @type {(state: any) => void} */
  let applyState = () => {};
  /** @type {(send: () => Promise<any>) => void} */
  let sendGate = (send) => { send(); };
  /** @type {((state: any) => void)[]} */
  const renderListeners = [];
  /** Controls other modules add to the bar: disabled while busy, else as their rule says. @type {{button: HTMLButtonElement, usable: (state: any) => boolean}[]} */
  const extraControls = [];

  api.clusters().then((clusters) => {
    learnStrategyNames(clusters);
    known = clusters.map((c) => String(c.key));
    clusters.forEach(learn);
    known.forEach((id) => column(id));
  }).catch(() => { /* the first state document draws the columns instead */ });

  function learn(cluster) {
    const key = String(cluster.key ?? cluster.strategy);
    if (cluster.usesRedis === true) usesRedis.add(key);
    if (typeof cluster.sessionHome === 'string') homes.set(key, cluster.sessionHome);
  }

  function column(strategy) {
    let col = columns.get(strategy);
    if (col) return col;
    const el = /** @type {HTMLElement} */ (/** @type {HTMLTemplateElement} */ (template).content.firstElementChild?.cloneNode(true));
    el.dataset.strategy = strategy;
    const title = `cluster-${strategy}-title`;
    el.setAttribute('aria-labelledby', title);
    const name = q(el, '.cluster-name');
    name.id = title;
    name.textContent = strategyName(strategy);
    col = {
      el,
      policy: q(el, '.cluster-policy'),
      client: q(el, '.hop-client'),
      lb: q(el, '.hop-lb'),
      linkA: q(el, '.link-a'),
      linkB: q(el, '.link-b'),
      nodeList: q(el, '.nodes'),
      storeSlot: q(el, '.store-slot'),
      success: q(el, '.success-count'),
      failure: q(el, '.failure-count'),
      lastRequest: q(el, '.last-request'),
      lastLine: q(el, '.last-line'),
      lastIco: q(el, '.last-ico'),
      lastOutcome: q(el, '.last-outcome'),
      verdict: q(el, '.verdict'),
      wireBody: q(el, '.wire-body'),
      lbAddr: q(el, '.lb-addr'),
      nodes: new Map(),
      store: null,
      /** @type {HTMLElement | null} */
      noStore: null,
      storeWarning: null,
      wireKey: undefined,
    };
    q(el, '.nodes').setAttribute('aria-label', `App servers of the ${strategyName(strategy)} cluster`);
    if (usesRedis.has(strategy)) {
      col.store = h('div', { class: 'hop store', 'data-running': 'true' },
        h('span', { class: 'hop-name', text: 'Redis' }), h('span', { class: 'store-line', text: 'status unknown' }));
      col.storeSlot.replaceWith(col.store);
      col.storeWarning = h('p', { class: 'store-warning', hidden: true });
      col.verdict.after(col.storeWarning);
    } else {
      const where = homes.get(strategy) ?? 'none';
      col.noStore = h('div', { class: 'hop store store-none', 'data-home': where },
        h('span', { class: 'hop-name', text: 'No shared store' }), h('span', { class: 'store-line', text: where }));
      col.storeSlot.replaceWith(col.noStore);
    }
    renderWire(col.wireBody, null, strategy);
    // Keep the known order; unknown strategies go at the end.
    const order = [...known, ...[...columns.keys()].filter((k) => !known.includes(k))];
    const after = order.slice(order.indexOf(strategy) + 1).map((k) => columns.get(k)).find(Boolean);
    grid.insertBefore(el, after ? after.el : null);
    columns.set(strategy, col);
    return col;
  }

  function nodeElement(col, id) {
    let node = col.nodes.get(id);
    if (node) return node;
    const li = h('li', { class: 'node', 'data-node': id, 'data-up': 'true' });
    node = {
      li,
      mark: h('span', { class: 'node-mark', 'aria-hidden': 'true' }),
      up: h('span', { class: 'node-line node-up' }),
      health: h('span', { class: 'node-line node-health' }),
      sessions: h('span', { class: 'node-line node-sessions' }),
      answer: h('span', { class: 'node-answer' }),
    };
    li.append(h('span', { class: 'node-id' }, node.mark, h('span', { text: id })), node.up, node.health, node.sessions, node.answer);
    col.nodes.set(id, node);
    return node;
  }

  function drawNodes(col, cluster, last) {
    const list = Array.isArray(cluster.nodes) ? cluster.nodes : [];
    const seen = new Set();
    list.forEach((n, i) => {
      const id = String(n.id);
      seen.add(id);
      const node = nodeElement(col, id);
      if (col.nodeList.children[i] !== node.li) col.nodeList.insertBefore(node.li, col.nodeList.children[i] ?? null);
      const up = n.up === true;
      node.li.dataset.up = String(up);
      node.li.dataset.healthy = String(n.healthy === true);
      setText(node.mark, up ? '✓' : '✗');
      setText(node.up, up ? 'up' : 'down');
      setText(node.health, n.healthy ? 'LB: healthy' : 'LB: out');
      const count = Number.isFinite(n.sessions) ? n.sessions : 0;
      setText(node.sessions, `${count} session${count === 1 ? '' : 's'}`);
      const answered = last && last.node === id;
      node.li.classList.toggle('answered', Boolean(answered));
      if (answered) {
        node.li.dataset.outcome = last.outcome === 'success' ? 'success' : 'failure';
        setText(node.answer, last.outcome === 'success' ? '✓ success' : '✗ failure');
      } else {
        delete node.li.dataset.outcome;
        setText(node.answer, '');
      }
    });
    for (const [id, node] of col.nodes) {
      if (!seen.has(id)) {
        node.li.remove();
        col.nodes.delete(id);
      }
    }
  }

  /**
   * With the deny-list on, the jwt servers ask Redis on every request: draw that link, and say what
   * happens while Redis is down (they refuse: the cluster fails closed).
   * @param {HTMLElement} el @param {any} state
   */
  function drawDenyListLink(el, state) {
    const on = state.jwtRevocation === true;
    const running = !(state.redis && state.redis.running === false);
    el.classList.toggle('store-none', !on);
    el.classList.toggle('deny-list', on);
    el.dataset.running = String(!on || running);
    setText(/** @type {HTMLElement} */ (el.querySelector('.hop-name')), on ? 'Redis (deny-list)' : 'No shared store');
    setText(/** @type {HTMLElement} */ (el.querySelector('.store-line')), !on ? (el.dataset.home ?? '')
      : running ? 'asked on every request' : '✗ stopped: every request refused (fails closed)');
  }

  function bump(el) {
    el.classList.remove('bump');
    void el.offsetWidth; // restart the animation
    el.classList.add('bump');
  }

  const outcomeText = outcomeWords;

  function drawColumn(cluster, state) {
    const strategy = String(cluster.key ?? cluster.strategy);
    learnStrategyNames([cluster]);
    learn(cluster);
    const col = column(strategy);
    const last = cluster.last && typeof cluster.last === 'object' ? cluster.last : null;
    const policy = [cluster.balancing, cluster.sessionHome ? `session: ${cluster.sessionHome}` : null].filter(Boolean).join(' · ');
    setText(col.policy, policy);
    setText(col.lbAddr, cluster.lb ?? 'unknown');

    const went = Boolean(last);
    col.client.classList.toggle('on', went);
    col.lb.classList.toggle('on', went);
    col.linkA.classList.toggle('on', went);
    col.linkB.classList.toggle('on', Boolean(last && last.node));
    drawNodes(col, cluster, last);

    if (col.store) {
      const redis = state.redis ?? {};
      const running = redis.running !== false;
      col.store.dataset.running = String(running);
      const keys = Number.isFinite(redis.sessionKeys) ? redis.sessionKeys : null;
      setText(q(col.store, '.store-line'), running
        ? `running${keys === null ? '' : ` · ${keys} key${keys === 1 ? '' : 's'}`} · ${redis.persistence ? 'kept on disk' : 'memory only'}`
        : '✗ stopped');
      const touched = Boolean(last && last.wire && Array.isArray(last.wire.storeCommands) && last.wire.storeCommands.length);
      col.store.classList.toggle('on', touched);
      col.storeWarning.hidden = running;
      setText(col.storeWarning, running ? '' : 'Redis is stopped, so this cluster cannot find anyone’s session: expect store-down failures until it is started again.');
    }

    if (strategy === 'jwt' && col.noStore) drawDenyListLink(col.noStore, state);

    const counters = cluster.counters ?? {};
    const ok = Number.isFinite(counters.success) ? counters.success : 0;
    const bad = Number.isFinite(counters.failure) ? counters.failure : 0;
    const okChanged = setText(col.success, ok);
    const badChanged = setText(col.failure, bad);
    if (okChanged && ok > 0) bump(col.success);
    if (badChanged && bad > 0) bump(col.failure);

    if (last) {
      setText(col.lastRequest, `#${last.index ?? '?'} ${last.method ?? ''} ${last.path ?? ''}`.trim());
      setText(col.lastOutcome, outcomeText(last));
      col.lastLine.dataset.outcome = last.outcome === 'success' ? 'success' : 'failure';
      setText(col.lastIco, last.outcome === 'success' ? '✓' : '✗');
    } else {
      setText(col.lastRequest, '');
      setText(col.lastOutcome, 'no request yet');
      delete col.lastLine.dataset.outcome;
      setText(col.lastIco, '');
    }
    setText(col.verdict, typeof cluster.verdict === 'string' && cluster.verdict !== '' ? cluster.verdict : 'No verdict yet: send a request.');

    const key = JSON.stringify(last);
    if (key !== col.wireKey) {
      col.wireKey = key;
      renderWire(col.wireBody, last, strategy);
    }
    return strategy;
  }

  function render(state) {
    if (!state || typeof state !== 'object') return;
    lastState = state;
    const clusters = Array.isArray(state.clusters) ? state.clusters : [];
    const present = new Set(clusters.map((c) => drawColumn(c, state)));
    if (clusters.length) {
      for (const [id, col] of columns) {
        if (!present.has(id)) {
          col.el.remove();
          columns.delete(id);
        }
      }
    }
    const next = state.walk && state.walk.next;
    setText(nextLabel, next ? `#${next.index} · ${next.method} ${next.path}` : '');
    drawWalkNote(state.walk);
    const redis = state.redis ?? null;
    if (redis) {
      const keys = Number.isFinite(redis.sessionKeys) ? `, ${redis.sessionKeys} session key${redis.sessionKeys === 1 ? '' : 's'}` : '';
      const where = redis.managed === false ? ' (external: the lab cannot stop it)' : '';
      // With --redis-ha: which node is primary now, and whether a killed one is still missing.
      const ha = redis.replicated ? ` (primary ${redis.primary ?? 'unknown'}${redis.whole === false ? ', one node lost: Start Redis brings it back as a replica' : ', with a replica'})` : '';
      setText(redisStatus, `Redis: ${redis.running === false ? 'stopped' : 'running'}${ha}${keys}${where}`);
    }
    syncButtons();
    renderListeners.forEach((fn) => fn(state));
  }

  /** After the lesson's eight requests, say so and suggest what to try next. */
  function drawWalkNote(walk) {
    if (!walkNote) return;
    const sent = walk && Number.isFinite(walk.sent) ? walk.sent : 0;
    walkNote.hidden = sent < LESSON_REQUESTS;
    setText(walkNote, sent === LESSON_REQUESTS
      ? 'That was the lesson’s eight requests. Next, try Stop Redis and send one more: who fails now? Or Reset and add a node.'
      : sent > LESSON_REQUESTS ? `${sent} requests so far, past the lesson’s eight: this is your playground now.` : '');
  }

  /** Whether node `id` is up in every cluster (true), down in every one (false), or mixed (null). */
  function nodeUp(id) {
    const clusters = lastState && Array.isArray(lastState.clusters) ? lastState.clusters : [];
    const found = clusters.flatMap((c) => (Array.isArray(c.nodes) ? c.nodes : [])).filter((n) => n.id === id);
    if (!found.length) return null;
    if (found.every((n) => n.up === true)) return true;
    if (found.every((n) => n.up !== true)) return false;
    return null;
  }

  function syncButtons() {
    for (const b of Object.values(buttons)) b.disabled = busy;
    const redis = lastState && lastState.redis;
    if (!busy && redis) {
      const managed = redis.managed !== false;
      buttons.redisStop.disabled = !managed || redis.running === false;
      buttons.redisStart.disabled = !managed || (redis.running !== false && redis.whole !== false);
      buttons.redisKillPrimary.hidden = !redis.replicated;
      buttons.redisKillPrimary.disabled = !redis.replicated || redis.running === false;
    }
    for (const c of extraControls) c.button.disabled = busy || !lastState || !c.usable(lastState);
    if (!busy && lastState) {
      const s1 = nodeUp('S1');
      buttons.kill.disabled = s1 === false;
      buttons.restart.disabled = s1 === true;
    }
    section.setAttribute('aria-busy', String(busy));
  }

  /**
   * Runs one lab action in turn: every button is disabled meanwhile, the state it answers is drawn.
   * @param {string} label what is happening, for the busy line and the error
   * @param {() => Promise<any>} action
   * @returns {Promise<any>} the state the action answered, or null when it failed or another one ran
   */
  async function run(label, action) {
    if (busy) return null;
    const focused = document.activeElement;
    busy = true;
    syncButtons();
    busyText.textContent = `${label}…`;
    try {
      const state = await action();
      clearError();
      if (state) applyState(state);
      busyText.textContent = '';
      return state ?? null;
    } catch (err) {
      busyText.textContent = '';
      onError(`${label} did not work. ${err.message}`);
      return null;
    } finally {
      busy = false;
      syncButtons();
      if (focused instanceof HTMLElement && !(focused instanceof HTMLButtonElement && focused.disabled) && (document.activeElement === document.body || document.activeElement === null)) {
        focused.focus({ preventScroll: true });
      }
    }
  }

  const send = () => run('Sending the next request', api.next);
  buttons.next.addEventListener('click', () => sendGate(send));
  buttons.kill.addEventListener('click', () => run('Killing S1', () => api.kill('S1')));
  buttons.restart.addEventListener('click', () => run('Restarting S1', () => api.restart('S1')));
  buttons.reset.addEventListener('click', () => run('Resetting the lab', api.reset));
  buttons.redisStop.addEventListener('click', () => run('Stopping Redis', api.redisStop));
  buttons.redisStart.addEventListener('click', () => run('Starting Redis', api.redisStart));
  buttons.redisKillPrimary.addEventListener('click', () => run('Killing the Redis primary', api.redisKillPrimary));
  buttons.addNode.addEventListener('click', () => run('Adding a node', api.addNode));

  function setStreamStatus(status) {
    streamStatus.dataset.state = status;
    setText(streamStatus, STREAM_TEXT[status] ?? status);
    streamDot.className = `stream-dot ${status}`;
    const down = status === 'reconnecting' || status === 'unsupported';
    section.classList.toggle('stale', down);
    streamNote.hidden = !down;
    setText(streamNote, status === 'unsupported'
      ? 'This browser cannot follow the lab’s live stream, so the columns only change when you press a button.'
      : 'The live stream to the lab dropped. Reconnecting… until it is back, the columns may be out of date (buttons still work).');
  }

  return {
    render,
    setStreamStatus,
    /** Where actions send the state they get back (main decides how to apply it). */
    onActionState(fn) { applyState = fn; },
    run,
    /** Decides what "Send next request" does; it gets the real send to call (or not). */
    setSendGate(fn) { sendGate = fn; },
    onRender(fn) { renderListeners.push(fn); },
    latest: () => lastState,
    /** Adds a control that follows the lab's state like the built-in ones. */
    addControl(button, usable) {
      extraControls.push({ button, usable });
      syncButtons();
    },
  };
}
