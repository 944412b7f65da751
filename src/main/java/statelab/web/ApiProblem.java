package statelab.web;

import statelab.problem.ProblemDetails;

/**
 * A request the API refuses, with the RFC 9457 problem it answers: a status (4xx for anything a
 * client or the lab's state caused), a kebab-case {@code kind}, a title and a readable detail.
 * Thrown from anywhere below {@link ApiRoutes}, which writes it and, for actions, logs it.
 */
final class ApiProblem extends Exception {
    private final int status;
    private final String kind;
    private final String title;

    ApiProblem(int status, String kind, String title, String detail) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
    }

    static ApiProblem badRequest(String kind, String detail) {
        return new ApiProblem(400, kind, "Bad request", detail);
    }

    static ApiProblem notFound(String kind, String detail) {
        return new ApiProblem(404, kind, "Not found", detail);
    }

    /** The lab is in a state where this action cannot happen (Redis stopped, node already down, ...). */
    static ApiProblem conflict(String kind, String detail) {
        return new ApiProblem(409, kind, "Conflict with the lab's state", detail);
    }

    int status() {
        return status;
    }

    String kind() {
        return kind;
    }

    ProblemDetails details() {
        return ProblemDetails.of(status, kind, title, getMessage());
    }
}
