package statelab.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.web.WebServer;

/**
 * Starts the lab and serves the page; prints the page's URL and each cluster's balancer URL, one line
 * each, then runs until Ctrl-C, when it stops every server and the Redis it started.
 */
@Command(name = "serve", description = "Start the lab and serve the lesson page (the default).")
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LabOptions lab = new LabOptions();

    @CommandLine.Option(names = "--port", paramLabel = "N", description = "Port of the page (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    ServeCommand() {
    }

    ServeCommand(LabOptions lab, int port) {
        this.lab = lab;
        this.port = port;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UsageProblem("--port must be between 0 and 65535");
        }
        long started = System.nanoTime();
        Lab running = Lab.start(lab.config());
        WebServer web;
        try {
            web = WebServer.start(running, port);
        } catch (Exception e) {
            running.close();
            throw new UsageProblem("the page could not listen on port " + port + " (" + e.getMessage() + "); choose another with --port");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            web.close();
            running.close();
            stopped.countDown();
        }, "statelab-shutdown"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("StateLab is running (started in " + millis + " ms). Press Ctrl-C to stop.");
        System.out.println("page       " + web.uri());
        for (Cluster cluster : running.clusters()) {
            System.out.printf("%-10s %s%n", cluster.strategy().key(), cluster.lbUri());
        }
        System.out.println("redis      " + running.redis().url() + (running.redis().managed() ? " (started by the lab)" : " (external)"));
        System.out.println("Sign in as alice / wonderland or bob / builder, e.g.:");
        String lb = running.clusters().get(0).lbUri().toString();
        // The HTTPS mode's certificate is self-signed, made at start: curl must be told to accept it.
        String curl = running.config().https() ? "curl -k" : "curl";
        System.out.println("  " + curl + " -c jar -b jar -H 'Content-Type: application/json' -d '{\"user\":\"alice\",\"password\":\"wonderland\"}' " + lb + "/login");
        System.out.println("  " + curl + " -i -c jar -b jar " + lb + "/profile");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
