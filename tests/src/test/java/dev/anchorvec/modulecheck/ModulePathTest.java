package dev.anchorvec.modulecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anchorvec.KernelInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kernels as a named JPMS module: {@code requires static jdk.incubator.vector} must let the module load
 * (and fall back to scalar code) when the incubator module is absent, and pick the vector code when present;
 * the internal packages stay unexported.
 */
class ModulePathTest {

    @Test
    void loadsWithoutTheIncubatorModuleAndFallsBackToScalar() throws Exception {
        List<String> out = probe(false);
        assertEquals(List.of("dev.anchorvec", "scalar", "0.33333334", "[0, 2]", "1 1", "internal exported: false"),
                out);
    }

    @Test
    void choosesVectorCodeWhenTheIncubatorModuleIsAdded() throws Exception {
        List<String> out = probe(true);
        assertEquals(List.of("dev.anchorvec", "vector", "0.33333334", "[0, 2]", "1 1", "internal exported: false"),
                out);
    }

    private static List<String> probe(boolean withVectorModule) throws Exception {
        Path kernels = Path.of(KernelInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path probeClasses = Path.of(ModuleProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "--module-path", kernels.toString()));
        cmd.add("--add-modules");
        cmd.add(withVectorModule ? "dev.anchorvec,jdk.incubator.vector" : "dev.anchorvec");
        cmd.addAll(List.of("-cp", probeClasses.toString(), ModuleProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe JVM did not finish: " + cmd);
        }
        assertEquals(0, p.exitValue(), () -> "probe failed: " + cmd + "\n" + stdout);
        return stdout.lines().toList();
    }
}
