package xferlab.conformance.cases.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import xferlab.conformance.cases.Exchange;
import xferlab.conformance.cases.ServerUnderTest;
import xferlab.conformance.cases.Violation;
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

    /**
     * A correct upload on a connection of its own: header, READY, payload, OK. Where
     * the case does not own those steps, a failure leaves it not reached.
     */
    static void upload(ServerUnderTest server, String name, byte[] payload) throws IOException {
        try (Exchange upload = server.connect("upload of " + name)) {
            upload.startUpload(name, payload.length).finishUpload(payload);
        }
    }

    /** Checks a stored file's content (when the suite sees the storage directory), citing the case's requirement. */
    static void assertStored(ServerUnderTest server, String name, byte[] expected) throws IOException {
        assertStored(server, name, expected, server.requirement());
    }

    /** Checks a stored file's content (when the suite sees the storage directory), citing {@code requirement}. */
    static void assertStored(ServerUnderTest server, String name, byte[] expected, String requirement)
            throws IOException {
        Path file = server.storage().resolve(name);
        if (!Files.exists(file)) {
            throw Violation.of(server.own(requirement))
                    .expected("a file named \"" + Octets.escape(Octets.utf8(name)) + "\" in the storage directory")
                    .actual("no such file (the directory holds: " + listing(server.storage()) + ")")
                    .hint("store the payload under exactly the received name, in the storage directory")
                    .build();
        }
        byte[] actual = Files.readAllBytes(file);
        int difference = Octets.firstDifference(expected, actual);
        if (difference >= 0) {
            throw Violation.of(server.own(requirement))
                    .expected(expected.length + " octets, the payload sent")
                    .actual(actual.length + " octets that differ from octet " + difference)
                    .divergence(difference)
                    .hint("the stored file must be the payload, octet for octet: open files in binary mode, "
                            + "write exactly what was read, and stop after size octets")
                    .build();
        }
    }

    /** The names in a directory, escaped (a name ending in CR must not pass for the name without it). */
    static String listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            java.util.List<String> names = files.map(p -> "\"" + Octets.escape(Octets.utf8(p.getFileName().toString()))
                    + "\"").sorted().toList();
            return names.isEmpty() ? "nothing" : String.join(", ", names);
        }
    }
}
