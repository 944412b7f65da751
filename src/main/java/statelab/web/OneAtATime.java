package statelab.web;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import statelab.lab.UnknownNodeException;

/**
 * Runs the page's actions strictly one after another, in arrival order, so two browsers pressing
 * buttons at once each act on the lab the previous action left. Whatever an action throws comes out
 * as an {@link ProblemException}: 404 for an unknown node, 409 for anything the lab's state refused;
 * never a 5xx, since a failed lab action is a fact about the lab, not a fault in the server.
 */
final class OneAtATime {
    private static final Logger LOG = LoggerFactory.getLogger(OneAtATime.class);

    private final ReentrantLock turn = new ReentrantLock(true);
    private final Runnable after;

    /** @param after run after every action, still in its turn, whatever the outcome */
    OneAtATime(Runnable after) {
        this.after = after;
    }

    /** Runs the action in its turn; {@code what} names it in a problem's detail ("kill S1"). */
    <T> T run(String what, Callable<T> action) throws ProblemException {
        try {
            turn.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopping(what);
        }
        try {
            return action.call();
        } catch (ProblemException e) {
            throw e;
        } catch (UnknownNodeException e) {
            throw new ProblemException(ProblemKind.NOT_FOUND, e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw new ProblemException(ProblemKind.REDIS_EXTERNAL, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopping(what);
        } catch (Exception e) {
            LOG.warn("could not {}", what, e);
            throw new ProblemException(ProblemKind.ACTION_FAILED, "could not " + what + ": " + e.getMessage());
        } finally {
            try {
                after.run();
            } finally {
                turn.unlock();
            }
        }
    }

    private static ProblemException stopping(String what) {
        return new ProblemException(ProblemKind.INTERRUPTED, "the lab is shutting down, so it could not " + what);
    }
}
