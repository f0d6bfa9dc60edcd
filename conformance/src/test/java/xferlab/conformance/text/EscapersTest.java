package xferlab.conformance.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** Each escaper against the strings a hostile or careless program can print. */
class EscapersTest {
    private static final List<String> HOSTILE = List.of(
            "<script>alert('x')</script>", "a & b \"quoted\"", "bar|in|a|cell", "]]> and ] and [[",
            "nul\u0000 bell\u0007 esc\u001b del\u007f", "lone \ud800 surrogate", "emoji \ud83d\ude00 ok",
            "=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\ttab", " spaced ", "line\nbreak\r\nend",
            "....", "{attribute} *bold* _em_ `code`", "café 日本語");

    @Test
    void xmlTextParsesBackToTheSameTextOrAQuestionMark() throws Exception {
        for (String hostile : HOSTILE) {
            String document = "<a b=\"" + Xml.attribute(hostile) + "\">" + Xml.text(hostile) + "</a>";
            var parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(document)));
            String back = parsed.getDocumentElement().getTextContent();
            String expected = hostile.replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]", "?")
                    .replaceAll("\ud800(?![\udc00-\udfff])", "?");
            assertThat(back).as(hostile).isEqualTo(expected);
            assertThat(parsed.getDocumentElement().getAttribute("b")).as(hostile).isEqualTo(expected);
        }
    }

    @Test
    void htmlTextLeavesNoMarkup() {
        for (String hostile : HOSTILE) {
            String escaped = Html.text(hostile);
            assertThat(escaped).as(hostile).doesNotContain("<", ">", "\"", "'", "\u0000", "\u001b");
            assertThat(escaped.replaceAll("&(amp|lt|gt|quot|#39|#13);", "")).as(hostile).doesNotContain("&");
        }
        assertThat(Html.text("café 日本語 \ud83d\ude00")).isEqualTo("café 日本語 \ud83d\ude00");
    }

    @Test
    void csvFieldsKeepTheirCommasQuotesAndLinesAndRunNoFormula() {
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("=HYPERLINK(\"http://x\")")).startsWith("\"'=");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("-2.5")).as("a number stays a number").isEqualTo("-2.5");
        assertThat(Csv.field(" spaced ")).isEqualTo("\" spaced \"");
    }

    @Test
    void asciiDocInlineTextEndsNeitherACellNorThePassthrough() {
        for (String hostile : HOSTILE) {
            String inline = AsciiDoc.inline(hostile);
            assertThat(inline).startsWith("pass:[").endsWith("]");
            String inside = inline.substring("pass:[".length(), inline.length() - 1);
            assertThat(inside).as(hostile).doesNotContain("|", "]", "<", "\n");
        }
        assertThat(AsciiDoc.literal("a\n....\nb")).isEqualTo("a\n.... \nb\n");
    }
}
