package dev.anchorvec.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code machine} object of the report: CPU model and the flags that matter for vectors, cores, OS, JDK. Read
 * from /proc/cpuinfo on Linux, from {@code sysctl} on macOS; elsewhere the model is {@code os.arch}.
 */
final class MachineInfo {

    /** The x86 flags reported (in this order) when present. */
    static final List<String> X86_FLAGS = List.of("avx2", "avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl",
            "avx512_fp16", "fma");

    private MachineInfo() {}

    static Map<String, Object> collect() {
        List<String> cpuinfo;
        try {
            cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            cpuinfo = List.of();
        }
        Map<String, Object> m = collect(cpuinfo);
        if (cpuinfo.isEmpty() && System.getProperty("os.name", "").startsWith("Mac")) {
            fromSysctl(m, run("sysctl", "machdep.cpu.brand_string", "hw.optional"));
        }
        return m;
    }

    /**
     * macOS has no /proc/cpuinfo: {@code sysctl machdep.cpu.brand_string hw.optional} gives the model ("Apple M2")
     * and the features ({@code hw.optional.neon: 1}, {@code hw.optional.avx512f: 1}, ...).
     */
    static void fromSysctl(Map<String, Object> m, List<String> sysctl) {
        String brand = field(sysctl, "machdep.cpu.brand_string");
        if (brand != null) {
            m.put("cpu_model", brand);
        }
        Set<String> on = new java.util.HashSet<>();
        for (String line : sysctl) {
            int colon = line.indexOf(':');
            if (line.startsWith("hw.optional.") && colon > 0 && line.substring(colon + 1).trim().equals("1")) {
                on.add(line.substring("hw.optional.".length(), colon).trim().toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<String> flags = new ArrayList<>();
        for (String f : X86_FLAGS) {
            // Intel Macs name AVX2 "avx2_0" and FMA "fma"; the AVX-512 keys are the cpuinfo names.
            if (on.contains(f) || on.contains(f + "_0")) {
                flags.add(f);
            }
        }
        if (on.contains("neon") || on.contains("advsimd")) {
            flags.add("neon");
        }
        if (on.contains("arm.feat_sve") || on.contains("sve")) {
            flags.add("sve");
        }
        if (!flags.isEmpty()) {
            m.put("cpu_flags", flags);
        }
    }

    /** A command's standard output lines, or none if it cannot run (the report never fails for this). */
    private static List<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().toList();
            return p.waitFor() == 0 ? out : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    static Map<String, Object> collect(List<String> cpuinfo) {
        Map<String, Object> m = new LinkedHashMap<>();
        String arch = System.getProperty("os.arch");
        String model = field(cpuinfo, "model name");
        if (model == null) {
            String part = field(cpuinfo, "CPU part");
            model = part == null ? arch : "CPU part " + part + " (implementer " + field(cpuinfo, "CPU implementer")
                    + ")";
        }
        m.put("cpu_model", model);
        m.put("cpu_id", cpuId(cpuinfo));
        m.put("cpu_flags", flags(cpuinfo));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch);
        m.put("jdk_vendor", System.getProperty("java.vendor"));
        m.put("jdk_version", System.getProperty("java.runtime.version", System.getProperty("java.version")));
        m.put("vm_name", System.getProperty("java.vm.name"));
        return m;
    }

    /**
     * What tells CPUs with the same marketing name apart (a cloud "AMD EPYC" may be any generation): x86
     * {@code vendor_id family F model M stepping S}; aarch64 {@code implementer I part P variant V revision R};
     * null when /proc/cpuinfo does not say.
     */
    static String cpuId(List<String> cpuinfo) {
        String vendor = field(cpuinfo, "vendor_id");
        if (vendor != null) {
            return vendor + " family " + field(cpuinfo, "cpu family") + " model " + field(cpuinfo, "model")
                    + " stepping " + field(cpuinfo, "stepping");
        }
        String part = field(cpuinfo, "CPU part");
        return part == null ? null : "implementer " + field(cpuinfo, "CPU implementer") + " part " + part
                + " variant " + field(cpuinfo, "CPU variant") + " revision " + field(cpuinfo, "CPU revision");
    }

    /** The vector-relevant subset of the CPU flags: x86 {@link #X86_FLAGS}; aarch64 {@code neon}, {@code sve}. */
    static List<String> flags(List<String> cpuinfo) {
        List<String> out = new ArrayList<>();
        String x86 = field(cpuinfo, "flags");
        if (x86 != null) {
            Set<String> have = Set.copyOf(Arrays.asList(x86.trim().split("\\s+")));
            for (String f : X86_FLAGS) {
                if (have.contains(f)) {
                    out.add(f);
                }
            }
        }
        String arm = field(cpuinfo, "Features");
        if (arm != null) {
            Set<String> have = Set.copyOf(Arrays.asList(arm.trim().split("\\s+")));
            if (have.contains("asimd")) {
                out.add("neon");
            }
            if (have.contains("sve")) {
                out.add("sve");
            }
            if (have.contains("sve2")) {
                out.add("sve2");
            }
        }
        return out;
    }

    private static String field(List<String> cpuinfo, String name) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
