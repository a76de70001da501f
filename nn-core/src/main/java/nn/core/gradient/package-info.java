/**
 * Numerical gradients and the gradient check of chapter 4 and 5.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.core.gradient;

import org.jspecify.annotations.NullMarked;
