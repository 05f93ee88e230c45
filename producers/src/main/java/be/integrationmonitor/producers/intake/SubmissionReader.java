package be.integrationmonitor.producers.intake;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Submissions read one ahead from a body or a file: a subclass reads the next one in {@link #read},
 * which the intake calls only when it is ready for it, so that input is read as it is processed.
 */
public abstract class SubmissionReader implements Iterator<Intake.Submission> {

    private Intake.Submission next;

    /** The next submission, or null at the end of the input. */
    protected abstract Intake.Submission read();

    @Override
    public final boolean hasNext() {
        if (next == null) {
            next = read();
        }
        return next != null;
    }

    @Override
    public final Intake.Submission next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Intake.Submission submission = next;
        next = null;
        return submission;
    }
}
