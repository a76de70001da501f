/**
 * The reference backend: plain loops, the correctness oracle.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.reference;

import org.jspecify.annotations.NullMarked;
