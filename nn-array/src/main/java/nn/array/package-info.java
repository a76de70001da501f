/**
 * The engine of backends that keep tensors in Java arrays: one tensor class and its checks, kernels per dtype.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.array;

import org.jspecify.annotations.NullMarked;
