package statelab.node;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import statelab.json.Json;

/**
 * Parses request bodies as JSON with tight limits (nesting, number and string lengths) and strict
 * duplicate-key detection, and nothing after the one document, so a hostile body costs little and means one thing only.
 */
final class JsonBodies {
    private static final ObjectReader STRICT = Json.untrustedReader(StreamReadConstraints.builder()
            .maxNestingDepth(8).maxNumberLength(32).maxStringLength(NodeRequest.MAX_BODY_BYTES).build());

    private JsonBodies() {
    }

    static JsonNode parse(byte[] body) throws ProblemException {
        try {
            JsonNode node = STRICT.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ProblemException(ProblemKind.BAD_REQUEST, "the body is empty");
            }
            return node;
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "the body is not valid JSON (or has a duplicate key)");
        }
    }
}
