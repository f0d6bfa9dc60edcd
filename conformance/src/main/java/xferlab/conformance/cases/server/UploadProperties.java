package xferlab.conformance.cases.server;

import static xferlab.conformance.cases.server.Wire.header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

import xferlab.conformance.cases.Case;
import xferlab.conformance.cases.Covers;
import xferlab.conformance.cases.Exchange;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.ServerUnderTest;
import xferlab.conformance.cases.SuiteProperties;
import xferlab.conformance.fault.Segmenter;

/**
 * Generated uploads: random payloads (sizes at buffer boundaries, any octets),
 * random valid names and random segmentation. jqwik shrinks a failure to a small
 * counterexample, which the report shows.
 */
@Section("§3 and §5 Generated uploads (properties)")
@AddLifecycleHook(value = SuiteProperties.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class UploadProperties {

    /**
     * A payload, described by its size and the seed of its octets, so that a shrunk
     * counterexample reads as two numbers, not a megabyte.
     */
    record Payload(int size, long seed) {
        byte[] octets() {
            byte[] octets = new byte[size];
            new Random(seed).nextBytes(octets);
            // Sprinkle the octets that break text-mode code: LF, CR, NUL.
            for (int i = 0; i < size; i += 97) {
                octets[i] = (byte) "\n\r\0".charAt(i % 3);
            }
            return octets;
        }

        @Override
        public String toString() {
            return "payload of " + size + " octets (seed " + seed + ")";
        }
    }

    /** How the suite cuts what it sends into segments. */
    record Segmentation(Kind kind, long seed) {
        enum Kind { ONE_WRITE, HEADER_THEN_PAYLOAD, HEADER_ONE_OCTET_EACH, RANDOM_SPLITS }

        @Override
        public String toString() {
            return kind == Kind.RANDOM_SPLITS ? "random splits (seed " + seed + ")" : kind.name().toLowerCase().replace('_', ' ');
        }
    }

    @Property(tries = 30, shrinking = ShrinkingMode.BOUNDED)
    @Case("any-upload-is-stored-exactly")
    @Covers({"XFER-UP-02", "XFER-UP-03", "XFER-LINE-03", "XFER-NAME-01"})
    @Label("any payload under any valid name, however segmented, is stored and digested exactly")
    void anyUploadIsStoredExactly(@ForAll("payloads") Payload payload, @ForAll("names") String name,
                                  @ForAll("segmentations") Segmentation segmentation, ServerUnderTest server)
            throws IOException {
        byte[] octets = payload.octets();
        byte[] header = header(name, octets.length);
        try (Exchange upload = server.connect("generated upload: " + payload + ", " + segmentation)) {
            switch (segmentation.kind()) {
                case ONE_WRITE -> upload.send(Wire.concat(header, octets));
                case HEADER_THEN_PAYLOAD -> upload.send(header);
                case HEADER_ONE_OCTET_EACH -> Segmenter.oneOctetEach(upload.connection(), header, Duration.ofMillis(1));
                case RANDOM_SPLITS -> Segmenter.random(upload.connection(), header, 7, new Random(segmentation.seed()),
                        Duration.ofMillis(1));
            }
            upload.expectReady().citing("XFER-LINE-03").because(FramingCases.ONE_RECV_HINT);
            switch (segmentation.kind()) {
                case ONE_WRITE -> { }
                case RANDOM_SPLITS -> Segmenter.random(upload.connection(), octets, 70_000,
                        new Random(segmentation.seed()), Duration.ZERO);
                default -> upload.send(octets);
            }
            upload.expectOk(octets).citing("XFER-UP-03")
                    .because("the digest covers exactly the payload octets, read as binary");
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, octets);
        }
    }

    @Provide
    Arbitrary<Payload> payloads() {
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(0, 1, 2, 4095, 4096, 4097, 65535, 65536, 65537)),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 200_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1 << 20, 4 << 20)));
        return Combinators.combine(sizes, Arbitraries.longs()).as(Payload::new);
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<Character> letters = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.chars().alpha().numeric().with('-', '_', '.')),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(' ', '\u00e9', '\u00df', '\u65e5', '\u0416')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u00a0', '\ud7ff')));
        Arbitrary<String> plain = letters.list().ofMinSize(1).ofMaxSize(255)
                .map(chars -> {
                    StringBuilder name = new StringBuilder();
                    chars.forEach(name::append);
                    return name.toString();
                });
        // Up to 255 octets of UTF-8, and never "." or "..": the valid names, all of them.
        return plain.map(UploadProperties::fitTo255Octets)
                .filter(name -> !name.isEmpty() && !name.equals(".") && !name.equals(".."));
    }

    private static String fitTo255Octets(String name) {
        while (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    @Provide
    Arbitrary<Segmentation> segmentations() {
        return Combinators.combine(Arbitraries.of(Segmentation.Kind.class), Arbitraries.longs()).as(Segmentation::new);
    }
}
