/**
 * Measuring the lab: {@code statelab bench} and the JMH microbenchmarks (docs/BENCHMARKS.md).
 *
 * <p>{@link statelab.bench.BenchRunner} puts each strategy's cluster under load, one phase at a
 * time, through its balancer and straight to one node: {@code users} virtual users, each a virtual
 * thread with one keep-alive connection ({@code HttpConnection}, a minimal HTTP/1.1 client, so the
 * load generator costs little of the two cores it shares with the servers), sign in once and then
 * read {@code /profile}, optionally under a shared rate cap. A phase records throughput, latency
 * percentiles, failures by kind, Redis commands per authenticated request (from
 * {@code INFO commandstats} deltas), credential bytes per request and CPU per request, in 100 ms
 * bins for the timeline and the recovery after a planned node kill. The report renders as a table
 * ({@link statelab.bench.BenchTable}), JSON ({@link statelab.bench.BenchJson}) and an SVG chart
 * ({@link statelab.bench.BenchChart}), and is checked against the targets.
 *
 * <p>Only loopback addresses are ever sent to, every run is bounded in users and time, and timing
 * is never asserted in tests: performance lives in these benchmarks. {@code statelab.bench.jmh}
 * holds the microbenchmarks: per-request session resolution next to its floor (a map lookup, a bare
 * Lettuce GET, a bare Nimbus verify) and session creation and token signing.
 */
package statelab.bench;
