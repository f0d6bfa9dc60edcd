package xferlab.conformance.cases.server;

import java.io.IOException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import xferlab.conformance.cases.Case;
import xferlab.conformance.cases.Covers;
import xferlab.conformance.cases.Exchange;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.ServerUnderTest;
import xferlab.conformance.cases.SuiteExtension;
import xferlab.conformance.fault.Fault;

@Section("§8 Timeouts")
@Order(7)
@ExtendWith(SuiteExtension.class)
class TimeoutCases {
    private static final String IDLE_HINT = "set a receive timeout on the connection (SO_RCVTIMEO, "
            + "socket.settimeout, Socket.setSoTimeout) so that no read waits longer than the idle timeout; "
            + "without it, silent clients hold a connection (and a thread) for ever";

    @Test
    @Case("silent-connection-is-closed")
    @Covers({"XFER-TIME-01"})
    @DisplayName("a connection that sends nothing is closed after the idle timeout")
    void silentConnectionIsClosed(ServerUnderTest server) throws IOException {
        try (Exchange connection = server.connect("silent from the start")) {
            stall(connection, server, "before the name line");
        }
    }

    @Test
    @Case("stall-inside-the-name-line-is-closed")
    @Covers({"XFER-TIME-01"})
    @DisplayName("a connection that stalls inside the name line is closed after the idle timeout")
    void stallInsideTheNameLineIsClosed(ServerUnderTest server) throws IOException {
        try (Exchange connection = server.connect("stalls inside the name line")) {
            connection.send("half-a-na");
            stall(connection, server, "inside the name line");
        }
    }

    @Test
    @Case("stall-before-the-payload-is-closed")
    @Covers({"XFER-TIME-01"})
    @DisplayName("a connection that stalls after READY, before any payload, is closed after the idle timeout")
    void stallBeforeThePayloadIsClosed(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "stall-ready");
        try (Exchange upload = server.connect("stalls after READY")) {
            upload.startUpload(name, 10);
            stall(upload, server, "after READY, before the payload");
        }
    }

    @Test
    @Case("stall-mid-payload-is-closed")
    @Covers({"XFER-TIME-01", "XFER-STORE-04"})
    @DisplayName("a connection that stalls mid-payload is closed after the idle timeout and leaves no file")
    void stallMidPayloadIsClosed(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "stall");
        try (Exchange upload = server.connect("stalls mid-payload")) {
            upload.startUpload(name, 1000);
            upload.send(new byte[500]);
            stall(upload, server, "after octet 500 of 1000 of the payload");
        }
        Storage.expectUnchanged(server, name, null, "with an idle timeout mid-payload", "XFER-STORE-04");
    }

    @Test
    @Case("idle-connection-gets-408")
    @Covers({"XFER-TIME-02"})
    @DisplayName("an idle connection gets ERROR 408 before it is closed")
    void idleConnectionGets408(ServerUnderTest server) throws IOException {
        try (Exchange connection = server.connect("idle after the name line")) {
            connection.send(Wire.uniqueName(server, "idle") + "\n");
            connection.inject(Fault.STALL, "the suite sends nothing more after the name line");
            connection.expectError(408).within(server.timing().idleClose())
                    .because("tell the client why before closing: \"ERROR 408 <text>\\n\" (best effort: ignore a "
                            + "failed send)");
        }
    }

    private static void stall(Exchange connection, ServerUnderTest server, String where) throws IOException {
        connection.inject(Fault.STALL, "the suite sends nothing more " + where + " (idle timeout "
                + server.timing().idle().toSeconds() + " s)");
        connection.expectIdleClose().because(IDLE_HINT);
    }
}
