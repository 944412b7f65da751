package statelab.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.web.WebServer;

/**
 * Starts the lab and serves the page; prints the page's URL and each cluster's balancer URL, one line
 * each, then runs until Ctrl-C, when it stops the page, the clusters and then the Redis it started.
 */
@Command(name = "serve", description = "Start the lab and serve the lesson page (the default).")
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LabOptions lab = new LabOptions();

    @CommandLine.Option(names = "--port", paramLabel = "N", description = "Port of the page (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @CommandLine.Option(names = "--public-host", paramLabel = "NAME[:PORT]",
            description = "Another name the page is reached under (a tunnel or proxy), besides localhost, 127.0.0.1 and [::1];"
                    + " repeatable. Requests naming any other host are refused (DNS rebinding).")
    java.util.List<String> publicHosts = new java.util.ArrayList<>();

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
        OrderlyStop stop = OrderlyStop.watching(System.err);
        Lab running = stop.add(Lab.start(lab.config()));
        WebServer web;
        try {
            web = stop.add(WebServer.start(running, port, publicHosts));
        } catch (Exception e) {
            stop.close();
            throw new UsageProblem("the page could not listen on port " + port + " (" + e.getMessage() + "); choose another with --port");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        PrintStream out = System.out;
        out.println("StateLab is running (started in " + millis + " ms). Press Ctrl-C to stop.");
        out.println("page       " + web.uri());
        for (Cluster cluster : running.clusters()) {
            out.printf("%-10s %s%n", cluster.strategy().key(), cluster.lbUri());
        }
        out.println("redis      " + running.redis().url() + (running.redis().managed() ? " (started by the lab)" : " (external)"));
        out.print(CurlExample.text(running));
        out.flush();
        stop.awaitInterrupt();
        return StateLabCommand.INTERRUPTED;
    }
}
