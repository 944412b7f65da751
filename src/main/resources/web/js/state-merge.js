// @ts-check
// Which document wins when two arrive out of order. The lab numbers its state documents (`seq`,
// rising with every one), and dates its measurements (`measuredAt`) and demos (`ranAt`); a document
// that turns up after a newer one was drawn (an action's answer overtaken by the stream) is dropped.
// Pure: no DOM, unit-tested in the browser.

/**
 * @typedef {{seq?: number} & Record<string, unknown>} StateDoc
 */

/**
 * Keeps the newest state document seen so far.
 * @returns {{accept: (doc: unknown) => boolean, latest: () => StateDoc | null, seq: () => number}}
 */
export function createStateGate() {
  /** @type {StateDoc | null} */
  let latest = null;
  let seq = -1;
  return {
    /** Whether `doc` is newer than anything accepted so far (and, if so, remembers it). */
    accept(doc) {
      if (!doc || typeof doc !== 'object') return false;
      const state = /** @type {StateDoc} */ (doc);
      const n = typeof state.seq === 'number' && Number.isFinite(state.seq) ? state.seq : null;
      // A document without a number cannot be ordered: it is taken, but does not move the mark.
      if (n !== null) {
        if (n <= seq) return false;
        seq = n;
      }
      latest = state;
      return true;
    },
    latest: () => latest,
    seq: () => seq,
  };
}

/**
 * Whether `incoming` is at least as new as `current`, judged by the ISO instant in `field`
 * (`measuredAt` for /api/compare, `ranAt` for /api/revocation). A null document never replaces a real one.
 * @param {Record<string, unknown> | null | undefined} current
 * @param {Record<string, unknown> | null | undefined} incoming
 * @param {string} field
 * @returns {boolean}
 */
export function isNewerDated(current, incoming, field) {
  if (!incoming || typeof incoming !== 'object') return !current;
  if (!current || typeof current !== 'object') return true;
  const a = Date.parse(String(current[field] ?? ''));
  const b = Date.parse(String(incoming[field] ?? ''));
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (Number.isNaN(a)) return true;
  return b >= a;
}
