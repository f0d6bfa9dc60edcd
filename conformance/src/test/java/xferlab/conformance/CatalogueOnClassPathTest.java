package xferlab.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import xferlab.spec.Catalogue;

/** The suite cites requirements from the catalogue in the spec jar; it must be reachable from here. */
class CatalogueOnClassPathTest {

    @Test
    void theSuiteReadsTheSpecsRequirements() {
        Catalogue catalogue = Catalogue.load();

        assertThat(catalogue.get("XFER-NAME-02").sentence()).contains("ERROR 403");
        assertThat(catalogue.get("XFER-CONC-03").level()).isEqualTo(3);
    }
}
