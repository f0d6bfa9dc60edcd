package xferlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import xferlab.testing.RawConnection;
import xferlab.testing.TestFiles;
import xferlab.testing.TestServers;

/**
 * XFER-LINE-03 over a real socket: however the client's octets are cut into
 * segments (lines split, lines and payload together), the server stores exactly
 * the payload. jqwik has no {@code @TempDir} or {@code @Timeout}: the directory is
 * made and deleted around the property, and every read is bounded by the socket
 * timeout of {@link RawConnection}.
 */
class SegmentedUploadPropertyTest {
    private Path work;
    private XferServer server;

    @BeforeProperty
    void start() throws IOException {
        work = Files.createTempDirectory("xfer-segmented");
        server = XferServer.start(TestServers.config(work, new TestServers.Log()));
    }

    @AfterProperty
    void stop() throws IOException {
        server.close();
        TestFiles.deleteTree(work);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of("a", "report.pdf", "résumé.pdf", "日本語.txt", "😀", "...", "x".repeat(255));
    }

    @Property(tries = 30)
    @Label("XFER-LINE-02/03, XFER-UP-02/07: any segmentation of header and payload gives READY, OK and the exact file")
    void anySegmentation(@ForAll("names") String name,
                         @ForAll @IntRange(min = 0, max = 5000) int size,
                         @ForAll boolean crlf,
                         @ForAll @IntRange(min = 1, max = 8) int cuts,
                         @ForAll Random random) throws IOException {
        byte[] payload = new byte[size];
        random.nextBytes(payload);
        String end = crlf ? "\r\n" : "\n";
        byte[] all = RawConnection.concat((name + end + size + end).getBytes(StandardCharsets.UTF_8), payload);

        TreeSet<Integer> at = new TreeSet<>();
        for (int i = 0; i < cuts; i++) {
            at.add(1 + random.nextInt(all.length - 1));
        }
        List<byte[]> segments = new ArrayList<>();
        int from = 0;
        for (int cut : at) {
            segments.add(Arrays.copyOfRange(all, from, cut));
            from = cut;
        }
        segments.add(Arrays.copyOfRange(all, from, all.length));

        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.sendSegments(segments);
            assertThat(connection.readLine()).isEqualTo("READY");
            assertThat(connection.readLine()).isEqualTo("OK " + TestFiles.sha256(payload));
        }
        assertThat(TestServers.storage(work).resolve(name)).hasBinaryContent(payload);
    }
}
