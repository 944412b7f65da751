package statelab.scenario;

/** Whether a request was served as the signed-in user. */
public enum Outcome {
    SUCCESS("success"),
    FAILURE("failure");

    private final String key;

    Outcome(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }
}
