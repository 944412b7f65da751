package statelab.session;

import static org.assertj.core.api.Assertions.assertThat;

/** Test shorthands: the session of a resolution that must have been found, the kind of one that must have failed. */
public final class Resolutions {
    private Resolutions() {
    }

    public static Resolution.Found found(Resolution resolution) {
        assertThat(resolution).isInstanceOf(Resolution.Found.class);
        return (Resolution.Found) resolution;
    }

    public static Session sessionOf(Resolution resolution) {
        return found(resolution).session();
    }

    public static FailureKind failureOf(Resolution resolution) {
        assertThat(resolution).isInstanceOf(Resolution.Failed.class);
        return ((Resolution.Failed) resolution).kind();
    }
}
