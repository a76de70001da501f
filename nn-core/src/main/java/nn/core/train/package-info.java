/**
 * The training loop: settings, epochs, evaluation and the result of a run.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.core.train;

import org.jspecify.annotations.NullMarked;
