/**
 * Sessions, failed-login counters and revoked token ids in Redis, through Lettuce. A read is one
 * command ({@code GETEX}); writes that must be atomic are Lua scripts called by SHA. A Redis that
 * cannot be reached is reported as {@link statelab.session.SessionStoreUnavailableException}, never as
 * "not signed in".
 */
package statelab.session.redis;
