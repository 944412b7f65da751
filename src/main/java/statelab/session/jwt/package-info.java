/**
 * Self-contained session tokens: ES256-signed JWTs (Nimbus JOSE+JWT) issued at sign-in and verified by
 * any node with public keys only, following RFC 8725. Keys rotate with an overlap window; revocation
 * needs a {@link statelab.session.RevocationList}, which brings back a lookup per request.
 */
package statelab.session.jwt;
