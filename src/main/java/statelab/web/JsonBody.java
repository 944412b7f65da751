package statelab.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads the small JSON bodies actions take, refusing anything else with a 400 problem that says what to send. */
final class JsonBody {
    /** One document and nothing after it: {@code {"on":true}{"on":false}} is not a body with a meaning. */
    private static final ObjectReader STRICT = StateJson.JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonBody() {
    }

    /** The {@code on} of {@code {"on": true}}. */
    static boolean on(String body) throws ApiProblem {
        JsonNode on = object(body, "{\"on\": true} or {\"on\": false}").get("on");
        if (on == null || !on.isBoolean()) {
            throw ApiProblem.badRequest("bad-request", "\"on\" must be true or false: send {\"on\": true} or {\"on\": false}");
        }
        return on.booleanValue();
    }

    private static JsonNode object(String body, String expected) throws ApiProblem {
        JsonNode json;
        try {
            json = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("bad-json", "the body is not JSON (" + e.getOriginalMessage() + "); send " + expected);
        }
        if (json == null || !json.isObject()) {
            throw ApiProblem.badRequest("bad-json", "the body must be a JSON object: send " + expected);
        }
        return json;
    }
}
