package statelab.scenario;

/** A scenario file that cannot be read; the message names the file, the line and what was expected. */
public final class ScenarioSyntaxException extends Exception {
    private final int line;

    public ScenarioSyntaxException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
