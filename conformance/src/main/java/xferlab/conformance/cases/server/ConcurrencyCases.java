package xferlab.conformance.cases.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import xferlab.conformance.cases.Violation;
import xferlab.conformance.fault.Fault;
import xferlab.conformance.wire.Received;

@Section("§10 Serving many clients")
@Order(9)
@ExtendWith(SuiteExtension.class)
class ConcurrencyCases {
    private static final String SEQUENTIAL_HINT = "this usually means the server handles one connection at a time "
            + "inside its accept loop: give each connection its own thread (or task, or event-loop state); and if "
            + "it does start a thread, do not close the socket in the accept loop (a 'with conn:' around "
            + "Thread(...).start() closes it at once)";

    @Test
    @Case("sixty-four-uploads-at-once")
    @Covers({"XFER-CONC-01"})
    @DisplayName("64 uploads at once all get READY, then all get OK, with intact content")
    void sixtyFourUploadsAtOnce(ServerUnderTest server) throws IOException {
        int count = 64;
        List<Exchange> uploads = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Exchange upload = connectOrJudge(server, "upload " + (i + 1) + " of " + count, i, count,
                        "XFER-CONC-01");
                uploads.add(upload);
                names.add(Wire.uniqueName(server, "many-" + i));
                payloads.add(Wire.randomOctets(server.random(), 16 * 1024 + i));
                upload.sendNameLine(names.get(i).getBytes(StandardCharsets.UTF_8));
            }
            sizeLines(uploads, payloads);
            // Every header is in before any payload: a server that serves one at a time
            // can READY only the first. One bound for all the READYs, not one each: such a
            // server READYs the next client as the one before times out, and would
            // otherwise stretch this case to 64 idle timeouts.
            expectAllReady(server, uploads, "XFER-CONC-01");
            for (int i = 0; i < count; i++) {
                uploads.get(i).send(payloads.get(i));
            }
            for (int i = 0; i < count; i++) {
                uploads.get(i).expectOk(payloads.get(i))
                        .because("each connection's payload is its own: no buffer or temporary file may be shared");
            }
        } finally {
            uploads.forEach(Exchange::close);
        }
        if (server.hasStorage()) {
            for (int i = 0; i < count; i++) {
                Wire.assertStored(server, names.get(i), payloads.get(i));
            }
        }
    }

    /**
     * The size lines of many headers whose name lines went out already: each line is
     * still a segment of its own, with one pause for all instead of one per connection.
     */
    private static void sizeLines(List<Exchange> uploads, List<byte[]> payloads) throws IOException {
        Exchange.pauseBetweenLines();
        for (int i = 0; i < uploads.size(); i++) {
            uploads.get(i).send(payloads.get(i).length + "\n");
        }
        Exchange.pauseBetweenLines();
    }

    /**
     * Opens connection {@code index} of {@code count}. A connection after the first
     * that cannot be made while the server runs is evidence for {@code requirement}
     * (its listen backlog is full: it does not accept while it serves), and ends the
     * case at once, instead of one connect timeout per connection left.
     */
    private static Exchange connectOrJudge(ServerUnderTest server, String what, int index, int count,
                                           String requirement) {
        try {
            return server.connect(what);
        } catch (Violation violation) {
            if (index == 0 || !server.target().isRunning()) {
                throw violation;
            }
            throw Violation.of(requirement)
                    .expected(count + " connections open at once")
                    .actual(index + " of " + count + " connected; connection " + (index + 1) + ": "
                            + violation.actual())
                    .hint("the server does not accept new connections while it serves one: its listen backlog "
                            + "filled up. " + SEQUENTIAL_HINT)
                    .build();
        }
    }

    /**
     * Reads every READY within one shared bound. A connection that got no READY is
     * evidence for {@code requirement}; one that got an ERROR to a valid header is
     * evidence against the header step (XFER-UP-01), not against concurrency, and
     * blocks the case. The report gets one line of counts and one connection shown.
     */
    private static void expectAllReady(ServerUnderTest server, List<Exchange> uploads, String requirement) {
        long deadline = System.nanoTime() + server.timing().reply().toNanos();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        Exchange firstBad = null;
        Received firstBadReply = null;
        boolean refused = false;
        for (Exchange upload : uploads) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            Received reply = upload.connection().readReply(left, Duration.ofMillis(300));
            String outcome = reply.reply().equals("READY") ? "got READY"
                    : reply.reply().startsWith("ERROR") ? "got an ERROR"
                    : !reply.any() && reply.end() == Received.End.CLOSED ? "closed with no reply"
                    : !reply.any() && reply.end() == Received.End.RESET ? "were reset with no reply"
                    : !reply.any() ? "got no reply in time" : "got another reply";
            outcomes.merge(outcome, 1, Integer::sum);
            if (!outcome.equals("got READY") && firstBad == null) {
                firstBad = upload;
                firstBadReply = reply;
                refused = outcome.equals("got an ERROR");
            }
        }
        if (firstBad == null) {
            return;
        }
        server.showOnly(firstBad);
        StringBuilder counts = new StringBuilder();
        outcomes.forEach((outcome, n) -> counts.append(counts.length() == 0 ? "" : "; ").append(n).append(" of ")
                .append(uploads.size()).append(' ').append(outcome));
        throw Violation.of(refused ? "XFER-UP-01" : requirement)
                .expected("READY on all " + uploads.size() + " connections, each of which sent a valid header")
                .actual(counts + "; the first that did not: " + firstBadReply.describe() + " ("
                        + firstBad.transcript().label() + ", shown below)")
                .hint(refused ? "a valid name and size must get READY, however many clients are connected"
                        : SEQUENTIAL_HINT)
                .timedOut(!firstBadReply.any() && firstBadReply.end() == Received.End.TIMEOUT)
                .build();
    }

    @Test
    @Case("stalled-clients-do-not-delay-others")
    @Covers({"XFER-CONC-02"})
    @DisplayName("an upload completes while 8 other clients stall mid-header")
    void stalledClientsDoNotDelayOthers(ServerUnderTest server) throws IOException {
        List<Exchange> stalled = new ArrayList<>();
        String name = Wire.uniqueName(server, "while-others-stall");
        byte[] payload = "not delayed".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < 8; i++) {
                Exchange connection = server.connect("stalled client " + (i + 1));
                connection.send("stalled-" + i);
                connection.inject(Fault.STALL, "half a name line, then nothing");
                stalled.add(connection);
            }
            try (Exchange upload = server.connect("upload while 8 others stall")) {
                upload.sendHeader(name, payload.length);
                upload.expectReady().because(SEQUENTIAL_HINT);
                upload.send(payload);
                upload.expectOk(payload).because(SEQUENTIAL_HINT);
            }
        } finally {
            stalled.forEach(Exchange::close);
        }
    }

    @Test
    @Case("racing-uploads-leave-one-intact-version")
    @Covers({"XFER-CONC-03"})
    @DisplayName("8 uploads racing on one name leave exactly one of the versions, intact")
    void racingUploadsLeaveOneIntactVersion(ServerUnderTest server) throws IOException {
        int count = 8;
        String name = Wire.uniqueName(server, "race");
        List<Exchange> uploads = new ArrayList<>();
        List<byte[]> versions = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Exchange upload = connectOrJudge(server, "racer " + (i + 1), i, count, "XFER-CONC-01");
                uploads.add(upload);
                byte[] version = new byte[128 * 1024];
                Arrays.fill(version, (byte) ('A' + i));
                versions.add(version);
                upload.sendNameLine(name.getBytes(StandardCharsets.UTF_8));
            }
            sizeLines(uploads, versions);
            // Racing needs uploads at the same time: without that (XFER-CONC-01) this case is not reached.
            expectAllReady(server, uploads, "XFER-CONC-01");
            int slice = 16 * 1024;
            for (int at = 0; at < versions.get(0).length; at += slice) {
                for (int i = 0; i < count; i++) {
                    uploads.get(i).send(versions.get(i), at, slice);
                }
            }
            for (int i = 0; i < count; i++) {
                uploads.get(i).expectOk(versions.get(i))
                        .because("each upload has its own temporary file; the last rename wins");
            }
        } finally {
            uploads.forEach(Exchange::close);
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
