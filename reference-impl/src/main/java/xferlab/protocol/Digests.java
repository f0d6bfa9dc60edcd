package xferlab.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the digest {@code OK} carries (XFER-UP-03). */
public final class Digests {
    private Digests() {
    }

    /** A fresh SHA-256 digest; every Java runtime has one. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** The digest as 64 lowercase hexadecimal digits. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
