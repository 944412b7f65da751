package statelab.cli;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import statelab.lb.Balancer;
import statelab.lb.BalancingPolicies;
import statelab.lb.LoadBalancer;

/**
 * {@code statelab lb}: our balancer alone, in front of nodes started elsewhere ({@code statelab node}
 * on this or other hosts): the same proxy, policies and health checks as in the lab. Every backend
 * must answer {@code GET /health} at start, so a typo in a URL is an error now rather than a node
 * that never turns healthy. Runs until Ctrl-C.
 */
@Command(name = "lb", description = "Run the load balancer alone in front of nodes you started (statelab node), on this or other hosts.")
final class LbCommand implements Callable<Integer> {

    @CommandLine.Mixin
    BalancerOptions options;

    @CommandLine.Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @CommandLine.Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); 0.0.0.0 for every interface of a balancer host.")
    String host;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String policyKey = options.policyKey();
        if (port < 0 || port > 65535) {
            throw new UsageProblem("--port must be between 0 and 65535");
        }
        List<URI> uris = options.backendUris();
        Backends.requireHealthy(uris);
        QueuedThreadPool pool = new QueuedThreadPool(256, 4);
        pool.setName("lb");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        pool.start();
        Balancer balancer = new LoadBalancer(b -> BalancingPolicies.create(policyKey, b, false), port, pool).listenOn(host);
        try {
            balancer.start();
        } catch (IOException e) {
            balancer.close();
            pool.stop();
            throw new UsageProblem("the balancer could not listen on " + host + ":" + port + " (" + e.getMessage() + "); choose another --port or --host");
        }
        uris.forEach(balancer::addBackend);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            balancer.close();
            try {
                pool.stop();
            } catch (Exception e) {
                // Stopping at exit: nothing left to tell.
            }
            stopped.countDown();
        }, "statelab-lb-shutdown"));
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println("balancer   " + balancer.uri() + " (" + balancer.policyId() + ", health checks every "
                + LoadBalancer.HEALTH_INTERVAL.toMillis() + " ms). Press Ctrl-C to stop.");
        for (URI uri : uris) {
            out.println("backend    " + uri);
        }
        out.flush();
        stopped.await();
        return 0;
    }
}
