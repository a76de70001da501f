/**
 * Networks: layers in order with a loss, the two-layer net and the multi-layer nets of chapter 6.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.core.network;

import org.jspecify.annotations.NullMarked;
