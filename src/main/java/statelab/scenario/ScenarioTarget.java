package statelab.scenario;

import java.util.List;
import statelab.lab.LabEvent;

/**
 * What a scenario drives: the clusters its requests go to (by kind key, in column order) and the
 * lab actions its other steps take. The lab's own clusters ({@link LabTarget}) can do every action;
 * clusters someone else runs ({@link RemoteTarget}, {@code run --target}) can only do what the user
 * gave a command for, and refuse the rest with {@link UnsupportedStepException}.
 */
public interface ScenarioTarget {

    /** The clusters' kind keys, such as {@code redis}, in the order the table shows them. */
    List<String> clusterKeys();

    /** A fresh client (empty cookie jar) to the balancer of the cluster with this key. */
    LabClient newClient(String key);

    /** Crashes the node with this id in every cluster; answers whether any was up. */
    boolean kill(String node) throws Exception;

    /** Brings the node with this id back in every cluster. */
    void restart(String node) throws Exception;

    /** Adds a node to every cluster; answers its id. */
    String addNode() throws Exception;

    void stopRedis();

    void startRedis();

    void setJwtRevocation(boolean on);

    /** Crashes the Redis primary; answers its address. */
    String killRedisPrimary();

    /** Tells whoever listens (the page's event log) what happened; may do nothing. */
    void publish(LabEvent event);

    /** Throws {@link UnsupportedStepException} naming the first step this target cannot take, before anything runs. */
    default void requireSupported(Scenario scenario) throws UnsupportedStepException {
    }
}
