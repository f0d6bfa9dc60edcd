package xferlab.conformance.cases.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import xferlab.conformance.cases.ClientSession;
import xferlab.conformance.cases.ClientUnderTest;
import xferlab.conformance.cases.Case;
import xferlab.conformance.cases.Covers;
import xferlab.conformance.cases.Exchange;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.SuiteExtension;
import xferlab.conformance.fault.Segmenter;
import xferlab.conformance.fault.Fault;
import xferlab.conformance.wire.Connection;

@Section("§11.2 Reading replies")
@Order(2)
@ExtendWith(SuiteExtension.class)
class ReplyCases {
    private static final String STREAM_HINT = "read replies as a byte stream up to the LF: a reply may come in "
            + "pieces, or together with the end of the connection";
    private static final String CRLF_HINT = "a CR directly before the LF belongs to the line end: strip it before "
            + "comparing";

    @Test
    @Case("replies-split-into-single-octets")
    @Covers({"XFER-LINE-03"})
    @DisplayName("READY and OK sent one octet per segment are read whole")
    void repliesSplitIntoSingleOctets(ClientUnderTest client) throws IOException {
        byte[] content = "split replies".getBytes(StandardCharsets.US_ASCII);
        try (ClientSession session = client.start("split.txt", content)) {
            Connection connection = session.accept();
            Serving.expectHeader(connection, Serving.readHeader(connection, client), "split.txt", content.length);
            try {
                Segmenter.oneOctetEach(connection, "READY\n".getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(20));
            } catch (IOException e) {
                session.expectThat(violation -> violation
                        .expected("the client reads READY whole, though it comes one octet per segment, and sends "
                                + "the payload")
                        .actual("it closed the connection while READY was still arriving (" + e.getMessage() + "); "
                                + session.finish().describe()))
                        .because(STREAM_HINT);
            }
            Serving.expectPayload(connection, content, client);
            Segmenter.oneOctetEach(connection, ("OK " + Exchange.sha256(content) + "\n").getBytes(StandardCharsets.US_ASCII),
                    Duration.ofMillis(2));
            session.expectSucceeded().because(STREAM_HINT);
        }
    }

    @Test
    @Case("crlf-replies-are-accepted")
    @Covers({"XFER-LINE-02"})
    @DisplayName("replies ending in CR LF are accepted")
    void crlfRepliesAreAccepted(ClientUnderTest client) throws IOException {
        byte[] content = "crlf".getBytes(StandardCharsets.US_ASCII);
        try (ClientSession session = client.start("crlf.txt", content)) {
            Connection connection = session.accept();
            Serving.expectHeader(connection, Serving.readHeader(connection, client), "crlf.txt", content.length);
            connection.send("READY\r\n");
            // A client that does not go on after "READY\r\n" did not accept CR LF: that is this case's rule.
            Serving.expectPayload(session, connection, content, client);
            connection.send("OK " + Exchange.sha256(content) + "\r\n");
            session.expectSucceeded().because(CRLF_HINT);
        }
    }

    @Test
    @Case("ok-together-with-the-close")
    @Covers({"XFER-LINE-03"})
    @DisplayName("an OK that arrives together with the connection's end is still read")
    void okTogetherWithTheClose(ClientUnderTest client) throws IOException {
        byte[] content = "ok and close".getBytes(StandardCharsets.US_ASCII);
        try (ClientSession session = client.start("close.txt", content)) {
            Connection connection = session.accept();
            Serving.serveCorrectly(connection, "close.txt", content, client);
            connection.inject(Fault.HALF_CLOSE, "right after OK");
            session.expectSucceeded().because(STREAM_HINT);
        }
    }

