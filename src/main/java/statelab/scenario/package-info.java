/**
 * Scenarios: the text format ({@link statelab.scenario.ScenarioParser}, docs/SCENARIOS.md), the
 * runner that plays steps against a live lab with one cookie-jar client per user per cluster, and the
 * reports (table, JSON, verdicts) built only from the real outcomes.
 */
package statelab.scenario;
