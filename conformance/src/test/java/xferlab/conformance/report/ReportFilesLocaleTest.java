package xferlab.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The report files read the same whatever the machine's locale: CI parsers reject
 * {@code time="1,234"}, which a German locale would write for 1.234 s.
 */
class ReportFilesLocaleTest {

    @Test
    void junitXmlWrittenUnderAGermanLocaleHasNumericTimes(@TempDir Path dir) throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            CaseResult slow = CaseResult.plain("small-upload-is-stored", "a title", "§5 The upload", 1,
                    List.of("XFER-UP-01"), Verdict.PASSED, "", 7, "", 1234);
            CaseResult failed = CaseResult.plain("replies-end-with-bare-lf", "a <title> & \"more\"", "§5 The upload",
                    1, List.of("XFER-LINE-01"), Verdict.FAILED, "bad \u0001 octet", 7, "", 56);
            ReportFiles.write(new RunReport("server", "a target", 7, List.of(slow, failed), 98_765), dir);
        } finally {
            Locale.setDefault(before);
        }
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("junit.xml").toFile());
        NodeList cases = document.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        assertThat(((Element) cases.item(0)).getAttribute("time")).isEqualTo("1.234");
        assertThat(Double.parseDouble(((Element) document.getElementsByTagName("testsuite").item(0))
                .getAttribute("time"))).isEqualTo(98.765);
        assertThat(document.getElementsByTagName("failure").getLength()).isEqualTo(1);
    }
}
