package statelab.lab;

/** Told of every {@link LabEvent}; called on the thread that caused it, so it must not block. */
@FunctionalInterface
public interface LabListener {
    void onEvent(LabEvent event);
}
