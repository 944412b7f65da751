/**
 * The lab's one JSON configuration ({@link statelab.json.Json}); the bottom of the package graph:
 * every part may use it, it uses no other part of the lab.
 */
package statelab.json;
