package statelab.lb.haproxy;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads HAProxy's {@code show servers state <backend>} answer: per server name, whether HAProxy
 * believes it running (its operational state is "running" or "stopping", and no administrative
 * state such as maintenance holds it).
 */
final class ServerStates {
    private static final int NAME = 3;
    private static final int OP_STATE = 5;
    private static final int ADMIN_STATE = 6;
    private static final int RUNNING = 2;
    private static final int STOPPING = 3;

    private ServerStates() {
    }

    static Map<String, Boolean> parse(String answer) {
        Map<String, Boolean> running = new HashMap<>();
        for (String line : answer.split("\n")) {
            String[] fields = line.strip().split(" ");
            if (line.startsWith("#") || fields.length <= ADMIN_STATE || !fields[0].matches("\\d+")) {
                continue;
            }
            int op = Integer.parseInt(fields[OP_STATE]);
            int admin = Integer.parseInt(fields[ADMIN_STATE]);
            running.put(fields[NAME], (op == RUNNING || op == STOPPING) && admin == 0);
        }
        return running;
    }
}
