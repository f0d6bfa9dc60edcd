package xferlab.conformance.cases.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

import xferlab.conformance.cases.ClientSession;
import xferlab.conformance.cases.ClientUnderTest;
import xferlab.conformance.cases.Case;
import xferlab.conformance.cases.Covers;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.SuiteProperties;
import xferlab.conformance.wire.Connection;

/**
 * Generated files: any octets, sizes at buffer boundaries, names with spaces and
 * letters from many scripts. Each try runs the client once.
 */
@Section("§11.1 Generated files (properties)")
@AddLifecycleHook(value = SuiteProperties.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class UploadFileProperties {

    /** A file's content, described by its size and the seed of its octets. */
    record Content(int size, long seed) {
        byte[] octets() {
            byte[] octets = new byte[size];
            new Random(seed).nextBytes(octets);
            for (int i = 0; i < size; i += 89) {
                octets[i] = (byte) "\n\r\0".charAt(i % 3);
            }
            return octets;
        }

        @Override
        public String toString() {
            return "file of " + size + " octets (seed " + seed + ")";
        }
    }

    @Property(tries = 12, shrinking = ShrinkingMode.BOUNDED)
    @Case("any-file-is-sent-exactly")
    @Covers({"XFER-CLI-01", "XFER-CLI-02", "XFER-CLI-04"})
    @Label("any file under any valid name is announced and sent exactly")
    void anyFileIsSentExactly(@ForAll("contents") Content content, @ForAll("names") String name,
                              ClientUnderTest client) throws IOException {
        byte[] octets = content.octets();
        try (ClientSession session = client.start(name, octets)) {
            Connection connection = session.accept();
            Serving.serveCorrectly(connection, name, octets, client);
            session.expectSucceeded().citing("XFER-CLI-04").because("exit 0 after a correct OK");
        }
    }

    @Provide
    Arbitrary<Content> contents() {
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(0, 1, 4095, 4096, 4097, 65535, 65536, 65537)),
                Tuple.of(3, Arbitraries.integers().between(0, 300_000)),
                Tuple.of(1, Arbitraries.integers().between(1 << 20, 4 << 20)));
        return Combinators.combine(sizes, Arbitraries.longs()).as(Content::new);
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<Character> letters = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.chars().alpha().numeric().with('-', '_', '.')),
                Tuple.of(2, Arbitraries.of(' ', '\u00e9', '\u00df', '\u65e5', '\u0416')));
        return letters.list().ofMinSize(1).ofMaxSize(120)
                .map(chars -> {
                    StringBuilder name = new StringBuilder();
                    chars.forEach(name::append);
                    return name.toString();
                })
                // a valid name that is also a file name here: 255 octets at most, not "." or ".."
                .filter(name -> name.getBytes(StandardCharsets.UTF_8).length <= 255
                        && !name.equals(".") && !name.equals(".."));
    }
}
