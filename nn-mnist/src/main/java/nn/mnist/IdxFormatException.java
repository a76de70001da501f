package nn.mnist;

import java.io.IOException;

/** A data file that is truncated, corrupt or not in the expected format; the message names the file. */
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public IdxFormatException(String message) {
        super(message);
    }

    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
