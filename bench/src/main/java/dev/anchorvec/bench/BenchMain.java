package dev.anchorvec.bench;

import dev.anchorvec.KernelInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Version;

/**
 * The benchmark report (the main job): runs a curated JMH selection through the Runner API and writes
 * {@code DIR/results.json} and {@code DIR/results.md}, printing the table. See {@code bench/README.md}.
 */
public final class BenchMain {

    private static final String PKG = "dev\\.anchorvec\\.bench\\.";
    private static final String IMPL_PROPERTY = "anchorvec.impl";
    private static final String BITS_PROPERTY = "anchorvec.vectorBits";
    private static final String OPENCV = "OpenCvNmsBench";

    private BenchMain() {}

    /** One Runner invocation: benchmarks matching {@code include}, with parameter overrides. */
    record Selection(String include, Map<String, String[]> params) {}

    /** A benchmark class of the curated suite and its quick-mode parameters (null: {@code --full} only). */
    record Curated(String benchmark, Map<String, String[]> quickParams) {
        static Curated quick(String benchmark, Map<String, String[]> params) {
            return new Curated(benchmark, params);
        }

        static Curated fullOnly(String benchmark) {
            return new Curated(benchmark, null);
        }
    }

    /** Parsed command line. */
    static final class Args {
        boolean full;
        String include;
        Path out = Path.of("bench-results");
        boolean profGc = true;
        Integer forks;
        Integer bits;
        List<Integer> widths;
        final List<String> jvmArgs = new ArrayList<>();
        final Map<String, String[]> params = new LinkedHashMap<>();

