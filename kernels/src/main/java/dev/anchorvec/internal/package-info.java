/**
 * Internal support shared by every package of anchorvec; NOT part of the API. The module descriptor does not
 * export this package, so code on the module path cannot use it, and nothing here is promised to stay.
 *
 * <ul>
 *   <li>{@link dev.anchorvec.internal.Args}: the one argument-checking helper of the library. Every public entry
 *       point validates through it before it allocates anything in proportion to an argument or writes into a
 *       caller's array, so every rejection is an {@link java.lang.IllegalArgumentException} (a
 *       {@link java.lang.NullPointerException} for null) whose message names the argument, the index and the
 *       limit.</li>
 *   <li>{@link dev.anchorvec.internal.WorkspaceGuard}: the "one call at a time" flag of a reusable workspace;
 *       overlapping use throws {@link java.lang.IllegalStateException}.</li>
 * </ul>
 */
package dev.anchorvec.internal;
