/**
 * The safetensors format ({@link nn.safetensors.SafeTensors}), models saved in it with their architecture
 * ({@link nn.safetensors.ModelFile}) and training checkpoints ({@link nn.safetensors.Checkpoint}).
 *
 * <p>Every type here is null-marked: {@code null} is never a value unless a type says {@code @Nullable}.
 */
@NullMarked
package nn.safetensors;

import org.jspecify.annotations.NullMarked;
