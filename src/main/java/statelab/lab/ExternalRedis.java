package statelab.lab;

/** A Redis server someone else runs, reached by URL; the lab cannot stop or start it. */
public final class ExternalRedis implements RedisControl {
    private final String url;

    public ExternalRedis(String url) {
        this.url = url;
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
