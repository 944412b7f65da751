package statelab.node;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Parses request bodies as JSON with tight limits (nesting, number and string lengths) and strict
 * duplicate-key detection, and nothing after the one document, so a hostile body costs little and means one thing only.
 */
final class JsonBodies {
    private static final ObjectMapper STRICT = strict();

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

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxNumberLength(32).maxStringLength(NodeRequest.MAX_BODY_BYTES).build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // One document, nothing after it: trailing bytes would let two readers see two different bodies.
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }
}
