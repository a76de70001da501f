package nn.mnist;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of the MNIST files, gzip-compressed or raw: a magic number ({@code 0, 0}, the element type,
 * the number of dimensions), each dimension as a big-endian int, then the elements. Only unsigned bytes
 * ({@code 0x08}) are read. A file whose header or length is wrong fails with an {@link IdxFormatException}
 * naming the file and the problem; nothing half-read is returned.
 *
 * <p>Sizes are checked before they are trusted: a header that announces more data than the file can hold fails
 * before any large allocation (a raw file's length is known; a gzip stream is read in pieces, never into a
 * buffer of the announced size). The SHA-256 of the decompressed content is computed while reading, so that a
 * data set can be recognised at no extra pass.
 *
 * <p>A class, not a record: a record would compare its arrays by identity.
 */
public final class IdxFile {

    private final int[] dimensions;
    private final byte[] data;
    private final String sha256;

    private IdxFile(int[] dimensions, byte[] data, String sha256) {
        this.dimensions = dimensions;
        this.data = data;
        this.sha256 = sha256;
    }

    /** The dimensions from the header (a copy). */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /** The elements, row-major: the file's own array, not a copy (it may hold 47 MB); do not modify it. */
    public byte[] data() {
        return data;
    }

    /** The SHA-256 of the whole decompressed file, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    /** The IDX type code of unsigned bytes. */
    static final int UNSIGNED_BYTE = 0x08;

    /** Reads an IDX file, decompressing it if it starts with the gzip magic number. */
    public static IdxFile read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                return read(in, file.toString(), gzip ? -1 : Files.size(file));
            } catch (ZipException e) {
                throw new IdxFormatException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
            } catch (EOFException e) {
                throw new IdxFormatException(file + ": the gzip stream ends early; the file is truncated", e);
            }
        }
    }

    /** Reads an IDX stream; {@code name} appears in every error. */
    public static IdxFile read(InputStream in, String name) throws IOException {
        return read(in, name, -1);
    }

    /** Reads an IDX stream of {@code length} bytes (-1 when unknown); {@code name} appears in every error. */
    private static IdxFile read(InputStream stream, String name, long length) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
        DataInputStream data = new DataInputStream(new DigestInputStream(stream, sha256));
        byte[] magic = new byte[4];
        if (data.readNBytes(magic, 0, 4) < 4) {
            throw new IdxFormatException(name + ": too short for an IDX header (under 4 bytes)");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(name + ": not an IDX file (magic number starts "
                    + String.format("0x%02x%02x", magic[0], magic[1]) + ", not 0x0000)");
        }
        if (magic[2] != UNSIGNED_BYTE) {
            throw new IdxFormatException(
                    name + ": element type " + String.format("0x%02x", magic[2]) + " is not unsigned byte (0x08)");
        }
        int rank = magic[3] & 0xff;
        if (rank < 1 || rank > 4) {
            throw new IdxFormatException(name + ": " + rank + " dimensions in the header; expected 1 to 4");
        }
        int[] dims = new int[rank];
        long size = 1;
        byte[] dimBytes = new byte[4 * rank];
        if (data.readNBytes(dimBytes, 0, dimBytes.length) < dimBytes.length) {
            throw new IdxFormatException(name + ": truncated in the header (" + rank + " dimensions announced)");
        }
        for (int i = 0; i < rank; i++) {
            dims[i] = ((dimBytes[4 * i] & 0xff) << 24)
                    | ((dimBytes[4 * i + 1] & 0xff) << 16)
                    | ((dimBytes[4 * i + 2] & 0xff) << 8)
                    | (dimBytes[4 * i + 3] & 0xff);
            if (dims[i] < 0) {
                throw new IdxFormatException(name + ": negative dimension " + dims[i] + " in the header");
            }
            size *= dims[i];
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IdxFormatException(name + ": dimensions " + Arrays.toString(dims) + " are too large");
        }
        long header = 4 + 4L * rank;
        if (length >= 0 && length - header < size) {
            throw new IdxFormatException(name + ": truncated: the header " + Arrays.toString(dims) + " announces "
                    + size + " bytes of data, but only " + (length - header) + " follow");
        }
        // Read in pieces: a header that lies about the size costs no more memory than the file holds.
        byte[] elements = data.readNBytes((int) size);
        int read = elements.length;
        if (read < size) {
            throw new IdxFormatException(name + ": truncated: the header " + Arrays.toString(dims) + " announces "
                    + size + " bytes of data, but only " + read + " follow");
        }
        if (data.read() != -1) {
            throw new IdxFormatException(name + ": longer than its header " + Arrays.toString(dims) + " announces ("
                    + size + " bytes of data)");
        }
        return new IdxFile(dims, elements, HexFormat.of().formatHex(sha256.digest()));
    }
}
