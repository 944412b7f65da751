package statelab.lb.haproxy;

/** There is no {@code haproxy} binary to run; the message says which package provides it. */
public final class HaproxyMissingException extends IllegalStateException {
    public HaproxyMissingException() {
        this("on the PATH or in /usr/sbin");
    }

    /** @param where where the binary was looked for, such as "at /opt/haproxy/sbin/haproxy" */
    public HaproxyMissingException(String where) {
        super("--balancer haproxy runs the system's HAProxy, but no 'haproxy' binary was found " + where + ":"
                + " install the Debian package 'haproxy' (sudo apt-get install haproxy), version 2.6 or newer");
    }
}
