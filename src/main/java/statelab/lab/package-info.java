/**
 * Cluster control: the {@link statelab.lab.Lab} (one Redis and one {@link statelab.lab.Cluster} per
 * strategy) and the operations the CLI, the page and the tests share: kill, restart and add nodes, stop
 * and start Redis, reset, rotate the token key, switch the jwt deny-list.
 */
package statelab.lab;
