/**
 * The app node: one Jetty server per node serving the API of docs/LAB-SEMANTICS.md ({@code /login},
 * {@code /profile}, {@code /settings}, {@code /dashboard}, {@code /logout}, {@code /logout-everywhere},
 * {@code /health}) with one session strategy. Every answer carries {@code X-Served-By}; failures are
 * RFC 9457 problem bodies; {@code Server-Timing: session} and {@code X-Store-Commands} report what the
 * session layer cost.
 */
package statelab.node;
