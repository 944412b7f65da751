package statelab.node;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import java.util.Locale;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** The {@code variant} query parameter of the state-lab endpoints: one of a fixed pair of words. */
final class Variant {
    private Variant() {
    }

    /**
     * The variant the request asks for: {@code fallback} when absent, one of {@code allowed} when
     * given; anything else (or the parameter twice) is a 400.
     */
    static String of(Request request, String fallback, String... allowed) throws ProblemException {
        Fields query;
        try {
            query = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "the query string could not be read");
        }
        Fields.Field field = query.get("variant");
        if (field == null) {
            return fallback;
        }
        if (field.getValues().size() != 1) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "give 'variant' once");
        }
        String value = field.getValue().toLowerCase(Locale.ROOT);
        for (String word : allowed) {
            if (word.equals(value)) {
                return word;
            }
        }
        throw new ProblemException(ProblemKind.BAD_REQUEST, "variant must be " + String.join(" or ", allowed));
    }
}
