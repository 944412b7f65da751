package statelab.problem;

/**
 * A request refused with a problem: thrown wherever the refusal is found (a node's request reader,
 * the page's API), caught where the answer is written. The one exception for every server of the
 * lab; it carries no stack trace, since a refusal is an answer, not a fault.
 */
public final class ProblemException extends Exception {
    private final ProblemKind kind;
    private final int status;

    /** A refusal of this kind with its usual status; {@code detail} is the sentence the client reads. */
    public ProblemException(ProblemKind kind, String detail) {
        this(kind, kind.status(), detail);
    }

    /** A refusal whose status differs from the kind's usual one (a duplicate credential is 400 bad-credential). */
    public ProblemException(ProblemKind kind, int status, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.status = status;
    }

    public ProblemKind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public ProblemDetails details() {
        return ProblemDetails.of(kind, status, getMessage());
    }
}
