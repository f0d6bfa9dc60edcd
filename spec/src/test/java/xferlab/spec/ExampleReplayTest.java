package xferlab.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.protocol.Printable;
import xferlab.server.ServerConfig;
import xferlab.server.XferServer;

/**
 * Replays every wire example of the spec against the reference server and fails
 * when the server answers anything else: the spec's transcripts cannot drift from
 * the code.
 */
@Timeout(120)
class ExampleReplayTest {
    private static final Path EXAMPLES = Path.of("src/docs/asciidoc/examples");
    /** Beyond the server's idle timeout, how long a reply may take before the replay gives up. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyExampleReplaysAgainstTheReferenceServer() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(EXAMPLES)) {
            files = list.filter(p -> p.toString().endsWith(".xfer")).sorted().toList();
        }
        assertThat(files).as("examples in " + EXAMPLES).isNotEmpty();
        return files.stream().map(file -> {
            String name = file.getFileName().toString().replace(".xfer", "");
            return DynamicTest.dynamicTest(name, file.toUri(),
                    () -> replay(WireExample.parse(name, Files.readString(file, StandardCharsets.UTF_8))));
        });
    }

    private void replay(WireExample example) throws Exception {
        Path storage = temp.resolve(example.name()).resolve("storage");
        ServerConfig config = configure(ServerConfig.defaults(storage).withLog(line -> { }), example);
        try (XferServer server = XferServer.start(config);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(Math.toIntExact(config.idleTimeout().plus(MARGIN).toMillis()));
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (WireExample.Step step : example.steps()) {
                if (step instanceof WireExample.Send send) {
                    out.write(send.octets());
                    out.flush();
                } else if (step instanceof WireExample.Expect expect) {
                    byte[] actual = readUpTo(in, expect.octets().length);
                    if (!Arrays.equals(actual, expect.octets())) {
                        fail(example.name() + ": the spec shows the server sending\n  \""
                                + Printable.escape(expect.octets()) + "\"\nbut the reference sent\n  \""
                                + Printable.escape(actual) + "\"");
                    }
                } else if (step instanceof WireExample.ServerClose) {
                    int next = in.read();
                    assertThat(next).as(example.name() + ": the server should have closed").isEqualTo(-1);
                } else if (step instanceof WireExample.ClientClose) {
                    socket.close();
                } else if (step instanceof WireExample.StoredFile stored) {
                    assertThat(server.awaitQuiet(config.idleTimeout().plus(MARGIN)))
                            .as("the server finished the connection").isTrue();
                    Path file = storage.resolve(stored.name());
                    if (stored.absent()) {
                        assertThat(file).as(example.name()).doesNotExist();
                    } else {
                        assertThat(file).as(example.name()).hasBinaryContent(stored.content());
                    }
                }
            }
        }
    }

    private static ServerConfig configure(ServerConfig config, WireExample example) {
        List<String> options = example.serverOptions();
        for (int i = 0; i < options.size(); i += 2) {
            String value = options.get(i + 1);
            config = switch (options.get(i)) {
                case "--idle-timeout" -> config.withIdleTimeout(Duration.ofSeconds(Long.parseLong(value)));
                case "--max-size" -> config.withMaxSize(Long.parseLong(value));
                default -> throw new IllegalArgumentException(example.name() + ": unknown server option " + options.get(i));
            };
        }
        return config;
    }

    /** Reads up to {@code count} octets; fewer only if the stream ends or stays silent. */
    private static byte[] readUpTo(InputStream in, int count) throws IOException {
        byte[] buffer = new byte[count];
        int filled = 0;
        try {
            while (filled < count) {
                int n = in.read(buffer, filled, count - filled);
                if (n == -1) {
                    break;
                }
                filled += n;
            }
        } catch (SocketTimeoutException e) {
            // report what did arrive
        }
        return Arrays.copyOf(buffer, filled);
    }
}
