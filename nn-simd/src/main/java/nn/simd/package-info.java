/**
 * The SIMD backend on the Java Vector API.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.simd;

import org.jspecify.annotations.NullMarked;
