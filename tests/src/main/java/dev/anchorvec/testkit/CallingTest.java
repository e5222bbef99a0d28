package dev.anchorvec.testkit;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the JUnit test method on the current thread's stack, as {@code fully.qualified.Class#method}: the
 * {@code -Dtest=} value that selects it. The testkit is main code without JUnit on its compile path, so the
 * annotations are recognised by name (and one level of meta-annotation, for composed annotations).
 */
final class CallingTest {

    private static final Set<String> TEST_ANNOTATIONS = Set.of(
            "org.junit.jupiter.api.Test",
            "org.junit.jupiter.api.RepeatedTest",
            "org.junit.jupiter.api.TestFactory",
            "org.junit.jupiter.api.TestTemplate",
            "org.junit.jupiter.params.ParameterizedTest");

    private CallingTest() {}

    /** The innermost test method on the stack, if any. */
    static Optional<String> find() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(CallingTest::isTest).findFirst())
                .map(f -> f.getDeclaringClass().getName() + "#" + f.getMethodName());
    }

    private static boolean isTest(StackWalker.StackFrame frame) {
        Method m;
        try {
            m = frame.getDeclaringClass().getDeclaredMethod(frame.getMethodName(),
                    frame.getMethodType().parameterArray());
        } catch (NoSuchMethodException | SecurityException | TypeNotPresentException e) {
            return false; // a constructor, an initialiser or a class we may not inspect: not a test method
        }
        for (Annotation a : m.getAnnotations()) {
            if (TEST_ANNOTATIONS.contains(a.annotationType().getName())) {
                return true;
            }
            for (Annotation meta : a.annotationType().getAnnotations()) {
                if (TEST_ANNOTATIONS.contains(meta.annotationType().getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
