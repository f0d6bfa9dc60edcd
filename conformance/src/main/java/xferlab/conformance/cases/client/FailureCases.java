package xferlab.conformance.cases.client;

import java.io.IOException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import xferlab.conformance.cases.ClientSession;
import xferlab.conformance.cases.ClientUnderTest;
import xferlab.conformance.cases.Case;
import xferlab.conformance.cases.Covers;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.SuiteExtension;
import xferlab.conformance.fault.Fault;
import xferlab.conformance.wire.Connection;

@Section("§11.3 Early closes and silent servers")
@Order(4)
@ExtendWith(SuiteExtension.class)
class FailureCases {
    private static final String CLOSE_HINT = "a connection that ends before OK is a failed upload: exit non-zero, "
            + "never 0";
    private static final String TIMEOUT_HINT = "bound every wait with the timeout: the connect, each reply and each "
            + "write";

    @Test
    @Case("server-closes-before-ready")
    @Covers({"XFER-CLI-07"})
    @DisplayName("the server closes before READY: a non-zero exit")
    void serverClosesBeforeReady(ClientUnderTest client) throws IOException {
        try (ClientSession session = client.start("early.txt", new byte[100])) {
            Connection connection = session.accept();
            Serving.readHeader(connection, client);
            connection.inject(Fault.VANISH, "the suite closes before READY");
            session.expectFailed().because(CLOSE_HINT);
        }
    }

    @Test
    @Case("server-closes-mid-payload")
    @Covers({"XFER-CLI-07"})
    @DisplayName("the server closes mid-payload: a non-zero exit")
    void serverClosesMidPayload(ClientUnderTest client) throws IOException {
        byte[] content = new byte[8 * 1024 * 1024];
        try (ClientSession session = client.start("cut.bin", content)) {
            Connection connection = session.accept();
            Serving.readHeader(connection, client);
            connection.send("READY\n");
            // The case counts only once the client shows it reads READY and goes on.
            Serving.expectPayloadStarts(connection, 100_000, client);
            connection.inject(Fault.VANISH, "the suite closes after 100000 octets of the payload");
            session.expectFailed().because(CLOSE_HINT);
        }
    }

    @Test
    @Case("server-closes-before-ok")
    @Covers({"XFER-CLI-07"})
    @DisplayName("the server closes after the payload, before OK: a non-zero exit")
    void serverClosesBeforeOk(ClientUnderTest client) throws IOException {
        byte[] content = new byte[5000];
        try (ClientSession session = client.start("no-ok.bin", content)) {
            Connection connection = session.accept();
            Serving.readHeader(connection, client);
            connection.send("READY\n");
            Serving.expectPayload(connection, content, client);
            connection.inject(Fault.VANISH, "the suite closes instead of sending OK");
            session.expectFailed().because(CLOSE_HINT);
        }
    }

    @Test
    @Case("server-never-answers")
    @Covers({"XFER-CLI-07"})
    @DisplayName("the server accepts and never answers: a non-zero exit within the timeout")
    void serverNeverAnswers(ClientUnderTest client) throws IOException {
        try (ClientSession session = client.start("silence.txt", new byte[10])) {
            Connection connection = session.accept();
            connection.inject(Fault.STALL, "the suite reads the header and never answers");
            session.expectFailed().because(TIMEOUT_HINT);
        }
    }

    @Test
    @Case("server-stops-reading")
    @Covers({"XFER-CLI-07"})
    @DisplayName("the server stops reading mid-payload: a non-zero exit within the timeout")
    void serverStopsReading(ClientUnderTest client) throws IOException {
        byte[] content = new byte[64 * 1024 * 1024];
        try (ClientSession session = client.start("stuck.bin", content)) {
            Connection connection = session.accept();
            Serving.readHeader(connection, client);
            connection.send("READY\n");
            Serving.expectPayloadStarts(connection, 1, client);
            connection.inject(Fault.STALL_READING, "the suite stops reading; the client's writes block once the "
                    + "buffers are full");
            session.expectFailed().because("a blocked write is a wait too: a socket read timeout does not bound "
                    + "it; use a write timeout or a watchdog that closes the socket");
        }
    }
}
