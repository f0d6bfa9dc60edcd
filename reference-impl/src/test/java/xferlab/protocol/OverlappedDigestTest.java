package xferlab.protocol;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = SECONDS)
class OverlappedDigestTest {
    @Test
    void digestIsTheSameAsInlineWhateverTheChunkSizes() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] data = new byte[1_000_003];
        random.nextBytes(data);
        MessageDigest inline = Digests.sha256();
        OverlappedDigest overlapped = new OverlappedDigest(4096);
        for (int at = 0; at < data.length; ) {
            byte[] buffer = overlapped.buffer();
            int n = Math.min(data.length - at, 1 + random.nextInt(buffer.length));
            System.arraycopy(data, at, buffer, 0, n);
            overlapped.update(buffer, n);
            inline.update(data, at, n);
            at += n;
        }
        assertThat(overlapped.hex()).isEqualTo(Digests.hex(inline.digest()));
    }

    @Test
    void nothingHashedIsTheDigestOfNothing() {
        assertThat(new OverlappedDigest(1).hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void onlyTheBufferJustLentCanBeHandedBack() {
        OverlappedDigest digest = new OverlappedDigest(16);
        digest.buffer();
        assertThatThrownBy(() -> digest.update(new byte[16], 16)).isInstanceOf(IllegalArgumentException.class);
    }
}
