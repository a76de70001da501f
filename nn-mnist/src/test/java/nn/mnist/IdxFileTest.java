package nn.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path dir;

    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void readsRawAndGzip() throws IOException {
        byte[] data = {1, 2, 3, 4, 5, 6};
        byte[] raw = idx(0x08, new int[] {3, 2}, data);
        for (Path file : new Path[] {write("a", raw), write("a.gz", gzip(raw))}) {
            IdxFile idx = IdxFile.read(file);
            assertThat(idx.dimensions()).containsExactly(3, 2);
            assertThat(idx.data()).containsExactly(data);
        }
    }

    @Test
    void wrongMagicNamesTheFile() throws IOException {
        Path file = write("images", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        assertThatThrownBy(() -> IdxFile.read(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not an IDX file");
    }

    @Test
    void wrongElementType() throws IOException {
        Path file = write("floats", idx(0x0D, new int[] {1}, new byte[4]));
        assertThatThrownBy(() -> IdxFile.read(file))
                .hasMessageContaining("floats")
                .hasMessageContaining("0x0d");
    }

    @Test
    void truncatedDataSaysHowMuchIsMissing() throws IOException {
        byte[] full = idx(0x08, new int[] {10, 28, 28}, new byte[7840]);
        Path file = write("short", Arrays.copyOf(full, full.length - 100));
        assertThatThrownBy(() -> IdxFile.read(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("short")
                .hasMessageContaining("truncated")
                .hasMessageContaining("7840")
                .hasMessageContaining("7740");
    }

    @Test
    void truncatedHeader() throws IOException {
        Path file = write("header", Arrays.copyOf(idx(0x08, new int[] {10, 28, 28}, new byte[0]), 9));
        assertThatThrownBy(() -> IdxFile.read(file))
                .hasMessageContaining("header")
                .hasMessageContaining("truncated");
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        byte[] raw = idx(0x08, new int[] {2}, new byte[] {1, 2});
        Path file = write("long", Arrays.copyOf(raw, raw.length + 3));
        assertThatThrownBy(() -> IdxFile.read(file))
                .hasMessageContaining("long")
                .hasMessageContaining("longer");
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] gz = gzip(idx(0x08, new int[] {1000}, new byte[1000]));
        Path file = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxFile.read(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("cut.gz");
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip(idx(0x08, new int[] {1000}, new byte[1000]));
        for (int i = 12; i < gz.length - 8; i++) {
            gz[i] ^= 0x5a;
        }
        Path file = write("bad.gz", gz);
        assertThatThrownBy(() -> IdxFile.read(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("bad.gz");
    }

    @Test
    void aHeaderThatAnnouncesFarMoreThanTheFileHoldsFailsWithoutAllocatingIt() throws IOException {
        // 2,000,000,000 bytes announced, 10 present: refused before (raw) or without (gzip) a 2 GB buffer.
        byte[] raw = idx(0x08, new int[] {2_000_000_000}, new byte[10]);
        for (Path file : new Path[] {write("liar", raw), write("liar.gz", gzip(raw))}) {
            assertThatThrownBy(() -> IdxFile.read(file))
                    .isInstanceOf(IdxFormatException.class)
                    .hasMessageContaining("2000000000")
                    .hasMessageContaining("only 10 follow");
        }
    }

    @Test
    void theChecksumOfTheContentIsComputedWhileReading() throws Exception {
        byte[] raw = idx(0x08, new int[] {3}, new byte[] {7, 8, 9});
        String expected = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(raw));
        assertThat(IdxFile.read(write("c", raw)).sha256()).isEqualTo(expected);
        assertThat(IdxFile.read(write("c.gz", gzip(raw))).sha256())
                .as("of the decompressed content")
                .isEqualTo(expected);
    }
}
