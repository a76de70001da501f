package nn.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import picocli.CommandLine;

/** The {@code nn-examples} command line: {@code java --add-modules jdk.incubator.vector -jar nn-examples.jar <command>}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine(new NnModule()).execute(args));
    }

    /** The command line with its commands created by a Guice injector over {@code modules}. */
    public static CommandLine commandLine(Module... modules) {
        Injector injector = Guice.createInjector(modules);
        CommandLine commandLine =
                new CommandLine(NnCommand.class, new GuiceFactory(injector)).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // A user error (bad input, unknown backend) deserves its message, not a stack trace or Guice's dump.
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + userMessage(e)));
            return 1;
        });
        return commandLine;
    }

    /** The message of the error itself, beneath the wrappers Guice puts around what a provider threw. */
    static String userMessage(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof com.google.inject.ProvisionException
                        || cause instanceof com.google.inject.CreationException
                        || cause instanceof com.google.inject.ConfigurationException
                        || cause instanceof java.io.UncheckedIOException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.nio.file.FileSystemException fs) {
            // These carry only a path as their message; say what happened to it.
            String what = fs instanceof java.nio.file.AccessDeniedException
                    ? "permission denied"
                    : fs instanceof java.nio.file.NoSuchFileException
                            ? "no such file or directory"
                            : fs instanceof java.nio.file.NotDirectoryException
                                    ? "not a directory"
                                    : fs.getReason() != null
                                            ? fs.getReason()
                                            : fs.getClass().getSimpleName();
            return fs.getFile() + ": " + what + (fs.getOtherFile() == null ? "" : " (" + fs.getOtherFile() + ")");
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** Lets Guice create picocli's command objects, so that commands get their collaborators injected. */
    private static final class GuiceFactory implements CommandLine.IFactory {
        private final Injector injector;

        GuiceFactory(Injector injector) {
            this.injector = injector;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return injector.getInstance(type);
            } catch (com.google.inject.ConfigurationException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
