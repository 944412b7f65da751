package statelab.cli;

/** A mistake in what the user asked for (a bad scenario file, a bad option value); exit code 2. */
final class UsageProblem extends Exception {
    UsageProblem(String message) {
        super(message);
    }
}
