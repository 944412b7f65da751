package statelab.scenario;

/** A scenario step the target cannot take, such as {@code kill S1} on clusters the lab does not run. */
public final class UnsupportedStepException extends RuntimeException {
    public UnsupportedStepException(String message) {
        super(message);
    }
}
