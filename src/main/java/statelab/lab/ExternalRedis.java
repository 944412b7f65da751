package statelab.lab;

/** A Redis server someone else runs, reached by URL; the lab cannot stop or start it. */
public final class ExternalRedis implements RedisControl {
    private final String url;

    public ExternalRedis(String url) {
        this.url = url;
    }

    /** For a {@code redis-sentinel://} URL, first checks that a Sentinel names a primary ({@link SentinelCheck}). */
    public static ExternalRedis connect(String url) {
        if (SentinelCheck.isSentinelUrl(url)) {
            SentinelCheck.requirePrimary(url);
        }
        return new ExternalRedis(url);
    }

    /** A Redis behind Sentinel has a replica to wait for at sign-in; the lab still cannot kill its primary. */
    @Override
    public boolean replicated() {
        return SentinelCheck.isSentinelUrl(url);
    }

    @Override
    public String killPrimary() {
        throw new UnsupportedOperationException("the lab does not run this Redis (" + url + "), so it cannot kill its primary");
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public boolean managed() {
        return false;
    }

    @Override
    public boolean running() {
        return true;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("the lab does not run this Redis (" + url + "), so it cannot stop it");
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException("the lab does not run this Redis (" + url + "), so it cannot start it");
    }

    @Override
    public void close() {
    }
}
