/**
 * MNIST: the IDX reader, the data set and its verified download.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.mnist;

import org.jspecify.annotations.NullMarked;
