package xferlab.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireExampleTest {

    @Test
    void parsesEveryKindOfEvent() {
        WireExample example = WireExample.parse("demo", """
                # a comment
                # server: --max-size 1000
                C: caf\\xc3\\xa9 \\\\ é\\r\\n
                S: READY\\n
                C: <close>
                S: <close>
                F: a b.txt -> x\\x00y
                F: gone.txt -> <absent>
                F: empty.txt -> <empty>
                """);

        assertThat(example.serverOptions()).containsExactly("--max-size", "1000");
        assertThat(example.steps()).hasSize(7);
        assertThat(((WireExample.Send) example.steps().get(0)).octets())
                .isEqualTo(new byte[] {'c', 'a', 'f', (byte) 0xc3, (byte) 0xa9, ' ', '\\', ' ',
                    (byte) 0xc3, (byte) 0xa9, '\r', '\n'});
        assertThat(example.steps().get(2)).isInstanceOf(WireExample.ClientClose.class);
        assertThat(example.steps().get(3)).isInstanceOf(WireExample.ServerClose.class);
        WireExample.StoredFile stored = (WireExample.StoredFile) example.steps().get(4);
        assertThat(stored.name()).isEqualTo("a b.txt");
        assertThat(stored.content()).containsExactly('x', 0, 'y');
        assertThat(((WireExample.StoredFile) example.steps().get(5)).absent()).isTrue();
        WireExample.StoredFile empty = (WireExample.StoredFile) example.steps().get(6);
        assertThat(empty.absent()).isFalse();
        assertThat(empty.content()).isEmpty();
    }

    @Test
    void refusesWhatIsNotAnEvent() {
        assertThatThrownBy(() -> WireExample.parse("bad", "C: ok\nX: what\n"))
                .hasMessageContaining("bad.xfer line 2");
        assertThatThrownBy(() -> WireExample.parse("bad", "C: \\q\n"))
                .hasMessageContaining("unknown escape");
        assertThatThrownBy(() -> WireExample.parse("bad", "C: \\x4\n"))
                .hasMessageContaining("two hex digits");
    }
}
