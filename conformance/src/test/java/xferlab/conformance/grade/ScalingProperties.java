package xferlab.conformance.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Scaled points add up to exactly the total, and each stays within a hundredth of its share. */
class ScalingProperties {

    @Property(tries = 500, seed = "20261125")
    void scaledPointsAddUpToTheTotalAndStayFair(
            @ForAll @Size(min = 1, max = 80) List<@DoubleRange(min = 0, max = 20) Double> weightList,
            @ForAll @IntRange(min = 1, max = 1000) int total) {
        double[] weights = weightList.stream().mapToDouble(Double::doubleValue).toArray();
        double sum = java.util.Arrays.stream(weights).sum();
        double[] scaled = Grade.scaled(weights, total);
        long cents = 0;
        for (int i = 0; i < weights.length; i++) {
            cents += Math.round(scaled[i] * 100);
            assertThat(scaled[i]).isGreaterThanOrEqualTo(0);
            if (sum > 0) {
                assertThat(Math.abs(scaled[i] - weights[i] / sum * total)).as("case %d", i).isLessThanOrEqualTo(0.01 + 1e-9);
            }
        }
        assertThat(cents).isEqualTo(sum > 0 ? total * 100L : 0);
    }
}
