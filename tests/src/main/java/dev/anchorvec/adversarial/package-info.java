/**
 * anchorvec's adversarial suite harness: every public entry point, called with generated bad and extreme
 * arguments, must give a clear error or a documented finite answer, and nothing else (issue 13, item 4).
 *
 * <h2>What a call may do</h2>
 *
 * {@link dev.anchorvec.adversarial.AdversarialSuite} classifies every generated call as <b>ok</b> (returned; no
 * read-only argument written; finite inputs gave finite outputs; documented {@link dev.anchorvec.adversarial.Rule}s
 * hold; scalar and vector twins give the same bits), <b>clear error</b> ({@code IllegalArgumentException},
 * {@code NullPointerException} or {@code IllegalStateException} whose message names an argument, with nothing
 * written) or <b>defect</b> (anything else, including a call that runs past the time bound). The suite prints
 * {@code N calls, N ok, N clear errors, N defects} and fails listing every defect with the call's arguments.
 *
 * <h2>Covering a package (for the helpers who cover the other packages)</h2>
 *
 * <ol>
 *   <li>Create {@code tests/src/test/java/dev/anchorvec/<package>/<Package>AdversarialTest.java} in the package
 *       under test (so twins can reach the package-private scalar and vector kernels). The name must end in
 *       {@code AdversarialTest}: that is what the heap-limited surefire execution ({@code -Xmx256m}) selects.</li>
 *   <li>Describe each public entry point once, with a valid baseline for every argument, its role, and its
 *       attack:
 * <pre>{@code
 * EntryPoint.named("BoxIou.aligned(kind, a, b, from, to, out, outOffset)")
 *     .in("kind", () -> IouKind.GIOU, Attacks.enums(IouKind.class))
 *     .in("a", BoxAttacks.ordinaryBoxes(9, 1), BoxAttacks.boxes())
 *     .in("b", BoxAttacks.ordinaryBoxes(9, 2), BoxAttacks.boxes())
 *     .in("from", () -> 1, Attacks.ints())
 *     .in("to", () -> 8, Attacks.ints())
 *     .out("out", () -> Attacks.sentinelFloats(10), Attacks.shapes())
 *     .in("outOffset", () -> 2, Attacks.ints())
 *     .pair("from", "to")                                   // attacked together too: to - from overflows
 *     .call(x -> { BoxIou.aligned(x.get(0), x.get(1), x.get(2), x.get(3), x.get(4), x.get(5), x.get(6));
 *                  return null; })
 *     .twin("scalar", x -> ...)                             // same bits from the scalar kernels
 *     .twin("vector", x -> ...)                             // and from the vector kernels (see IouImpls)
 *     .rule((x, before, result) -> ...)                     // a documented answer, e.g. "never NaN"
 *     .build();
 * }</pre>
 *       Arguments are declared in call order; {@code in} is read-only, {@code out} is written on success,
 *       {@code inOut} is both. Baselines must make a call that succeeds (the suite checks it: a rejected
 *       baseline is a defect) and should be small, not aligned to vector widths (odd sizes, offsets), and fill
 *       outputs with {@link dev.anchorvec.adversarial.Attacks#sentinelFloats sentinels} so writes are seen.
 *       Outputs are automatically attacked with aliasing: each is replaced by the array of every other
 *       argument. An allocation size the caller asks for on purpose (a capacity) uses
 *       {@link dev.anchorvec.adversarial.Attacks#sizes(int)} with its documented limit; every other int gets
 *       {@link dev.anchorvec.adversarial.Attacks#ints()}, whose huge values must meet a documented limit before
 *       anything is allocated.</li>
 *   <li>Add them to an {@link dev.anchorvec.adversarial.AdversarialSuite}, {@code run()} it and call
 *       {@code assertNoDefects()} in a JUnit test; add a
 *       {@link dev.anchorvec.adversarial.Concurrency#assertSameResults} test for the package's shared objects and
 *       workspaces.</li>
 * </ol>
 *
 * <h2>Adding a generator</h2>
 *
 * An {@link dev.anchorvec.adversarial.Attack} is a lambda from a {@link dev.anchorvec.adversarial.Context} (the
 * baseline values of the call, their lengths) to {@link dev.anchorvec.adversarial.Variant}s, each a label and a
 * factory of fresh values ({@code Variant.of(label, supplier)}, {@code Variant.constant(label, value)}, or
 * {@code Variant.late(label, otherArgs -> ...)} for values built from the call's other arguments, like aliases).
 * Combine with {@link dev.anchorvec.adversarial.Attack#and}; put a reusable one in {@link
 * dev.anchorvec.adversarial.Attacks} (scalars and arrays), {@link dev.anchorvec.adversarial.BoxAttacks} or
 * {@link dev.anchorvec.adversarial.BufferAttacks}, or a new class beside them for a new argument type (and teach
 * {@code Values} to snapshot, copy and compare it).
 *
 * <h2>Running it</h2>
 *
 * <pre>
 * ./mvnw -B -pl tests -am verify -Dtest='*AdversarialTest' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * runs only the adversarial classes, in every surefire execution (three vector widths, scalar, and the
 * {@code -Xmx256m} one). Defects are listed in the failure and in {@code tests/target/adversarial/}.
 * {@code -Danchorvec.seed=} changes the random combinations, {@code -Danchorvec.adversarial.random=} their
 * number per entry point, {@code -Danchorvec.adversarial.timeoutMs=} the time bound per call.
 */
package dev.anchorvec.adversarial;
