/**
 * The command line: the book's examples, wired with Guice.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.examples;

import org.jspecify.annotations.NullMarked;
