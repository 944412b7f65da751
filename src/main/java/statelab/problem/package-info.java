/**
 * How every server in the lab refuses a request: RFC 9457 problem details, the one error format, and
 * the lingering close that ends a refusal of a body the server did not read.
 */
package statelab.problem;
