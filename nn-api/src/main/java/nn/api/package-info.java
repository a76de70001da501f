/**
 * The contracts of nn: {@link nn.api.Tensor}, {@link nn.api.Layer}, the backend SPI and backend selection.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.api;

import org.jspecify.annotations.NullMarked;
