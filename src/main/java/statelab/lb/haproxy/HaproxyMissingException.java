package statelab.lb.haproxy;

/** There is no {@code haproxy} binary to run; the message says which package provides it. */
public final class HaproxyMissingException extends IllegalStateException {
    public HaproxyMissingException() {
        super("--balancer haproxy runs the system's HAProxy, but no 'haproxy' binary was found on the PATH or in /usr/sbin:"
                + " install the Debian package 'haproxy' (sudo apt-get install haproxy), version 2.6 or newer");
    }
}
