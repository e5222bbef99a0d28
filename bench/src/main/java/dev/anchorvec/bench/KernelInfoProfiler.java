package dev.anchorvec.bench;

import dev.anchorvec.KernelInfo;
import java.util.List;
import java.util.Collection;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports, from inside each fork, the vector width the kernels really ran with ({@code anchorvec.bits}, 0 for
 * the scalar implementation), so every result row carries the width of its own JVM. Use it with raw JMH as
 * {@code -prof dev.anchorvec.bench.KernelInfoProfiler}; {@link BenchMain} always adds it.
 */
public final class KernelInfoProfiler implements InternalProfiler {

    /** Secondary-result label. */
    public static final String BITS = "anchorvec.bits";

    @Override
    public String getDescription() {
        return "anchorvec kernel implementation and vector width of the fork";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {}

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        int bits = "vector".equals(KernelInfo.implementation()) ? KernelInfo.vectorBits() : 0;
        return List.of(new ScalarResult(BITS, bits, "bits", AggregationPolicy.MAX));
    }
}