    @Test
    @Case("ok-without-line-end-before-the-close-is-no-reply")
    @Covers({"XFER-LINE-06"})
    @DisplayName("an OK cut off by the connection's end, without its LF, is no reply: a non-zero exit")
    void okWithoutLineEndBeforeTheCloseIsNoReply(ClientUnderTest client) throws IOException {
        byte[] content = "cut reply".getBytes(StandardCharsets.US_ASCII);
        try (ClientSession session = client.start("cut-reply.txt", content)) {
            Connection connection = session.accept();
            Serving.expectHeader(connection, Serving.readHeader(connection, client), "cut-reply.txt", content.length);
            connection.send("READY\n");
            Serving.expectPayload(connection, content, client);
            connection.inject(Fault.BAD_REPLY, "the right OK without its LF, then the end of the stream");
            connection.send("OK " + Exchange.sha256(content));
            connection.inject(Fault.HALF_CLOSE, "right after the OK without its LF");
            session.expectFailed()
                    .because("octets followed by the end of the stream are not a line: only OK ... LF is a reply");
        }
    }

    @Test
    @Case("overlong-reply-line-is-refused-at-once")
    @Covers({"XFER-LINE-05"})
    @DisplayName("a reply line that passes 512 octets without LF is refused at once, not waited on")
    void overlongReplyLineIsRefusedAtOnce(ClientUnderTest client) throws IOException {
        byte[] content = new byte[] {'x'};
        try (ClientSession session = client.start("long.txt", content)) {
            Connection connection = session.accept();
            Serving.expectHeader(connection, Serving.readHeader(connection, client), "long.txt", content.length);
            connection.send("READY\n");
            // Only a client that read READY and sent its payload is judged on the final reply.
            Serving.expectPayload(connection, content, client);
            connection.inject(Fault.BAD_REPLY, "a final reply of 10000 octets without LF, then silence");
            long sent = System.nanoTime();
            try {
                connection.send("OK " + "0".repeat(9997));
            } catch (IOException e) {
                // the client may have given up already: that is the point
            }
            session.finish();
            long millis = (System.nanoTime() - sent) / 1_000_000;
            session.expectFailed().because("bound the reply line (512 octets, its LF included) and fail past it");
            // A client without a bound waits for the LF until its timeout; a bounded one
            // gives up as soon as the line passes 512 octets.
            session.expectThat(violation -> millis < client.clientTimeout().toMillis() * 3 / 4 ? null : violation
                    .expected("the client gives up as soon as the reply passes 512 octets")
                    .actual("it waited " + millis + " ms, about its whole timeout of "
                            + client.clientTimeout().toMillis() + " ms, for a line end"))
                    .because("count the octets of a reply as they arrive and fail past 512");
        }
    }

    @Test
    @Case("reply-line-of-513-octets-is-refused")
    @Covers({"XFER-LINE-05"})
    @DisplayName("an ERROR line of 513 octets, its LF included, is a malformed reply, not the server's text")
    void replyLineOf513OctetsIsRefused(ClientUnderTest client) throws IOException {
        String marker = "overlong-" + Long.toHexString(client.random().nextLong() & 0xffffff);
        String start = "ERROR 500 " + marker + " ";
        // 513 octets with the LF: one past the limit. A client that takes it for an ERROR reports the marker.
        String reply = start + "x".repeat(513 - 1 - start.length()) + "\n";
        try (ClientSession session = client.start("limit.txt", new byte[] {'x'})) {
            Connection connection = session.accept();
            Serving.readHeader(connection, client);
            connection.inject(Fault.BAD_REPLY, "an ERROR line of " + reply.length() + " octets, its LF included: "
                    + "one past the limit");
            connection.send(reply);
            session.expectFailed().because("a reply line has at most 512 octets counting its LF");
            session.expectThat(violation -> !session.finish().output().contains(marker) ? null : violation
                    .expected("the client refuses the 513-octet line as malformed")
                    .actual("it took the line for an ERROR and reported its text: " + session.finish().describe()))
                    .because("a reply line has at most 512 octets counting its LF; a longer one is malformed, even "
                            + "when it ends in LF: count the LF when you check the limit");
        }
    }
}
