package xferlab.conformance.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The files every client uploads to every server: the same for every pair, so
 * that cells compare. Each is a case a first implementation gets wrong: no payload
 * at all, text with CR LF line ends, binary with every octet value, and a name
 * with non-ASCII letters and spaces.
 *
 * @param files the files, in upload order
 */
public record UploadSet(List<UploadFile> files) {

    /** One file: its name (what the client must send), its content, and a few words for the report. */
    public record UploadFile(String name, byte[] content, String label) {
    }

    /** A mebibyte: the binary file's size in the standard set. */
    static final int MIB = 1024 * 1024;

    /** The standard set, with a binary file of {@code binarySize} octets (1 MiB in the standard set). */
    public static UploadSet of(int binarySize) {
        // CR LF line ends: a server that treats the payload as text changes them.
        byte[] text = "A text file.\r\nIts lines end with CR LF, as on Windows.\r\nThe last line too.\r\n"
                .getBytes(StandardCharsets.UTF_8);
        return new UploadSet(List.of(
                new UploadFile("empty.txt", new byte[0], "an empty file"),
                new UploadFile("notes.txt", text, "a text file (" + text.length + " octets, CR LF lines)"),
                new UploadFile("every-octet.bin", everyOctet(binarySize),
                        "binary, " + String.format("%,d", binarySize) + " octets with every octet value"),
                new UploadFile("Grüße aus Köln.txt", "Grüße aus Köln, Łódź und Århus.\n"
                        .getBytes(StandardCharsets.UTF_8), "a name with non-ASCII letters and spaces")));
    }

    public static UploadSet standard() {
        return of(MIB);
    }

    /**
     * Every octet value in order first, then seeded noise: the noise holds CR LF, NUL
     * and LF in all orders, which a counting pattern never puts side by side.
     */
    static byte[] everyOctet(int size) {
        byte[] octets = new byte[size];
        new Random(20261201L).nextBytes(octets);
        for (int i = 0; i < Math.min(size, 256); i++) {
            octets[i] = (byte) i;
        }
        return octets;
    }

    /** Writes the files into {@code dir}, each under its own name. */
    void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (UploadFile file : files) {
            Files.write(dir.resolve(file.name()), file.content());
        }
    }
}
