// @ts-check
// The "On the wire" view of one cluster's last request (LastRequest.wire in docs/API.md).
import { h, fill, duration, micros } from './dom.js';

const none = (text) => h('span', { class: 'none', text });

/** @param {string} text */
function valueBox(text) {
  // long values scroll inside their box, so make those reachable from the keyboard
  return h('span', { class: 'val', text, tabindex: String(text).length > 90 ? '0' : null });
}

/** @param {string} term @param {...Node} desc */
function row(term, ...desc) {
  return [h('dt', { text: term }), h('dd', {}, ...desc)];
}

/**
 * Renders `last` (or null) into `body`. strategy decides which rows teach something.
 * @param {HTMLElement} body @param {any} last @param {string} strategy
 */
export function renderWire(body, last, strategy) {
  if (!last) {
    fill(body, h('p', { class: 'none', text: 'Nothing sent yet. Press “Send next request” and this shows exactly what travelled.' }));
    return;
  }
  const wire = last.wire && typeof last.wire === 'object' ? last.wire : {};
  const items = [];

  const statusText = last.status == null ? 'no answer' : `HTTP ${last.status}`;
  items.push(...row('Request', valueBox(`#${last.index ?? '?'} ${last.method ?? ''} ${last.path ?? ''} → ${statusText}, ${duration(last.elapsedMicros)} through the balancer`)));

  const sent = typeof wire.sentCookies === 'string' && wire.sentCookies !== '' ? valueBox(wire.sentCookies) : none('no cookie (nothing to show yet)');
  items.push(...row('Cookie sent', sent));

  const setCookies = Array.isArray(wire.setCookies) ? wire.setCookies : [];
  items.push(...row('Set-Cookie received', setCookies.length
    ? h('span', {}, ...setCookies.map((c) => valueBox(String(c))))
    : none('none: the client keeps what it had')));

  items.push(...row('X-Served-By', wire.servedBy ? valueBox(String(wire.servedBy)) : none('no node answered')));

  const commands = Array.isArray(wire.storeCommands) ? wire.storeCommands : [];
  let commandText;
  if (commands.length) commandText = valueBox(commands.join(', '));
  else if (strategy === 'redis') commandText = none('none reached Redis');
  else commandText = none('none: this strategy never asks Redis');
  items.push(...row('Redis commands', commandText));

  const cost = micros(wire.sessionMicros);
  items.push(...row('Session cost', cost === null ? none('not reported')
    : valueBox(`${cost} µs to find the session: one sample, this request only (part 5 has warm medians)`)));
  items.push(...row('Credential size', typeof wire.credentialBytes === 'number'
    ? valueBox(`${wire.credentialBytes} bytes on every request`)
    : none('not reported')));

  const parts = [h('dl', { class: 'wire-list' }, ...items)];
  if (strategy === 'jwt' || wire.token) parts.push(renderToken(wire.token));
  if (wire.body !== undefined && wire.body !== null) {
    parts.push(h('p', { class: 'none', text: 'The node’s answer:' }));
    parts.push(h('pre', { class: 'answer', tabindex: '0' }, JSON.stringify(wire.body, null, 2)));
  }
  fill(body, ...parts);
}

/** @param {any} token */
function renderToken(token) {
  const box = h('div', { class: 'token' });
  box.append(h('p', { class: 'token-note', text:
    'Anyone who holds this token can read everything below: it is base64url-encoded JSON, signed but not encrypted. The signature only proves nobody changed it.' }));
  if (!token || typeof token !== 'object') {
    box.append(h('p', { class: 'none', text: 'No token was sent with this request, so there is nothing to decode.' }));
    return box;
  }
  box.append(h('h4', { text: 'Header (decoded)' }), h('pre', {}, JSON.stringify(token.header ?? null, null, 2)));
  box.append(h('h4', { text: 'Claims (decoded)' }), h('pre', {}, JSON.stringify(token.claims ?? null, null, 2)));
  const times = claimTimes(token.claims);
  if (times.length) box.append(h('ul', { class: 'claim-times' }, ...times.map((t) => h('li', { text: t }))));
  const verified = token.verified === true;
  const reason = typeof token.reason === 'string' && token.reason !== '' ? token.reason : (verified ? 'signature verified' : 'signature not verified');
  box.append(h('p', { class: `sig ${verified ? 'ok' : 'bad'}` },
    h('span', { 'aria-hidden': 'true', text: verified ? '✓' : '✗' }),
    verified ? reason : `Not accepted: ${reason}`));
  return box;
}

/** @param {any} claims @returns {string[]} */
function claimTimes(claims) {
  if (!claims || typeof claims !== 'object') return [];
  const labels = { iat: 'issued', nbf: 'not before', exp: 'expires' };
  const out = [];
  for (const [key, label] of Object.entries(labels)) {
    const v = claims[key];
    if (typeof v !== 'number') continue;
    const date = new Date(v * 1000);
    if (Number.isNaN(date.getTime())) continue;
    out.push(`${key} = ${label} ${date.toLocaleString()}`);
  }
  return out;
}
