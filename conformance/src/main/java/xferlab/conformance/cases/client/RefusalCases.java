package xferlab.conformance.cases.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

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
import xferlab.conformance.wire.Connection;

@Section("§11.3 Refusals and failed uploads")
@Order(3)
@ExtendWith(SuiteExtension.class)
class RefusalCases {
    private static final String STOP_HINT = "on ERROR, stop: send no payload, print the server's code and text, "
            + "and exit with a non-zero status";

    @Test
    @Case("error-before-ready-stops-the-client")
    @Covers({"XFER-CLI-05"})
    @DisplayName("each ERROR before READY (400, 403, 408, 413, 500): no payload, the server's text, a non-zero exit")
    void errorBeforeReadyStopsTheClient(ClientUnderTest client) throws IOException {
        for (int code : new int[] {400, 403, 408, 413, 500}) {
            String text = "suite says no " + code + " " + Long.toHexString(client.random().nextLong() & 0xffffff);
            try (ClientSession session = client.start("refused.txt", new byte[4096])) {
                Connection connection = session.accept();
                Serving.readHeader(connection, client);
                connection.send("ERROR " + code + " " + text + "\n");
                session.expectSilence(Duration.ofMillis(300)).because(STOP_HINT);
                session.expectFailed().because(STOP_HINT);
                session.expectPrinted(text).because("show the user the server's reason: its code and text");
            }
        }
    }

    @Test
    @Case("error-after-the-payload-is-a-failure")
    @Covers({"XFER-CLI-05"})
    @DisplayName("ERROR 500 after the payload is a failure")
    void errorAfterThePayloadIsAFailure(ClientUnderTest client) throws IOException {
        byte[] content = "cannot store".getBytes(StandardCharsets.US_ASCII);
        try (ClientSession session = client.start("late.txt", content)) {
            Connection connection = session.accept();
            Serving.readHeader(connection, client);
            connection.send("READY\n");
            Serving.expectPayload(connection, content, client);
            connection.send("ERROR 500 storage failure\n");
            session.expectFailed().because(STOP_HINT);
            session.expectPrinted("storage failure").because("show the server's reason");
        }
    }

    @Test
    @Case("wrong-digest-is-a-failure")
    @Covers({"XFER-CLI-06", "XFER-CLI-04"})
    @DisplayName("OK with a wrong digest is a failure")
    void wrongDigestIsAFailure(ClientUnderTest client) throws IOException {
        finalReply(client, content -> "OK " + "0".repeat(64) + "\n",
                "compare the digest in OK with the SHA-256 of what you sent; a mismatch means the stored file differs");
    }

    @Test
    @Case("ok-without-digest-is-a-failure")
    @Covers({"XFER-CLI-06"})
    @DisplayName("OK without a digest is a failure")
    void okWithoutDigestIsAFailure(ClientUnderTest client) throws IOException {
        finalReply(client, content -> "OK\n", "an OK without its digest proves nothing: treat it as a malformed reply");
    }

    @Test
    @Case("garbage-instead-of-ok-is-a-failure")
    @Covers({"XFER-CLI-06"})
    @DisplayName("a reply that is not OK or ERROR (\"DONE\") is a failure")
    void garbageInsteadOfOkIsAFailure(ClientUnderTest client) throws IOException {
        finalReply(client, content -> "DONE\n", "only OK with the right digest means success");
    }

    @Test
    @Case("uppercase-digest-is-a-failure")
    @Covers({"XFER-CLI-06"})
    @DisplayName("OK with the right digest in uppercase is a failure: a digest has one spelling")
    void uppercaseDigestIsAFailure(ClientUnderTest client) throws IOException {
        // The spec leaves no choice here (§11.2): a conforming server writes lowercase, so a
        // client that accepts uppercase would hide a broken server.
        finalReply(client, content -> "OK " + Exchange.sha256(content).toUpperCase(Locale.ROOT) + "\n",
                "a digest is 64 lowercase hex digits: compare octet for octet, not case-insensitively");
    }

    /** Serves READY, reads the payload, then sends the reply made from the payload. */
    private static void finalReply(ClientUnderTest client, Function<byte[], String> reply, String hint)
            throws IOException {
        byte[] content = new byte[1000];
        client.random().nextBytes(content);
        try (ClientSession session = client.start("digest.bin", content)) {
            Connection connection = session.accept();
            Serving.readHeader(connection, client);
            connection.send("READY\n");
            Serving.expectPayload(connection, content, client);
            connection.send(reply.apply(content));
            session.expectFailed().because(hint);
        }
    }
}
