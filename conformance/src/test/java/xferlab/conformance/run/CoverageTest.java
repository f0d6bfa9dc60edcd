package xferlab.conformance.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import xferlab.spec.Catalogue;

/** The suite covers the spec, and the coverage check finds what would break that. */
class CoverageTest {

    @Test
    void everyRequirementIsCheckedOnEachSideItAppliesToAndEveryCitationIsKnown() {
        Coverage coverage = Coverage.of(Catalogue.load());
        assertThat(coverage.problems()).isEmpty();
        assertThat(coverage.cases()).hasSizeGreaterThan(60);
        assertThat(coverage.casesOf("XFER-LINE-01")).as("a requirement on both sides")
                .containsValues("server", "client");
    }

    @Test
    void aRequirementNoCaseChecksIsFound() throws IOException {
        String row = "|[[XFER-UP-99,XFER-UP-99]]XFER-UP-99 |1 |server |MUST |A server MUST do something new.\n";
        String text = catalogueText().replace("// end::upload[]", row + "// end::upload[]");
        Coverage coverage = Coverage.of(Catalogue.parse(text));
        assertThat(coverage.problems()).containsExactly("XFER-UP-99 applies to server but no server case checks it");
    }

    @Test
    void aCaseCitingARequirementTheSpecLacksIsFound() throws IOException {
        String text = catalogueText().lines().filter(line -> !line.startsWith("|[[XFER-NAME-03,"))
                .reduce("", (a, b) -> a + b + "\n");
        Coverage coverage = Coverage.of(Catalogue.parse(text));
        assertThat(coverage.problems()).isNotEmpty()
                .allMatch(p -> p.contains("cites XFER-NAME-03, which the spec does not have"));
    }

    @Test
    void theTableLinksEachRequirementToItsAnchorAndListsItsCases() {
        String table = Coverage.of(Catalogue.load()).asciidoc();
        assertThat(table).contains("|<<XFER-UP-01>> |1 |MUST", "* `+small-upload-is-stored+` (server): ");
        assertThat(table.lines().filter(line -> line.startsWith("|<<XFER-"))).hasSize(Catalogue.load().all().size());
    }

    private static String catalogueText() throws IOException {
        try (InputStream in = Catalogue.class.getResourceAsStream(Catalogue.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
