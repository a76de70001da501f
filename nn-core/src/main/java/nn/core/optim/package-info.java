/**
 * The optimizers of chapter 6: SGD, Momentum, Nesterov, AdaGrad, RMSprop and Adam.
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.core.optim;

import org.jspecify.annotations.NullMarked;
