package nn.simd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import nn.api.Availability;
import nn.api.Backend;
import nn.api.BackendProvider;
import org.jspecify.annotations.Nullable;

/**
 * The SIMD backend's provider. This class never touches {@code jdk.incubator.vector}, so loading it cannot
 * fail: {@link #availability()} first checks that the module is in the boot layer, that the VM is HotSpot
 * with the C2 compiler (without which vector code runs slower than scalar code), and only then loads
 * {@code VectorSupport} to ask for the preferred vector width, which must be at least 128 bits.
 */
public final class SimdBackendProvider implements BackendProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public SimdBackendProvider() {}

    /** The name users choose it by. */
    public static final String NAME = "simd";

    static final String MODULE = "jdk.incubator.vector";
    static final String ENABLE_HINT = "start java with --add-modules " + MODULE + " to enable it";

    private static final String SUPPORT_CLASS = "nn.simd.VectorSupport";

    private volatile @Nullable Availability availability;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            a = check(ModuleLayer.boot().findModule(MODULE).isPresent(), compilerProblem());
            availability = a;
        }
        return a;
    }

    /** The availability rules, given the facts; the vector width is asked for only when both pass. */
    static Availability check(boolean modulePresent, @Nullable String compilerProblem) {
        if (!modulePresent) {
            return Availability.unusable(
                    "the Vector API module " + MODULE + " is not in the boot layer; " + ENABLE_HINT);
        }
        if (compilerProblem != null) {
            return Availability.unusable(compilerProblem + "; vector code would run slower than the reference");
        }
        int bits = preferredBitSize();
        if (bits < 128) {
            return Availability.unusable("the preferred vector is " + bits + " bits wide; SIMD needs at least 128");
        }
        return Availability.usable(
                "Vector API, " + bits + "-bit vectors (" + bits / 64 + " float64 or " + bits / 32 + " float32 lanes)");
    }

    /** Why this VM cannot compile vector code well, or null when it can (HotSpot with C2). */
    static @Nullable String compilerProblem() {
        String vmName = System.getProperty("java.vm.name", "");
        String vmInfo = System.getProperty("java.vm.info", "");
        if (!vmName.contains("HotSpot") && !vmName.contains("OpenJDK")) {
            return "the VM is " + vmName + ", not HotSpot";
        }
        if (vmInfo.contains("interpreted mode")) {
            return "the VM runs in interpreted mode (-Xint)";
        }
        if (vmName.contains("Client") || vmInfo.contains("emulated-client")) {
            return "the VM has no C2 compiler (client VM)";
        }
        try {
            var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (hotspot != null) {
                if (Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue()) < 4) {
                    return "C2 is disabled (-XX:TieredStopAtLevel below 4)";
                }
                if (Boolean.parseBoolean(hotspot.getVMOption("UseJVMCICompiler").getValue())) {
                    return "the JIT is a JVMCI compiler, not C2";
                }
            }
        } catch (IllegalArgumentException | LinkageError e) {
            // An option this VM does not know is no evidence against C2.
        }
        return null;
    }

    private static int preferredBitSize() {
        return (Integer) callSupport("preferredBitSize", int.class);
    }

    /** Calls a static method of the implementation class, loading it (and the Vector API) on first use. */
    private static Object callSupport(String method, Class<?> returnType) {
        try {
            return MethodHandles.lookup()
                    .findStatic(Class.forName(SUPPORT_CLASS), method, MethodType.methodType(returnType))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot call " + SUPPORT_CLASS + "." + method + " of the SIMD backend", e);
        }
    }

    @Override
    public Backend create() {
        Availability a = availability();
        if (!a.usable()) {
            throw new IllegalStateException("The simd backend cannot run: " + a.reason());
        }
        // A bad -Dnn.threads fails here with its own message, not later inside the backend's class initialiser.
        nn.api.Threads.configured();
        return Holder.BACKEND;
    }

    /** One backend per JVM, created on first use. */
    private static final class Holder {
        static final Backend BACKEND = (Backend) callSupport("createBackend", Backend.class);
    }
}
