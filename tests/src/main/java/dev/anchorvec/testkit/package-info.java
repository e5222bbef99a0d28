/**
 * anchorvec's seeded property-test harness: plain Java on top of JUnit 5 (no jqwik), reusable by every kernel.
 *
 * <ul>
 *   <li>{@link dev.anchorvec.testkit.Prop} runs a property over generated cases, shrinks a failing case and
 *       reports how to repeat it: a {@link dev.anchorvec.testkit.RepeatHint} with the surefire execution
 *       ({@link dev.anchorvec.testkit.TestFork}), the base seed and trial, and commands for a warm, a cold and a
 *       whole-fork replay; {@code -Danchorvec.trials=} scales the trial counts.</li>
 *   <li>{@link dev.anchorvec.testkit.Gen} is a generator plus shrinker; {@link dev.anchorvec.testkit.Shrink}
 *       has the building blocks (list removals, simpler floats).</li>
 *   <li>{@link dev.anchorvec.testkit.Sizes} draws sizes at vector lane edges;
 *       {@link dev.anchorvec.testkit.BoxGen} draws {@link dev.anchorvec.testkit.BoxList}s and
 *       {@link dev.anchorvec.testkit.BoxPair}s in every {@link dev.anchorvec.testkit.BoxStyle};
 *       {@link dev.anchorvec.testkit.Layout} places them in arrays with offsets and padding.</li>
 *   <li>{@link dev.anchorvec.testkit.FloatChecks} compares float arrays bit for bit or in ulps.</li>
 * </ul>
 *
 * <pre>{@code
 * record Case(BoxPair sets, Layout layout) {}
 * Gen<Case> cases = Gen.zip(BoxGen.finite().twoSets(Sizes.laneEdges(), Sizes.small()), Layout.gen(),
 *         Case::new, Case::sets, Case::layout);
 * Prop.forAll("iou.pairwise", 100, cases, c -> {
 *     float[] expected = ReferenceIou.matrix(IouKind.IOU, c.sets().a().toXyxy(), c.sets().b().toXyxy());
 *     float[] actual = BoxIou.pairwise(IouKind.IOU, c.sets().a().toBoxes(c.layout()), c.sets().b().toBoxes());
 *     FloatChecks.assertSameBits("IoU", expected, actual);
 * });
 * }</pre>
 */
package dev.anchorvec.testkit;
