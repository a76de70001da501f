/**
 * The SIMD backend on the Vector API. The incubator module is optional ({@code requires static}): without
 * {@code --add-modules jdk.incubator.vector} the provider reports itself unusable, with that hint, and the
 * reference backend is chosen.
 */
module nn.simd {
    requires static transitive org.jspecify;
    requires transitive nn.array;
    requires static jdk.incubator.vector;
    requires java.management;
    requires jdk.management;

    exports nn.simd;

    provides nn.api.BackendProvider with
            nn.simd.SimdBackendProvider;
}
