package statelab.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The virtual users of one phase in this JVM, each on a virtual thread and a keep-alive connection
 * of its own. Memory per user is bounded: one connection, its 16 KiB read buffer, one request's
 * bytes and a cookie jar of a few cookies. Sends only to loopback ({@link HttpConnection}).
 */
final class LoadGenerator implements Load {
    static final int MAX_SIGN_INS = 32;
    private static final int SIGN_INS_AT_ONCE = 2;
    private static final long STOP_WAIT_SECONDS = 30;

    private final List<VirtualUser> users = new ArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final LongAdder withCredential = new LongAdder();
    private final int rate;
    private final List<Future<?>> running = new ArrayList<>();
    private int signedIn;
    private volatile Recorder recorder;
    private volatile long markNanos;

    /** @param rate requests per second for all users together; 0 for no cap */
    LoadGenerator(URI target, String credentialCookie, int users, int rate) {
        this.rate = rate;
        for (int i = 0; i < users; i++) {
            this.users.add(new VirtualUser(i, target, credentialCookie));
        }
    }

    /**
     * The first {@link #MAX_SIGN_INS} users sign in; any others share their sessions in turn (each still
     * on its own connection), since a sign-in hashes a password on purpose and 2,000 of them would take
     * minutes of CPU before anything is measured.
     */
    @Override
    public int signIn() throws Exception {
        List<Future<Boolean>> logins = new ArrayList<>();
        int signing = Math.min(users.size(), MAX_SIGN_INS);
        // A node queues only a few password checks and answers sign-in-busy beyond them, so sign-ins go a few at a time.
        Semaphore atOnce = new Semaphore(SIGN_INS_AT_ONCE);
        for (VirtualUser user : users.subList(0, signing)) {
            logins.add(threads.submit(() -> {
                atOnce.acquire();
                try {
                    return user.signIn();
                } finally {
                    atOnce.release();
                }
            }));
        }
        List<VirtualUser> holding = new ArrayList<>();
        for (int i = 0; i < signing; i++) {
            if (logins.get(i).get(5, TimeUnit.MINUTES)) {
                holding.add(users.get(i));
            }
        }
        signedIn = holding.size();
        for (int i = signing; i < users.size() && !holding.isEmpty(); i++) {
            signedIn += users.get(i).adopt(holding.get(i % holding.size())) ? 1 : 0;
        }
        return signedIn;
    }

    @Override
    public void start(long origin, long durationNanos) {
        Recorder recording = new Recorder(origin, durationNanos);
        recorder = recording;
        Pacer pacer = new Pacer(rate);
        long deadline = origin + durationNanos;
        for (VirtualUser user : users) {
            running.add(threads.submit(() -> user.run(pacer, deadline, recording, withCredential)));
        }
    }

    @Override
    public void mark(long nanos) {
        markNanos = nanos;
        recorder.mark(nanos);
    }

    @Override
    public Optional<Recorder> live() {
        return Optional.ofNullable(recorder);
    }

    @Override
    public Outcome finish() throws Exception {
        for (Future<?> user : running) {
            user.get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        long mark = markNanos;
        int lost = (int) users.stream().filter(u -> mark > 0 && u.lostSessionAt(mark)).count();
        return new Outcome(signedIn, recorder, withCredential.sum(), lost, 0);
    }

    @Override
    public String where() {
        return "in-process";
    }

    @Override
    public void close() {
        users.forEach(VirtualUser::close);
        threads.shutdownNow();
    }
}
