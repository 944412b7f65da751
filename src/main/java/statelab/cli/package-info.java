/** The {@code statelab} command: one class per subcommand ({@code serve}, {@code run}, {@code bench}). */
package statelab.cli;
