package nn.api;

/**
 * The number of threads backends may use: the system property {@value #PROPERTY}, else every available
 * processor. Read here and nowhere else, so that every backend, report and listing agrees on it.
 */
public final class Threads {

    /** The system property that sets the number of threads. */
    public static final String PROPERTY = "nn.threads";

    private Threads() {}

    /**
     * The configured number of threads, at least 1; a value that is not a positive whole number is an
     * {@link IllegalArgumentException} that names it and the fix.
     */
    public static int configured() {
        int available = Runtime.getRuntime().availableProcessors();
        int threads = parse(System.getProperty(PROPERTY), available);
        if (threads > available && !warned) {
            warned = true;
            System.getLogger(Threads.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "-D" + PROPERTY + "=" + threads + " is more than the " + available
                                    + " available processors; the extra threads only wait");
        }
        return threads;
    }

    private static volatile boolean warned;

    /** {@code value} as a thread count, or {@code available} when it is unset. */
    static int parse(String value, int available) {
        if (value == null || value.isBlank()) {
            return available;
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "-D" + PROPERTY + "=" + value + " is not a positive number of threads; use a "
                        + "whole number from 1 to " + available + " (the available processors), or leave it unset");
    }
}
