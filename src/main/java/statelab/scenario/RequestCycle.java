package statelab.scenario;

/**
 * The lesson's request cycle for one user: 1 POST /login, 2 GET /profile, 3 POST /settings,
 * 4 GET /dashboard, then GET /profile, POST /settings, GET /dashboard over and over (she signs in once).
 */
final class RequestCycle {
    /** One request of the cycle. */
    record Request(String method, String path, String body) {
        String action() {
            return method + " " + path;
        }
    }

    private static final Request[] BROWSING = {
        new Request("GET", "/profile", null),
        new Request("POST", "/settings", null),
        new Request("GET", "/dashboard", null),
    };

    private int position;

    /** The request at this position without moving on. */
    Request peek(String user, String password) {
        return at(position, user, password);
    }

    Request next(String user, String password) {
        return at(position++, user, password);
    }

    /** How many requests of the cycle were taken. */
    int sent() {
        return position;
    }

    private static Request at(int position, String user, String password) {
        if (position == 0) {
            return new Request("POST", "/login", loginBody(user, password));
        }
        Request browsing = BROWSING[(position - 1) % BROWSING.length];
        if (browsing.path().equals("/settings")) {
            String theme = (position / BROWSING.length) % 2 == 0 ? "dark" : "light";
            return new Request("POST", "/settings", "{\"theme\":\"" + theme + "\"}");
        }
        return browsing;
    }

    static String loginBody(String user, String password) {
        return "{\"user\":" + quote(user) + ",\"password\":" + quote(password == null ? "" : password) + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
