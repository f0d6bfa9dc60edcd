package xferlab.protocol;

import java.io.IOException;

/** A line went past its limit before its LF arrived. */
public final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    public LineTooLongException(int limit) {
        super("line is longer than " + limit + " octets");
    }
}
