package nn.safetensors;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a valid safetensors file (or not a model nn can rebuild): the file and the broken rule. */
public final class SafeTensorsException extends IOException {

    private static final long serialVersionUID = 1L;

    /** {@code file} breaks the rule {@code problem} states (a sentence without the file's name). */
    public SafeTensorsException(Path file, String problem) {
        super(file + " " + problem);
    }
}
