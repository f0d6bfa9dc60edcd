package xferlab.conformance.cases.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import xferlab.conformance.cases.Expect;
import xferlab.conformance.cases.ServerUnderTest;
import xferlab.conformance.cases.Violation;
import xferlab.conformance.wire.Connection;
import xferlab.conformance.wire.Octets;

/** Steps many server cases share: headers, payloads, a plain upload, a look at a stored file. */
final class Wire {
    private Wire() {
    }

    static byte[] header(String name, long size) {
        return (name + "\n" + size + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static byte[] randomOctets(Random random, int size) {
        byte[] octets = new byte[size];
        random.nextBytes(octets);
        return octets;
    }

    /** A name no other case uses, so that cases never see each other's files. */
    static String uniqueName(ServerUnderTest server, String stem) {
        return stem + "-" + Long.toHexString(server.random().nextLong() & 0xffffffffL) + ".bin";
    }

    /** Sends a valid header and expects READY: the start of most cases. */
    static void startUpload(ServerUnderTest server, Connection connection, String name, long size) throws IOException {
        connection.send(header(name, size));
        Expect.ready(connection, server.timing().reply(), "XFER-UP-01", "a valid name and size must get READY");
    }

    /**
     * A correct upload: header, READY, payload, OK with the right digest. A failure
     * at any step cites {@code requirement}.
     */
    static void upload(ServerUnderTest server, String name, byte[] payload, String requirement) throws IOException {
        try (Connection connection = server.connect("upload of " + name)) {
            connection.send(header(name, payload.length));
            Expect.ready(connection, server.timing().reply(), requirement,
                    "a valid name and size must get READY");
            connection.send(payload);
            Expect.ok(connection, payload, server.timing().reply(), requirement,
                    "after the last payload octet the server must answer OK with the SHA-256 of the payload");
        }
    }

    /** Checks a stored file's content (when the suite sees the storage directory). */
    static void assertStored(ServerUnderTest server, String name, byte[] expected, String requirement)
            throws IOException {
        Path file = server.storage().resolve(name);
        if (!Files.exists(file)) {
            throw Violation.of(requirement)
                    .expected("a file named \"" + name + "\" in the storage directory")
                    .actual("no such file (the directory holds: " + listing(server.storage()) + ")")
                    .hint("store the payload under exactly the received name, in the storage directory")
                    .build();
        }
        byte[] actual = Files.readAllBytes(file);
        int difference = Octets.firstDifference(expected, actual);
        if (difference >= 0) {
            throw Violation.of(requirement)
                    .expected(expected.length + " octets, the payload sent")
                    .actual(actual.length + " octets that differ from octet " + difference)
                    .divergence(difference)
                    .hint("the stored file must be the payload, octet for octet: open files in binary mode, "
                            + "write exactly what was read, and stop after size octets")
                    .build();
        }
    }

    /** The names in a directory, for a report. */
    static String listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            java.util.List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            return names.isEmpty() ? "nothing" : String.join(", ", names);
        }
    }
}
