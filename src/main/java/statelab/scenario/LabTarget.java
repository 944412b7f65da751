package statelab.scenario;

import java.util.List;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.lab.LabEvent;

/** The lab's own clusters: every step kind works, through {@link Lab}. */
final class LabTarget implements ScenarioTarget {
    private final Lab lab;

    LabTarget(Lab lab) {
        this.lab = lab;
    }

    @Override
    public List<String> clusterKeys() {
        return lab.clusters().stream().map(c -> c.strategy().key()).toList();
    }

    @Override
    public LabClient newClient(String key) {
        Cluster cluster = lab.clusters().stream().filter(c -> c.strategy().key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("this lab runs no " + key + " cluster"));
        return LabClient.forCluster(lab, cluster);
    }

    @Override
    public boolean kill(String node) {
        return lab.kill(node);
    }

    @Override
    public void restart(String node) throws Exception {
        lab.restart(node);
    }

    @Override
    public String addNode() throws Exception {
        return lab.addNode();
    }

    @Override
    public void stopRedis() {
        lab.stopRedis();
    }

    @Override
    public void startRedis() {
        lab.startRedis();
    }

    @Override
    public void setJwtRevocation(boolean on) {
        lab.setJwtRevocation(on);
    }

    @Override
    public String killRedisPrimary() {
        return lab.killRedisPrimary();
    }

    @Override
    public void publish(LabEvent event) {
        lab.publish(event);
    }
}
