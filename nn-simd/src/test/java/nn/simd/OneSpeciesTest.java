package nn.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernels of a dtype keep to one vector shape: every species and mask they hold in a constant has the shape of
 * {@link VectorWidth}'s. A second shape of the same element type once made the Vector API's shared methods see two
 * classes, and C2 then ran out of its trap budget compiling the 4×7 tile, whose stores kept their sums as objects.
 */
class OneSpeciesTest {

    @ParameterizedTest
    @ValueSource(classes = {Float64VectorKernels.class, Float32VectorKernels.class})
    void everyConstantSpeciesAndMaskHasTheKernelsShape(Class<?> kernels) throws IllegalAccessException {
        int checked = 0;
        for (Field field : kernels.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            Object value = field.get(null);
            VectorSpecies<?> species = value instanceof VectorSpecies<?> s
                    ? s
                    : value instanceof VectorMask<?> m ? m.vectorSpecies() : null;
            if (species != null) {
                assertThat(species.vectorBitSize()).as(field.getName()).isEqualTo(VectorWidth.BITS);
                checked++;
            }
        }
        assertThat(checked).as("constant species and masks found").isGreaterThanOrEqualTo(3);
    }
}
