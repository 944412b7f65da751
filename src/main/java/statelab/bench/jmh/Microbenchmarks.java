package statelab.bench.jmh;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the session microbenchmarks and prints each strategy next to its floor. With no arguments it
 * uses the documented settings (1 fork, 5 x 1 s warm-up, 5 x 1 s measured, about four minutes);
 * otherwise the arguments are JMH's own ({@code -f 0 -wi 0 -i 1 -r 100ms} for a smoke run), and
 * without a benchmark pattern only ours run.
 */
public final class Microbenchmarks {
    static final String OURS = "statelab\\.bench\\.jmh\\..*Benchmark";

    private Microbenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** Runs the benchmarks; answers the exit code. */
    public static int run(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = options(args);
        Collection<RunResult> results = new Runner(options).run();
        System.out.println(summary(scores(results)));
        return results.isEmpty() ? 1 : 0;
    }

    static Options options(String[] args) throws CommandLineOptionException {
        ChainedOptionsBuilder builder = new OptionsBuilder();
        if (args.length == 0) {
            builder.forks(1).warmupIterations(5).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        } else {
            CommandLineOptions given = new CommandLineOptions(args);
            builder.parent(given);
            if (given.getIncludes().isEmpty()) {
                builder.include(OURS);
            }
            return builder.build();
        }
        return builder.include(OURS).mode(Mode.AverageTime).timeUnit(TimeUnit.MICROSECONDS).build();
    }

    private static Map<String, Double> scores(Collection<RunResult> results) {
        Map<String, Double> scores = new TreeMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        return scores;
    }

    /** Each strategy's cost over its floor, from the scores by method name (us per call). */
    static String summary(Map<String, Double> us) {
        StringBuilder out = new StringBuilder("\nsession cost next to its floor (us per call, lower is better)\n");
        line(out, us, "in-memory resolve vs ConcurrentHashMap get", "inMemory_resolve", "inMemory_floor_mapGet", null);
        line(out, us, "redis resolve (GETEX) vs bare Lettuce GET", "redis_resolve", "redis_floor_bareGet", 1.3);
        line(out, us, "jwt resolve, cached vs bare Nimbus verify", "jwt_resolve", "jwt_floor_bareVerify", null);
        line(out, us, "jwt resolve, uncached vs bare Nimbus verify", "jwt_resolve_uncached", "jwt_floor_bareVerify", null);
        line(out, us, "jwt resolve + deny-list vs bare Lettuce GET", "jwt_resolve_withDenyList", "redis_floor_bareGet", null);
        line(out, us, "in-memory create vs random id", "inMemory_create", "floor_randomId", null);
        line(out, us, "redis create (SET) vs bare SET", "redis_create", "redis_floor_bareSet", null);
        line(out, us, "jwt create (sign) vs bare ES256 sign", "jwt_create", "jwt_floor_bareSign", null);
        line(out, us, "redis create with WAIT 1 vs without (--redis-ha)", "redisHa_create_wait1", "redisHa_create_noWait", null);
        return out.toString();
    }

    private static void line(StringBuilder out, Map<String, Double> us, String what, String cost, String floor, Double target) {
        Double c = us.get(cost);
        Double f = us.get(floor);
        if (c == null || f == null) {
            return;
        }
        out.append(String.format(Locale.ROOT, "  %-46s %10.3f vs %10.3f  = %6.2fx%s%n", what, c, f, c / f,
                target == null ? "" : (c / f <= target ? "  (target <= " + target + "x: met)" : "  (target <= " + target + "x: MISSED)")));
    }
}
