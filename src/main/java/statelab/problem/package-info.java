/** RFC 9457 problem details, the one error format of every server in the lab. */
package statelab.problem;
