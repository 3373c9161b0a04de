package io.tlslab.tls.validation;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: tlslab's validator vs the JDK's PKIX validation + hostname check on the same chains
 * ({@link BenchmarkChains}), one thread = one core. See endpoint-client/README.md for the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ValidatorBenchmark {
    @Param({"VALID_RSA", "VALID_EC", "EXPIRED_RSA", "EXPIRED_EC", "WRONG_HOST_RSA"})
    public String chain;

    /** cold: a different, freshly parsed chain every time; repeated: the same chain's bytes parsed again. */
    @Param({"cold", "repeated"})
    public String certs;

    private BenchmarkChains chains;
    private boolean cold;

    @Setup
    public void setUp() throws Exception {
        cold = certs.equals("cold");
        chains = new BenchmarkChains(BenchmarkChains.Kind.valueOf(chain), cold ? BenchmarkChains.COLD_CHAINS : 1);
    }

    @Benchmark
    public boolean tlslab() throws Exception {
        return chains.tlslab(cold ? chains.cold() : chains.repeated(), cold);
    }

    @Benchmark
    public boolean jdkPkix() throws Exception {
        return chains.jdk(cold ? chains.cold() : chains.repeated());
    }
}
