package xferlab.conformance.cases.server;


import java.io.IOException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import xferlab.conformance.cases.Covers;
import xferlab.conformance.cases.Expect;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.ServerUnderTest;
import xferlab.conformance.cases.SuiteExtension;
import xferlab.conformance.wire.Connection;

@Section("7. Idle timeout")
@Order(7)
@ExtendWith(SuiteExtension.class)
class TimeoutCases {
    private static final String IDLE_HINT = "set a receive timeout on the connection (SO_RCVTIMEO, "
            + "socket.settimeout, Socket.setSoTimeout) so that no read waits longer than the idle timeout; "
            + "without it, silent clients hold a connection (and a thread) for ever";

    @Test
    @Covers({"XFER-TIME-01"})
    @DisplayName("a connection that sends nothing is closed after the idle timeout")
    void silentConnectionIsClosed(ServerUnderTest server) throws IOException {
        try (Connection connection = server.connect("silent from the start")) {
            stall(connection, server, "before the name line");
        }
    }

    @Test
    @Covers({"XFER-TIME-01"})
    @DisplayName("a connection that stalls inside the name line is closed after the idle timeout")
    void stallInsideTheNameLineIsClosed(ServerUnderTest server) throws IOException {
        try (Connection connection = server.connect("stalls inside the name line")) {
            connection.send("half-a-na");
            stall(connection, server, "inside the name line");
        }
    }

    @Test
    @Covers({"XFER-TIME-01"})
    @DisplayName("a connection that stalls after READY, before any payload, is closed after the idle timeout")
    void stallBeforeThePayloadIsClosed(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "stall-ready");
        try (Connection connection = server.connect("stalls after READY")) {
            Wire.startUpload(server, connection, name, 10);
            stall(connection, server, "after READY, before the payload");
        }
        Storage.expectUnchanged(server, name, null, "with an idle timeout before the payload");
    }

    @Test
    @Covers({"XFER-TIME-01", "XFER-STORE-04"})
    @DisplayName("a connection that stalls mid-payload is closed after the idle timeout and leaves no file")
    void stallMidPayloadIsClosed(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "stall");
        try (Connection connection = server.connect("stalls mid-payload")) {
            Wire.startUpload(server, connection, name, 1000);
            connection.send(new byte[500]);
            stall(connection, server, "after octet 500 of 1000 of the payload");
        }
        Storage.expectUnchanged(server, name, null, "with an idle timeout mid-payload");
    }

    @Test
    @Covers({"XFER-TIME-02"})
    @DisplayName("an idle connection gets ERROR 408 before it is closed")
    void idleConnectionGets408(ServerUnderTest server) throws IOException {
        try (Connection connection = server.connect("idle after the name line")) {
            connection.send(Wire.uniqueName(server, "idle") + "\n");
            connection.transcript().fault("stall: the suite sends nothing more");
            Expect.error(connection, 408, server.timing().idleClose(), "XFER-TIME-02",
                    "tell the client why before closing: \"ERROR 408 <text>\\n\" (best effort: ignore a failed send)");
        }
    }

    private static void stall(Connection connection, ServerUnderTest server, String where) {
        connection.transcript().fault("stall: the suite sends nothing more " + where + " (idle timeout "
                + server.timing().idle().toSeconds() + " s)");
        Expect.closed(connection, server.timing().idleClose(), "XFER-TIME-01", IDLE_HINT);
    }
}
