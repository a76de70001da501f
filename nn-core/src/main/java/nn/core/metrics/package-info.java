/**
 * Accuracy and confusion matrices.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.core.metrics;

import org.jspecify.annotations.NullMarked;
