/**
 * The XFER wire format, written once and used by both the server and the client:
 * bounded line reading over a byte stream, the name and size rules, reply lines,
 * error codes and the hexadecimal digest.
 *
 * <p>This is where the classic "one {@code recv()} is one message" bug is avoided:
 * see {@link xferlab.protocol.LineReader}.
 */
package xferlab.protocol;