        static Args parse(String... argv) {
            Args a = new Args();
            for (int i = 0; i < argv.length; i++) {
                String s = argv[i];
                switch (s) {
                    case "--quick" -> a.full = false;
                    case "--full" -> a.full = true;
                    case "--include" -> a.include = value(argv, ++i, s);
                    case "--out" -> a.out = Path.of(value(argv, ++i, s));
                    case "--prof-gc" -> a.profGc = true;
                    case "--no-prof-gc" -> a.profGc = false;
                    case "--forks" -> a.forks = Integer.parseInt(value(argv, ++i, s));
                    case "--bits" -> a.bits = Integer.parseInt(value(argv, ++i, s));
                    case "--widths" -> a.widths = WidthSweep.parse(value(argv, ++i, s));
                    case "--jvm-arg" -> a.jvmArgs.add(value(argv, ++i, s));
                    case "--param" -> {
                        String kv = value(argv, ++i, s);
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--param wants NAME=V1,V2,..., got " + kv);
                        }
                        a.params.put(kv.substring(0, eq), kv.substring(eq + 1).split(","));
                    }
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        System.exit(0);
                    }
                    default -> {
                        if (s.isBlank()) {
                            continue;
                        }
                        throw new IllegalArgumentException("unknown option " + s + "\n" + USAGE);
                    }
                }
            }
            return a;
        }

        private static String value(String[] argv, int i, String opt) {
            if (i >= argv.length) {
                throw new IllegalArgumentException(opt + " needs a value");
            }
            return argv[i];
        }
    }

    static final String USAGE = """
            usage: BenchMain [--quick | --full] [--include REGEX] [--out DIR] [--no-prof-gc] [--forks N]
                             [--bits 128|256|512] [--widths 512,256,128] [--jvm-arg ARG]... [--param NAME=V1,V2]...
                   BenchMain --compare FILE FILE [FILE...] [--out DIR]
              --quick        (default) curated workloads, 1 fork, 2x0.8 s warm-up, 5x0.25 s measurement: a few minutes
              --full         every workload of the @Param lists, 2 forks, 5x1 s warm-up, 5x1 s measurement
              --include      JMH regex instead of the curated selection (the @Param lists apply)
              --out          output directory (default bench-results): results.json, results.md, *.svg
              --no-prof-gc   skip -prof gc (b_per_op is then null); it is on by default
              --bits         force the vector width: -Danchorvec.vectorBits=N in this JVM and in the forks
              --widths       width sweep: every vector method once per width (widths above the CPU's are skipped),
                             scalar methods once; all in one report (results.md gets a table per width)
              --jvm-arg      extra fork JVM argument, appended after the @Fork flags (repeatable)
              --param        JMH parameter override, e.g. --param workload=20000x100,100000x100 --param kind=GIOU
              --compare      side by side: results.json files (other CPUs, JDKs) and time_peers.py JSON; writes
                             compare.md and compare.svg into --out (default bench-compare)""";

    public static void main(String[] argv) throws RunnerException, IOException {
        if (argv.length > 0 && argv[0].equals("--compare")) {
            Compare.main(Arrays.copyOfRange(argv, 1, argv.length));
            return;
        }
        Args args = Args.parse(argv);
        if (args.bits != null) {
            // Before anything touches KernelInfo: Simd reads the property once.
            System.setProperty(BITS_PROPERTY, String.valueOf(args.bits));
        }
        List<String> hostArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        // Forks inherit the host's flags (for example -XX:UseAVX=2 given to this JVM), except a forced
        // implementation, which would override each method's own -Danchorvec.impl.
        List<String> forkArgs = new ArrayList<>();
        for (String a : hostArgs) {
            if (!a.startsWith("-D" + IMPL_PROPERTY + "=") && !a.startsWith("-D" + BITS_PROPERTY + "=")) {
                forkArgs.add(a);
            }
        }
        List<String> append = new ArrayList<>(args.jvmArgs);
        String bitsProperty = System.getProperty(BITS_PROPERTY);
        if (bitsProperty != null) {
            append.add("-D" + BITS_PROPERTY + "=" + bitsProperty);
        }

        System.out.println("# anchorvec bench: host JVM sees " + KernelInfo.summary() + " (" + KernelInfo.reason()
                + ")");
        Map<String, Object> digest = DigestRecord.compute();
        System.out.println("# kernel digest: " + DigestRecord.describe(Map.of(DigestRecord.KEY, digest))
                + "; the same total on two machines means the same bits");
        List<Selection> selections = withoutUnavailablePeers(selections(args), args, OpenCv::load, System.out);
        List<WidthSweep.Pass> passes = WidthSweep.passes(args.widths, KernelInfo.implementation().equals("vector")
                ? KernelInfo.vectorBits() : 0, System.out);
        List<RunResult> results = new ArrayList<>();
        Map<String, Object> jmhInfo = null;
        int step = 0;
        long started = System.nanoTime();
        List<Map.Entry<WidthSweep.Pass, Selection>> plan = new ArrayList<>();
        passes.forEach(pass -> selections.forEach(sel -> plan.add(Map.entry(pass, sel))));
        for (Map.Entry<WidthSweep.Pass, Selection> planned : plan) {
            WidthSweep.Pass pass = planned.getKey();
            Selection sel = planned.getValue();
            String include = sel.include() + pass.includeSuffix();
            System.out.println(Progress.line(++step, plan.size(), include.replace(PKG, "").replace("\\.", ".")
                    + pass.label(), System.nanoTime() - started));
            List<String> passAppend = new ArrayList<>(append);
            passAppend.addAll(pass.jvmArgs());
            ChainedOptionsBuilder ob = new OptionsBuilder().include(include)
                    .jvmArgs(forkArgs.toArray(String[]::new))
                    .shouldFailOnError(true)
                    .addProfiler(KernelInfoProfiler.class);
            if (args.widths != null) {
                // The sweep forces every width itself; the fixed-256 method would only repeat the 256-bit pass.
                ob.exclude(PKG + "NmsBench\\.vector256$");
            }
            if (!passAppend.isEmpty()) {
                ob.jvmArgsAppend(passAppend.toArray(String[]::new));
            }
            if (args.profGc) {
                ob.addProfiler(GCProfiler.class);
            }
            if (args.full) {
                ob.warmupIterations(5).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(5).measurementTime(TimeValue.seconds(1));
            } else {
                // Five short iterations rather than three longer ones: JMH's 99.9 % half-width uses Student's t,
                // which is 31.6 standard errors with 3 samples but 8.6 with 5.
                ob.forks(1).warmupIterations(2).warmupTime(TimeValue.milliseconds(800))
                        .measurementIterations(5).measurementTime(TimeValue.milliseconds(250));
            }
            if (args.forks != null) {
                ob.forks(args.forks);
            }
            Map<String, String[]> params = new LinkedHashMap<>(sel.params());
            params.putAll(args.params);
            params.forEach(ob::param);
            try {
                results.addAll(new Runner(ob.build()).run());
            } catch (NoBenchmarksException e) {
                if (pass.includeSuffix().isEmpty()) {
                    throw e;
                }
                // A later width pass runs vector methods only: a selection without any (the OpenCV peer) has none.
                System.out.println("  (no vector methods in " + sel.include().replace(PKG, "") + pass.label() + ")");
            }
        }
        if (results.isEmpty()) {
            System.err.println("no benchmark matched " + selections);
            System.exit(2);
        }
        jmhInfo = jmhInfo(results.getFirst().getParams(), args, selections);

        Map<String, Object> anchorvec = new LinkedHashMap<>();
        anchorvec.put("implementation", KernelInfo.implementation());
        anchorvec.put("vector_bits", KernelInfo.vectorBits());
        anchorvec.put("float_lanes", KernelInfo.floatLanes());
        anchorvec.put("summary", KernelInfo.summary());
        anchorvec.put("reason", KernelInfo.reason());
        anchorvec.put("jvm_args", hostArgs);
        anchorvec.put("fork_jvm_args_append", append);

        List<Report.Row> rows = results.stream().map(BenchMain::row).toList();
        Map<String, Object> machine = MachineInfo.collect();
        machine.put(DigestRecord.KEY, digest);
        Report report = new Report(machine, anchorvec, jmhInfo, rows,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Files.createDirectories(args.out);
        Files.writeString(args.out.resolve("results.json"), report.json(), StandardCharsets.UTF_8);
        String sweep = WidthTable.markdown(rows);
        String md = report.markdown() + (sweep.isEmpty() ? "" : "\n## Width sweep\n\n" + sweep);
        Files.writeString(args.out.resolve("results.md"), md, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(md);
        List<String> charts = ReportCharts.write(report, args.out);
        System.out.println("wrote " + args.out.resolve("results.json").toAbsolutePath() + ", results.md and "
                + String.join(", ", charts) + " in " + Progress.duration(System.nanoTime() - started));
    }

    /**
     * The curated suite in pipeline order (anchors, match, encode, losses, select), one JMH selection per
     * benchmark class so that the progress line moves per kernel, with its quick-mode parameters (quick mode keeps
     * one short, one odd and the large peer sizes; {@code --full} runs every value of the {@code @Param} lists).
     */
    private static final List<Curated> CURATED = List.of(
            Curated.quick("IouMatrixBench", Map.of("workload", new String[] {
                "1000x10", "20000x100", "100000x100", "4099x61"})),
            Curated.quick("BestIouBench", Map.of("workload", new String[] {"20000x100", "100000x100", "4099x61"})),
            Curated.quick("AnchorTilingBench", Map.of("image", new String[] {"640"})),
            Curated.quick("KMeansBench", Map.of()),
            Curated.quick("MatchBench", Map.of("workload", new String[] {"76725x10", "76725x100"})),
            Curated.quick("TargetBench", Map.of("workload", new String[] {"76725x10", "76725x100"})),
            Curated.quick("BoxCoderBench", Map.of("boxes", new String[] {"100000"})),
            Curated.quick("LinearYoloBench", Map.of("boxes", new String[] {"100000"})),
            Curated.quick("FocalLossBench", Map.of("gamma", new String[] {"2"})),
            Curated.quick("SmoothL1Bench", Map.of()),
            Curated.quick("IouLossBench", Map.of("workload", new String[] {"76725x0.02"})),
            // The NMS sizes include OpenCV's, so that its same-run figure lines up with ours.
            Curated.quick("NmsBench", Map.of("boxes", new String[] {"1000", "5000", "20000"})),
            Curated.quick("BatchedNmsBench", Map.of("boxes", new String[] {"5000", "20000"})),
            Curated.quick(OPENCV, Map.of("boxes", new String[] {"5000"})),
            Curated.fullOnly("SoftNmsBench"),
            Curated.quick("RetinaNetPostprocessBench", Map.of()));

    /** The curated suite for {@code --quick} or {@code --full}, or one selection for {@code --include}. */
    static List<Selection> selections(Args args) {
        if (args.include != null) {
            return List.of(new Selection(args.include, Map.of()));
        }
        List<Selection> out = new ArrayList<>();
        for (Curated c : CURATED) {
            if (args.full) {
                out.add(new Selection(PKG + c.benchmark() + "\\.", Map.of()));
            } else if (c.quickParams() != null) {
                out.add(new Selection(PKG + c.benchmark() + "\\.", c.quickParams()));
            }
        }
        return out;
    }

    /**
     * Drops the in-JMH OpenCV peer from the curated suite where its native library does not load (a platform
     * {@code benchmarks.jar} carries no library for), saying so on {@code log}, instead of failing the whole
     * report. An explicit {@code --include} keeps it and fails with the loader's message.
     *
     * @param loadOpenCv loads the library or throws {@link IllegalStateException} saying why not
     */
    static List<Selection> withoutUnavailablePeers(List<Selection> selections, Args args, Runnable loadOpenCv,
                                                   PrintStream log) {
        if (args.include != null || selections.stream().noneMatch(s -> s.include().contains(OPENCV))) {
            return selections;
        }
        try {
            loadOpenCv.run();
            return selections;
        } catch (IllegalStateException e) {
            log.println("# skipping the OpenCV peer: " + e.getMessage());
            return selections.stream().filter(s -> !s.include().contains(OPENCV)).toList();
        }
    }

    private static Map<String, Object> jmhInfo(BenchmarkParams p, Args args, List<Selection> selections) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", Version.getPlainVersion());
        m.put("mode", p.getMode().shortLabel());
        m.put("time_unit", "ns");
        m.put("forks", p.getForks());
        m.put("warmup", p.getWarmup().getCount() + " x " + p.getWarmup().getTime());
        m.put("measurement", p.getMeasurement().getCount() + " x " + p.getMeasurement().getTime());
        m.put("threads", p.getThreads());
        m.put("preset", args.include != null ? "include" : args.full ? "full" : "quick");
        m.put("includes", selections.stream().map(Selection::include).toList());
        m.put("widths", args.widths);
        m.put("profilers", args.profGc ? List.of("gc", "anchorvec") : List.of("anchorvec"));
        return m;
    }

    static Report.Row row(RunResult r) {
        BenchmarkParams p = r.getParams();
        String full = p.getBenchmark();
        String method = full.substring(full.lastIndexOf('.') + 1);
        String cls = full.substring(0, full.lastIndexOf('.'));
        cls = cls.substring(cls.lastIndexOf('.') + 1);
        Map<String, String> params = new LinkedHashMap<>();
        for (Object k : p.getParamsKeys()) {
            params.put((String) k, p.getParam((String) k));
        }
        Map<String, Result> secondary = new LinkedHashMap<>();
        r.getSecondaryResults().forEach((k, v) -> secondary.put(k.startsWith("\u00b7") ? k.substring(1) : k, v));
        Result alloc = secondary.get("gc.alloc.rate.norm");
        Result bits = secondary.get(KernelInfoProfiler.BITS);
        Integer vectorBits = bits == null ? null : (int) Math.round(bits.getScore());
        String impl = vectorBits == null ? method : vectorBits > 0 ? "vector" : "scalar";
        Result primary = r.getPrimaryResult();
        double ns = toNs(primary.getScore(), primary.getScoreUnit());
        double err = toNs(primary.getScoreError(), primary.getScoreUnit());
        Double throughput = ns > 0 ? Kernels.work(cls, params) : null;
        if (throughput != null) {
            throughput /= ns;
        }
        List<String> jvmArgs = new ArrayList<>();
        for (Object a : p.getJvmArgs()) {
            jvmArgs.add(String.valueOf(a));
        }
        return new Report.Row(cls, method, impl, vectorBits, params, p.getMode().shortLabel(), ns, err,
                alloc == null ? null : alloc.getScore(), throughput, jvmArgs);
    }

    private static double toNs(double v, String unit) {
        String u = unit.substring(0, unit.indexOf('/'));
        return switch (u) {
            case "ns" -> v;
            case "us" -> v * 1e3;
            case "ms" -> v * 1e6;
            case "s" -> v * 1e9;
            default -> throw new IllegalStateException("unexpected unit " + unit);
        };
    }
}
