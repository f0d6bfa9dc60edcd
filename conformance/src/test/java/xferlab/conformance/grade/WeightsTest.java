package xferlab.conformance.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import xferlab.spec.Catalogue;

class WeightsTest {
    private final Catalogue catalogue = Catalogue.load();

    @Test
    void theDefaultsShareTheTotalAmongTheStagesAndWeighHarmfulBugsMore() {
        Weights weights = Weights.defaults(catalogue);
        assertThat(weights.total()).isEqualTo(100);
        // Cases of severity 1: each stage gets exactly its share.
        List<List<String>> plain = List.of(List.of("XFER-UP-02"), List.of("XFER-LINE-03"), List.of("XFER-NAME-04"),
                List.of("XFER-STORE-02"), List.of("XFER-CONC-01"));
        assertThat(weights.points(plain, false, catalogue)).containsEntry(1, 30.0).containsEntry(2, 20.0)
                .containsEntry(3, 20.0).containsEntry(4, 20.0).containsEntry(5, 10.0);
        // A severe requirement makes its stage weigh more in all.
        List<List<String>> severe = List.of(List.of("XFER-UP-02"), List.of("XFER-LINE-03"), List.of("XFER-NAME-02"),
                List.of("XFER-STORE-02"), List.of("XFER-CONC-01"));
        assertThat(weights.points(severe, false, catalogue).get(3)).isGreaterThan(20.0);
        double[] raw = weights.of(List.of(List.of("XFER-NAME-02"), List.of("XFER-NAME-04")), false, catalogue);
        assertThat(raw[0]).as("path traversal weighs more than a control octet in a name").isGreaterThan(raw[1]);
        assertThat(weights.within(List.of("XFER-LINE-01"), catalogue))
                .as("a missing LF weighs less than losing data")
                .isLessThan(weights.within(List.of("XFER-STORE-04"), catalogue));
        assertThat(weights.within(List.of("XFER-NAME-07"), catalogue)).as("a SHOULD weighs less than a MUST")
                .isLessThan(weights.within(List.of("XFER-NAME-06"), catalogue));
    }

    @Test
    void aStageWithNoCaseInTheRunGivesItsShareToTheOthers() {
        Weights weights = Weights.defaults(catalogue);
        Map<Integer, Double> stages = weights.points(List.of(List.of("XFER-UP-01"), List.of("XFER-NAME-02")), false,
                catalogue);
        assertThat(stages).containsOnlyKeys(1, 3);
        // In hundredths of a point, exactly: the points are scaled to add up to the total.
        assertThat(stages.values().stream().mapToLong(points -> Math.round(points * 100)).sum()).isEqualTo(10_000);
    }

    @Test
    void everyCaseOfTheClientSuiteCountsInTheClientStage() {
        Weights weights = Weights.defaults(catalogue);
        assertThat(weights.points(List.of(List.of("XFER-CLI-01"), List.of("XFER-LINE-03")), true, catalogue))
                .containsOnlyKeys(6);
    }

    @Test
    void mistakesNameTheFileAndTheKey() {
        assertThatThrownBy(() -> Weights.parse("levels.1 = 2\n", catalogue, "mine.properties"))
                .hasMessageContaining("mine.properties").hasMessageContaining("unknown key levels.1");
        assertThatThrownBy(() -> Weights.parse("keyword.MUST = -2\n", catalogue, "w"))
                .hasMessageContaining("keyword.MUST = -2");
        assertThatThrownBy(() -> Weights.parse("stage.1.share = two\nstage.1.covers = level-1\n", catalogue, "w"))
                .hasMessageContaining("a weight is a number");
        assertThatThrownBy(() -> Weights.parse("severity.XFER-UP-99 = 1\n", catalogue, "w"))
                .hasMessageContaining("no requirement XFER-UP-99");
        assertThatThrownBy(() -> Weights.parse("stage.2.share = 5\nstage.2.covers = XFER-LIME\n", catalogue, "w"))
                .hasMessageContaining("XFER-LIME");
        assertThatThrownBy(() -> Weights.parse("stage.2.share = 5\n", catalogue, "w"))
                .hasMessageContaining("stage.2 needs both");
    }
}
