/**
 * The conformance kit: the tests every backend passes, for every dtype, against the reference backend.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.conformance;

import org.jspecify.annotations.NullMarked;
