/**
 * The book's layers, each a forward and a backward written as its formulas.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.core.layers;

import org.jspecify.annotations.NullMarked;
