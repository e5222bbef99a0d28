package dev.anchorvec.tools.fit;

import dev.anchorvec.anchors.fit.AnchorEvolution;
import dev.anchorvec.anchors.fit.AnchorMetrics;
import dev.anchorvec.anchors.fit.KMeansAnchors;
import dev.anchorvec.tools.UsageException;
import dev.anchorvec.tools.data.DatasetSource;
import dev.anchorvec.tools.data.DatasetSource.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code anchorvec fit}, parsed and checked.
 *
 * @param source      the dataset
 * @param k           number of anchors
 * @param img         training image size, pixels
 * @param levels      feature levels the anchors are split into (must divide k; default 3, or 1 when 3 does
 *                    not divide k)
 * @param update      k-means centroid update
 * @param restarts    k-means runs from different seeds, the best kept
 * @param generations evolution generations
 * @param fitness     evolution fitness
 * @param thr         ratio threshold of BPR, AAT and YOLOv5's fitness
 * @param minSide     boxes with a side under this (pixels, after scaling) are dropped
 * @param seed        seed of k-means and evolution
 * @param json        JSON report to write, or null
 * @param svg         SVG figure to write, or null
 * @param quiet       no progress line
 */
public record FitOptions(DatasetSource source, int k, int img, int levels, KMeansAnchors.Update update,
                         int restarts, int generations, AnchorEvolution.Fitness fitness, double thr, float minSide,
                         long seed, Path json, Path svg, boolean quiet) {

    private static final Set<String> FLAGS = Set.of("--quiet", "--include-crowd");
    private static final Set<String> VALUED = Set.of("--coco", "--yolo", "--images", "--voc", "--csv", "--k",
            "--img", "--levels", "--update", "--restarts", "--generations", "--fitness", "--thr", "--min-side",
            "--seed", "--json", "--svg");

    /** The command-line name of a fitness. */
    public static String fitnessId(AnchorEvolution.Fitness f) {
        return switch (f) {
            case BPR_THEN_YOLOV5 -> "bpr";
            case YOLOV5 -> "yolov5";
            case MEAN_IOU -> "iou";
        };
    }

    /**
     * Parses the arguments after {@code fit}; options take their value as the next argument or after {@code =}.
     *
     * @throws UsageException naming the offending argument
     */
    public static FitOptions parse(List<String> args) throws UsageException {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a, value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                value = "";
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else {
                throw new UsageException(a.startsWith("-") ? "unknown option " + name : "unexpected argument '"
                        + a + "'");
            }
            if (given.put(name, value) != null) {
                throw new UsageException(name + " given twice");
            }
        }
        DatasetSource source = source(given);
        int k = integer(given, "--k", null, 1, 10_000);
        int img = integer(given, "--img", null, 1, 1 << 16);
        int levels = integer(given, "--levels", k % 3 == 0 ? 3 : 1, 1, k);
        if (k % levels != 0) {
            throw new UsageException("--levels " + levels + " must divide --k " + k);
        }
        KMeansAnchors.Update update = switch (given.getOrDefault("--update", "mean").toLowerCase(Locale.ROOT)) {
            case "mean" -> KMeansAnchors.Update.MEAN;
            case "median" -> KMeansAnchors.Update.MEDIAN;
            default -> throw new UsageException("--update must be mean or median, got '" + given.get("--update")
                    + "'");
        };
        int restarts = integer(given, "--restarts", KMeansAnchors.Options.of(1).restarts(), 1, 1000);
        int generations = integer(given, "--generations", 1000, 0, 10_000_000);
        AnchorEvolution.Fitness fitness = switch (given.getOrDefault("--fitness", "bpr").toLowerCase(Locale.ROOT)) {
            case "bpr" -> AnchorEvolution.Fitness.BPR_THEN_YOLOV5;
            case "yolov5" -> AnchorEvolution.Fitness.YOLOV5;
            case "iou" -> AnchorEvolution.Fitness.MEAN_IOU;
            default -> throw new UsageException("--fitness must be bpr, yolov5 or iou, got '"
                    + given.get("--fitness") + "'");
        };
        double thr = decimal(given, "--thr", AnchorMetrics.DEFAULT_THRESHOLD);
        if (!(thr > 1 && thr < 1e6)) {
            throw new UsageException("--thr must be > 1, got " + given.get("--thr"));
        }
        double minSide = decimal(given, "--min-side", 2);
        if (!(minSide >= 0 && minSide <= img)) {
            throw new UsageException("--min-side must be in [0, img], got " + given.get("--min-side"));
        }
        long seed;
        try {
            seed = Long.parseLong(given.getOrDefault("--seed", "0"));
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be an integer, got '" + given.get("--seed") + "'");
        }
        Path json = output(given, "--json"), svg = output(given, "--svg");
        distinct(source, json, svg);
        return new FitOptions(source, k, img, levels, update, restarts, generations, fitness, thr, (float) minSide,
                seed, json, svg, given.containsKey("--quiet"));
    }

    private static DatasetSource source(Map<String, String> given) throws UsageException {
        List<String> named = given.keySet().stream()
                .filter(n -> n.equals("--coco") || n.equals("--yolo") || n.equals("--voc") || n.equals("--csv"))
                .toList();
        if (named.size() != 1) {
            throw new UsageException(named.isEmpty() ? "a dataset is needed: --coco FILE, --yolo DIR, --voc DIR"
                    + " or --csv FILE" : "one dataset at a time, got " + String.join(" and ", named));
        }
        Format format = Format.valueOf(named.getFirst().substring(2).toUpperCase(Locale.ROOT));
        Path images = null;
        if (given.containsKey("--images")) {
            if (format != Format.YOLO) {
                throw new UsageException("--images goes with --yolo");
            }
            images = path(given, "--images");
        }
        boolean crowd = given.containsKey("--include-crowd");
        if (crowd && format != Format.COCO) {
            throw new UsageException("--include-crowd goes with --coco");
        }
        return new DatasetSource(format, path(given, named.getFirst()), images, crowd);
    }

    private static String nonEmpty(Map<String, String> given, String name) throws UsageException {
        String v = given.get(name);
        if (v.isBlank()) {
            throw new UsageException(name + " needs a non-empty value");
        }
        return v;
    }

    private static int integer(Map<String, String> given, String name, Integer fallback, int min, int max)
            throws UsageException {
        String v = given.get(name);
        if (v == null) {
            if (fallback == null) {
                throw new UsageException(name + " is required");
            }
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be an integer, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(name + " must be in [" + min + ", " + max + "], got " + n);
        }
        return n;
    }

    private static double decimal(Map<String, String> given, String name, double fallback) throws UsageException {
        String v = given.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(name + " must be a number, got '" + v + "'");
    }

    /**
     * An output path, parsed only: whether it can be written is checked by {@link FitCommand} before the fit
     * ({@code OutputCheck}), and reported with exit status 1 like any output that cannot be written.
     */
    private static Path output(Map<String, String> given, String name) throws UsageException {
        return given.containsKey(name) ? path(given, name) : null;
    }

    /** The value of {@code name} as a path; a value that is no path at all (a NUL character) is a usage error. */
    private static Path path(Map<String, String> given, String name) throws UsageException {
        String v = nonEmpty(given, name);
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new UsageException(name + " is not a valid path: " + e.getReason() + ": '"
                    + v.replace("\0", "\\0") + "'");
        }
    }

    /**
     * The outputs must differ from each other and from the dataset file: writing the report over the COCO or
     * CSV file it was computed from would destroy the input.
     */
    private static void distinct(DatasetSource source, Path json, Path svg) throws UsageException {
        if (json != null && svg != null && sameFile(json, svg)) {
            throw new UsageException("--json and --svg name the same file " + json);
        }
        String input = "--" + source.format().id();
        for (Path out : new Path[] {json, svg}) {
            if (out != null && (source.format() == Format.COCO || source.format() == Format.CSV)
                    && sameFile(out, source.path())) {
                throw new UsageException((out == json ? "--json " : "--svg ") + out + " is the " + input
                        + " input file; it would be overwritten");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;   // one of them cannot be inspected: the check before the fit reports it
        }
    }
}
