import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code java RunOnJdk25.java <java arguments...>}: runs {@code java <java arguments...>} on a JDK 25 or newer
 * and exits with its status. Maven runs on JDK 17 and a goal invoked alone ({@code exec:exec@conformance})
 * gets no toolchain, so exec starts this single-file program with Maven's own java; it finds a JDK the way
 * the toolchains plugin does: {@code JAVA25_HOME}, {@code JAVA_HOME}, its own JDK, then the usual install
 * directories (newest first). Kept to Java 17 source, since Maven's JDK compiles it.
 */
public class RunOnJdk25 {

    private static final int MIN_FEATURE = 25;
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    public static void main(String[] args) throws Exception {
        Path home = find().orElseThrow(() -> new IllegalStateException("no JDK " + MIN_FEATURE
                + "+ found; set JAVA25_HOME"));
        List<String> command = new ArrayList<>(List.of(launcher(home).toString()));
        command.addAll(List.of(args));
        System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
    }

    private static Optional<Path> find() {
        List<Path> preferred = new ArrayList<>();
        Stream.of(System.getenv("JAVA25_HOME"), System.getenv("JAVA_HOME"), System.getProperty("java.home"))
                .filter(s -> s != null && !s.isBlank()).forEach(s -> preferred.add(Path.of(s)));
        String user = System.getProperty("user.home");
        List<Path> installed = Stream.of("/usr/lib/jvm", "/usr/java", "/opt/java", user + "/.sdkman/candidates/java",
                        user + "/.jdks", "/Library/Java/JavaVirtualMachines", "C:\\Program Files\\Java",
                        "C:\\Program Files\\Eclipse Adoptium")
                .map(Path::of).filter(Files::isDirectory).flatMap(RunOnJdk25::children)
                .flatMap(p -> Stream.of(p, p.resolve("Contents/Home")))
                .sorted(Comparator.comparingInt(RunOnJdk25::feature).reversed()).toList();
        return Stream.concat(preferred.stream(), installed.stream()).filter(p -> feature(p) >= MIN_FEATURE)
                .findFirst();
    }

    private static Stream<Path> children(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList().stream();
        } catch (IOException e) {
            return Stream.empty(); // an unreadable install directory holds nothing we can run
        }
    }

    private static Path launcher(Path home) {
        Path exe = home.resolve("bin").resolve("java.exe");
        return Files.exists(exe) ? exe : home.resolve("bin").resolve("java");
    }

    /** The feature version in a JDK's {@code release} file, or 0 if it is not a JDK with a launcher. */
    private static int feature(Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() && Files.isExecutable(launcher(home)) ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
