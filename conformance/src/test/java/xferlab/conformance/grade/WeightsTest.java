package xferlab.conformance.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import xferlab.spec.Catalogue;

class WeightsTest {
    private final Catalogue catalogue = Catalogue.load();

    @Test
    void theDefaultsMakeMustHeavierThanShouldAtEveryLevel() {
        Weights weights = Weights.defaults(catalogue);
        String must = catalogue.all().stream().filter(r -> r.keyword().equals("MUST") && r.level() == 2)
                .findFirst().orElseThrow().id();
        String should = catalogue.all().stream().filter(r -> r.keyword().equals("SHOULD") && r.level() == 2)
                .findFirst().orElseThrow().id();
        assertThat(weights.of(2, List.of(must), catalogue)).isGreaterThan(weights.of(2, List.of(should), catalogue));
        assertThat(weights.of(2, List.of(should, must), catalogue))
                .as("a case checking both is weighed by its strongest keyword")
                .isEqualTo(weights.of(2, List.of(must), catalogue));
        assertThat(weights.total()).isEqualTo(100);
    }

    @Test
    void aRequirementsOwnWeightReplacesTheProduct() {
        Weights weights = Weights.parse("requirement.XFER-CONC-01 = 7\nrequirement.XFER-UP-01 = 0\n", catalogue, "w");
        assertThat(weights.of(3, List.of("XFER-CONC-01"), catalogue)).isEqualTo(7);
        assertThat(weights.of(1, List.of("XFER-UP-01", "XFER-UP-02"), catalogue)).isZero();
    }

    @Test
    void mistakesNameTheFileAndTheKey() {
        assertThatThrownBy(() -> Weights.parse("levels.1 = 2\n", catalogue, "mine.properties"))
                .hasMessageContaining("mine.properties").hasMessageContaining("unknown key levels.1");
        assertThatThrownBy(() -> Weights.parse("level.1 = -2\n", catalogue, "w"))
                .hasMessageContaining("level.1 = -2");
        assertThatThrownBy(() -> Weights.parse("level.1 = two\n", catalogue, "w"))
                .hasMessageContaining("a weight is a number");
        assertThatThrownBy(() -> Weights.parse("requirement.XFER-UP-99 = 1\n", catalogue, "w"))
                .hasMessageContaining("no requirement XFER-UP-99");
    }
}
