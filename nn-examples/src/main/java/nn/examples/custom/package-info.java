/**
 * Layers written outside nn-core against nn-api alone: how to extend nn.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.examples.custom;

import org.jspecify.annotations.NullMarked;
