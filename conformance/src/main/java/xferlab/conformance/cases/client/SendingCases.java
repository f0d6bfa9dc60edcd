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
import xferlab.conformance.fault.Fault;
import xferlab.conformance.wire.Connection;
import xferlab.conformance.wire.Octets;

@Section("§11.1 What the client sends")
@Order(1)
@ExtendWith(SuiteExtension.class)
class SendingCases {
    private static final String NAME_HINT = "check the name against the rules before connecting: the server would "
            + "refuse it anyway";

    @Test
    @Case("sends-base-name-size-and-content")
    @Covers({"XFER-CLI-01", "XFER-CLI-02", "XFER-CLI-04", "XFER-LINE-01"})
    @DisplayName("the base name, the exact size with bare LF, the file's octets; exit 0 after a correct OK")
    void sendsBaseNameSizeAndContent(ClientUnderTest client) throws IOException {
        byte[] content = new byte[70_000];
        client.random().nextBytes(content);
        try (ClientSession session = client.start("report.bin", content)) {
            Connection connection = session.accept();
            Serving.serveCorrectly(connection, "report.bin", content, client);
            session.expectSucceeded().citing("XFER-CLI-04").because("exit 0 once OK arrives with the digest of what "
                    + "was sent");
        }
    }

    @Test
    @Case("sends-an-empty-file")
    @Covers({"XFER-CLI-01", "XFER-CLI-02", "XFER-CLI-04"})
    @DisplayName("an empty file: size 0, no payload, exit 0")
    void sendsAnEmptyFile(ClientUnderTest client) throws IOException {
        try (ClientSession session = client.start("empty.txt", new byte[0])) {
            Connection connection = session.accept();
            Serving.serveCorrectly(connection, "empty.txt", new byte[0], client);
            session.expectSucceeded().citing("XFER-CLI-04").because("an empty file is a valid upload");
        }
    }

    @Test
    @Case("sends-nothing-before-ready")
    @Covers({"XFER-CLI-03"})
    @DisplayName("no payload octet before READY, however long READY takes")
    void sendsNothingBeforeReady(ClientUnderTest client) throws IOException {
        byte[] content = "wait for READY".getBytes(StandardCharsets.US_ASCII);
        try (ClientSession session = client.start("patient.txt", content)) {
            Connection connection = session.accept();
            Serving.Header header = Serving.readHeader(connection, client);
            connection.inject(Fault.DELAY, "the suite holds READY back for 1 s");
            session.expectSilence(Duration.ofSeconds(1))
                    .because("read READY before sending the payload: the server may still refuse the upload");
            Serving.expectHeader(connection, header, "patient.txt", content.length);
            connection.send("READY\n");
            Serving.expectPayload(connection, content, client);
            connection.send("OK " + Exchange.sha256(content) + "\n");
            session.expectFinishedWell();
        }
    }

    @Test
    @Case("refuses-an-invalid-name-itself")
    @Covers({"XFER-CLI-08"})
    @DisplayName("a file whose name breaks the name rules (a backslash) is refused by the client itself")
    void refusesAnInvalidNameItself(ClientUnderTest client) throws IOException {
        try (ClientSession session = client.start("back\\slash.txt", new byte[] {'x'})) {
            session.expectFailed().because(NAME_HINT);
            Connection connection = session.acceptIfAny(Duration.ofMillis(200));
            session.expectThat(violation -> connection == null ? null : violation
                    .expected("the client refuses the name itself, without connecting")
                    .actual("it connected and sent \"" + Octets.escape(connection.readToEnd(Duration.ofMillis(200))
                            .octets()) + "\", then " + session.finish().describe()))
                    .because(NAME_HINT);
        }
    }
}
