package org.bedrockmonitor.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ExactSumTest {

    private static double bigDecimalSum(List<Double> terms) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double term : terms) {
            sum = sum.add(new BigDecimal(term));
        }
        return sum.doubleValue();
    }

    private static double exactSum(List<Double> terms) {
        ExactSum sum = new ExactSum();
        terms.forEach(sum::add);
        return sum.value();
    }

    @Test
    void equalsTheBigDecimalSumRoundedOnceForCostsOfEveryShape() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            List<Double> terms = new ArrayList<>();
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                terms.add(switch (random.nextInt(6)) {
                    case 0 -> random.nextInt(5000) * 0.000003;
                    case 1 -> random.nextDouble() * 1e-9;
                    case 2 -> random.nextDouble() * 1e6;
                    case 3 -> -random.nextDouble() * Math.pow(10, random.nextInt(20) - 10);
                    case 4 -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL) * (random.nextBoolean() ? 1e-300 : 1);
                    default -> 0.1 * random.nextInt(100);
                });
            }
            double expected = bigDecimalSum(terms);
            assertThat(exactSum(terms)).as("terms %s", terms).isEqualTo(expected);
            Collections.shuffle(terms, random);
            assertThat(exactSum(terms)).as("shuffled terms %s", terms).isEqualTo(expected);
        }
    }

    @Test
    void roundsHalfWayCasesToEvenAsBigDecimalDoes() {
        double ulpHalf = Math.ulp(1.0) / 2;
        for (List<Double> terms : List.of(
                List.of(1.0, ulpHalf),
                List.of(1.0, ulpHalf, 1e-300),
                List.of(1.0, ulpHalf, -1e-300),
                List.of(1.0 + 2 * ulpHalf, ulpHalf),
                List.of(1e16, 1.0),
                List.of(1e16, 1.0, 1e-20),
                List.of(-1e16, -1.0, -1e-20),
                List.of(0.1, 0.2, 0.3, -0.6),
                List.of(-0.0, -0.0),
                List.of(Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE),
                List.of(Double.MIN_VALUE, Double.MIN_VALUE, 1.0, -1.0))) {
            assertThat(exactSum(terms)).as("terms %s", terms).isEqualTo(bigDecimalSum(terms));
        }
    }

    @Test
    void mergedSumsEqualOneSumOfAllTheirTerms() {
        Random random = new Random(11);
        List<Double> all = new ArrayList<>();
        ExactSum merged = new ExactSum();
        for (int part = 0; part < 50; part++) {
            ExactSum sum = new ExactSum();
            for (int i = 0; i < 30; i++) {
                double term = random.nextDouble() * Math.pow(10, random.nextInt(12) - 6);
                sum.add(term);
                all.add(term);
            }
            merged.add(sum.copy());
        }
        assertThat(merged.value()).isEqualTo(bigDecimalSum(all));
    }
}
