package statelab.web;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.JsonNode;
import statelab.json.Json;

/** Reads the small JSON bodies actions take, refusing anything else with a 400 problem that says what to send. */
final class JsonBody {
    /** One document and nothing after it: {@code {"on":true}{"on":false}} is not a body with a meaning. */
    private static final ObjectReader STRICT = Json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonBody() {
    }

    /** The {@code on} of {@code {"on": true}}. */
    static boolean on(String body) throws ProblemException {
        JsonNode on = object(body, "{\"on\": true} or {\"on\": false}").get("on");
        if (on == null || !on.isBoolean()) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "\"on\" must be true or false: send {\"on\": true} or {\"on\": false}");
        }
        return on.booleanValue();
    }

    private static JsonNode object(String body, String expected) throws ProblemException {
        JsonNode json;
        try {
            json = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "the body is not JSON; send " + expected);
        }
        if (json == null || !json.isObject()) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "the body must be a JSON object: send " + expected);
        }
        return json;
    }
}
