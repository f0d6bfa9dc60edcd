package xferlab.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads LF-terminated lines from a byte stream, each bounded in length.
 *
 * <p><b>Why not one {@code recv()} per line?</b> TCP delivers a stream of octets, not
 * messages. One read may return half a name, or the name, the size and the first
 * payload octets together: it depends on the sender's writes, Nagle's algorithm,
 * segment sizes and timing. Code that assumes one read is one line works on a quiet
 * loopback and fails elsewhere. So lines are read octet by octet from a buffered
 * stream, up to the LF; octets after the LF stay in the buffer for whoever reads
 * next (the next line, or the payload).
 *
 * <p><b>Why a limit?</b> A peer that never sends LF would otherwise make us buffer
 * forever. The limit is checked on every octet, so an over-long line is refused as
 * soon as the first octet past the limit arrives (XFER-LINE-04), not when (if ever)
 * its LF comes.
 *
 * <p>A CR directly before the LF is part of the line end, not of the line
 * (XFER-LINE-02); any other CR is an ordinary octet.
 */
public final class LineReader {
    private final InputStream in;

    /**
     * @param in the connection's input; it should be buffered, since lines are read
     *           one octet at a time
     */
    public LineReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads one line and returns its octets without the line end.
     *
     * @param limit the most octets the line may have, the line end not counted
     * @param what  what the line is ("name", "size"), for the refusal's text
     * @throws XferException with {@link ErrorCode#MALFORMED_LINE} if octet
     *                       {@code limit + 1} arrives before the LF
     * @throws EOFException  if the stream ends before the LF
     */
    public byte[] readLine(int limit, String what) throws IOException, XferException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(Math.min(limit, 256) + 2);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new EOFException(line.size() == 0
                        ? "connection closed"
                        : "connection closed after " + line.size() + " octets of a line");
            }
            line.write(b);
            // One octet over the limit is allowed only if it is a CR that may turn out
            // to be the first half of CR LF; the next octet decides.
            if (line.size() > limit && !(line.size() == limit + 1 && b == '\r')) {
                throw new XferException(ErrorCode.MALFORMED_LINE, what + " line is longer than " + limit + " octets");
            }
        }
        byte[] octets = line.toByteArray();
        boolean endsWithCr = octets.length > 0 && octets[octets.length - 1] == '\r';
        return endsWithCr ? Arrays.copyOf(octets, octets.length - 1) : octets;
    }
}
