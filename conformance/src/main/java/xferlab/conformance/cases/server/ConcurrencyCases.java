package xferlab.conformance.cases.server;

import static xferlab.conformance.cases.server.Wire.header;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import xferlab.conformance.cases.Covers;
import xferlab.conformance.cases.Expect;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.ServerUnderTest;
import xferlab.conformance.cases.SuiteExtension;
import xferlab.conformance.cases.Violation;
import xferlab.conformance.wire.Connection;

@Section("9. Serving many clients")
@Order(9)
@ExtendWith(SuiteExtension.class)
class ConcurrencyCases {
    private static final String SEQUENTIAL_HINT = "this usually means the server handles one connection at a time "
            + "inside its accept loop: give each connection its own thread (or task, or event-loop state)";

    @Test
    @Covers({"XFER-CONC-01"})
    @DisplayName("64 uploads at once all get READY, then all get OK, with intact content")
    void sixtyFourUploadsAtOnce(ServerUnderTest server) throws IOException {
        int count = 64;
        List<Connection> connections = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Connection connection = server.connect("upload " + (i + 1) + " of " + count);
                connections.add(connection);
                names.add(Wire.uniqueName(server, "many-" + i));
                payloads.add(Wire.randomOctets(server.random(), 16 * 1024 + i));
                connection.send(header(names.get(i), payloads.get(i).length));
            }
            // Every header is in before any payload: a server that serves one at a time
            // can READY only the first. One bound for all the READYs, not one each: such a
            // server READYs the next client as the one before times out, and would
            // otherwise stretch this case to 64 idle timeouts.
            long deadline = System.nanoTime() + server.timing().reply().toNanos();
            for (Connection connection : connections) {
                java.time.Duration left = java.time.Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
                Expect.ready(connection, left, "XFER-CONC-01", SEQUENTIAL_HINT);
            }
            for (int i = 0; i < count; i++) {
                connections.get(i).send(payloads.get(i));
            }
            for (int i = 0; i < count; i++) {
                Expect.ok(connections.get(i), payloads.get(i), server.timing().reply(), "XFER-CONC-01",
                        "each connection's payload is its own: no buffer or temporary file may be shared");
            }
        } finally {
            connections.forEach(Connection::close);
        }
        if (server.hasStorage()) {
            for (int i = 0; i < count; i++) {
                Wire.assertStored(server, names.get(i), payloads.get(i), "XFER-CONC-01");
            }
        }
    }

    @Test
    @Covers({"XFER-CONC-02"})
    @DisplayName("an upload completes while 8 other clients stall mid-header")
    void stalledClientsDoNotDelayOthers(ServerUnderTest server) throws IOException {
        List<Connection> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Connection connection = server.connect("stalled client " + (i + 1));
                connection.send("stalled-" + i);
                connection.transcript().fault("stall: half a name line, then nothing");
                stalled.add(connection);
            }
            Wire.upload(server, Wire.uniqueName(server, "while-others-stall"), "not delayed".getBytes(), "XFER-CONC-02");
        } catch (Violation violation) {
            if (violation.requirement().equals("XFER-CONC-02") && violation.timedOut()) {
                throw Violation.of("XFER-CONC-02")
                        .expected(violation.expected() + ", while 8 other clients stall")
                        .actual(violation.actual())
                        .hint(SEQUENTIAL_HINT)
                        .timedOut(true)
                        .build();
            }
            throw violation;
        } finally {
            stalled.forEach(Connection::close);
        }
    }

    @Test
    @Covers({"XFER-CONC-03"})
    @DisplayName("8 uploads racing on one name leave exactly one of the versions, intact")
    void racingUploadsLeaveOneIntactVersion(ServerUnderTest server) throws IOException {
        int count = 8;
        String name = Wire.uniqueName(server, "race");
        List<Connection> connections = new ArrayList<>();
        List<byte[]> versions = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Connection connection = server.connect("racer " + (i + 1));
                connections.add(connection);
                byte[] version = new byte[128 * 1024];
                Arrays.fill(version, (byte) ('A' + i));
                versions.add(version);
                connection.send(header(name, version.length));
            }
            for (Connection connection : connections) {
                Expect.ready(connection, server.timing().reply(), "XFER-CONC-01", SEQUENTIAL_HINT);
            }
            int slice = 16 * 1024;
            for (int at = 0; at < versions.get(0).length; at += slice) {
                for (int i = 0; i < count; i++) {
                    connections.get(i).send(versions.get(i), at, slice);
                }
            }
            for (int i = 0; i < count; i++) {
                Expect.ok(connections.get(i), versions.get(i), server.timing().reply(), "XFER-CONC-03",
                        "each upload has its own temporary file; the last rename wins");
            }
        } finally {
            connections.forEach(Connection::close);
        }
        if (server.hasStorage()) {
            byte[] stored = Files.readAllBytes(server.storage().resolve(name));
            if (versions.stream().noneMatch(v -> Arrays.equals(v, stored))) {
                throw Violation.of("XFER-CONC-03")
                        .expected("exactly one of the 8 versions (all 'A', all 'B', ...)")
                        .actual(stored.length + " octets mixing versions")
                        .hint("uploads to one name must not share a temporary file or write into the final file; "
                                + "give each its own temporary file and rename it into place")
                        .build();
            }
        }
    }
}
