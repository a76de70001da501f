package nn.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Tensor;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    private final Backend backend = new ReferenceBackendProvider().create();

    @TempDir
    Path dir;

    /** A file made by hand: the header text, then the data bytes, the length prefix computed. */
    private Path file(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length)
                .array());
        out.write(h);
        out.write(data);
        Path f = Files.createTempFile(dir, "t", ".safetensors");
        Files.write(f, out.toByteArray());
        return f;
    }

    private static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        return b.array();
    }

    @Test
    void float64AndFloat32TensorsAndMetadataSurviveARoundTrip() throws IOException {
        Tensor a = backend.of(DType.FLOAT64, new double[] {1.5, -2.25, Math.PI, 1e-300, 7, 8}, 2, 3);
        Tensor b = backend.of(new float[] {0.1f, -3f, Float.MIN_VALUE}, 3);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", a);
        tensors.put("b", b);
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, tensors, Map.of("who", "nn", "é", "ü"));

        SafeTensors read = SafeTensors.read(f);
        assertThat(read.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("who", "nn", "é", "ü"));
        assertThat(read.names()).containsExactly("a", "b"); // 8-byte elements first, as the reference orders
        assertThat(read.entry("a").type()).isEqualTo(SafeTensors.ElementType.F64);
        assertThat(read.entry("a").shape()).containsExactly(2, 3);
        assertThat(read.values("a")).containsExactly(a.toArray());
        assertThat(read.entry("b").type()).isEqualTo(SafeTensors.ElementType.F32);
        assertThat(read.floatValues("b")).containsExactly(b.toFloatArray());
        Tensor back = read.tensor("a", backend, DType.FLOAT64);
        assertThat(back.shape()).containsExactly(2, 3);
        assertThat(back.toArray()).containsExactly(a.toArray());
        // The header is padded to a multiple of 8 bytes.
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        assertThat(headerLength % 8).isZero();
    }

    @Test
    void float16AndBfloat16AreReadAndWidened() throws IOException {
        // F16: 1.0 = 0x3c00, -2.0 = 0xc000, 65504 = 0x7bff, smallest subnormal 2^-24 = 0x0001.
        // BF16: 1.0 = 0x3f80, -0.5 = 0xbf00.
        ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0x3c00)
                .putShort((short) 0xc000)
                .putShort((short) 0x7bff)
                .putShort((short) 0x0001);
        data.putShort((short) 0x3f80).putShort((short) 0xbf00);
        Path f = file(
                "{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
                        + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]}}",
                data.array());
        SafeTensors read = SafeTensors.read(f);
        assertThat(read.values("h")).containsExactly(1.0, -2.0, 65504.0, Math.scalb(1.0, -24));
        assertThat(read.values("bf")).containsExactly(1.0, -0.5);
        assertThat(read.tensor("h", backend, DType.FLOAT32).toFloatArray())
                .containsExactly(1f, -2f, 65504f, Math.scalb(1f, -24));
    }

    @Test
    void writingReplacesAFileAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("m.safetensors");
        Files.writeString(f, "old");
        SafeTensors.write(f, Map.of("x", backend.of(new double[] {1, 2}, 2)), Map.of());
        assertThat(SafeTensors.read(f).values("x")).containsExactly(1, 2);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void aWrittenFileHasThePermissionsOfAnyNewFile() throws IOException {
        java.nio.file.FileStore store = Files.getFileStore(dir);
        org.junit.jupiter.api.Assumptions.assumeTrue(store.supportsFileAttributeView("posix"), "a POSIX file system");
        Path plain = Files.createFile(dir.resolve("plain"));
        Path model = dir.resolve("m.safetensors");
        SafeTensors.write(model, Map.of("x", backend.of(new double[] {1}, 1)), Map.of());
        assertThat(Files.getPosixFilePermissions(model)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    // ---------------------------------------------------------------- files refused, each with its rule

    private void assertRefused(Path f, String... words) {
        assertThatThrownBy(() -> SafeTensors.read(f))
                .isInstanceOf(SafeTensorsException.class)
                .hasMessageStartingWith(f.toString())
                .hasMessageContainingAll(words);
    }

    @Test
    void aFileShorterThanItsLengthPrefixIsRefused() throws IOException {
        Path f = dir.resolve("short.safetensors");
        Files.write(f, new byte[] {1, 2, 3});
        assertRefused(f, "too short");
    }

    @Test
    void aHeaderOverTheLimitIsRefusedWithoutReadingIt() throws IOException {
        Path f = dir.resolve("huge.safetensors");
        Files.write(
                f,
                ByteBuffer.allocate(16)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(200_000_000L)
                        .array());
        assertRefused(f, "200000000", "over the limit");
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path whole = file("{\"x\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", doubles(1, 2));
        byte[] bytes = Files.readAllBytes(whole);
        Path cutInData = dir.resolve("data.safetensors");
        Files.write(cutInData, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        assertRefused(cutInData, "truncated");
        Path cutInHeader = dir.resolve("header.safetensors");
        Files.write(cutInHeader, java.util.Arrays.copyOf(bytes, 20));
        assertRefused(cutInHeader, "truncated");
    }

    @Test
    void bytesNoTensorOwnsAreRefused() throws IOException {
        assertRefused(
                file("{\"x\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", doubles(1, 2)),
                "no tensor owns");
    }

    @Test
    void offsetsThatLeaveAGapOrOverlapAreRefused() throws IOException {
        assertRefused(
                file(
                        "{\"x\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                                + "\"y\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}}",
                        doubles(1, 2, 3)),
                "tensor y",
                "back to back");
        assertRefused(
                file("{\"x\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", doubles(1, 2)), "tensor x");
    }

    @Test
    void aShapeThatDisagreesWithTheOffsetsIsRefused() throws IOException {
        assertRefused(
                file("{\"x\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,16]}}", doubles(1, 2)),
                "tensor x",
                "24 bytes");
    }

    @Test
    void aNameTwiceIsRefused() throws IOException {
        assertRefused(
                file(
                        "{\"x\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                                + "\"x\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}",
                        doubles(1, 2)),
                "twice",
                "x");
    }

    @Test
    void malformedHeadersAreRefused() throws IOException {
        assertRefused(file("{\"x\": {\"dtype\": ", new byte[0]), "not valid JSON");
        assertRefused(file("[1, 2]", new byte[0]), "not a JSON object");
        assertRefused(file("{\"x\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", doubles(1)), "I64");
        assertRefused(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[1]}}", new byte[0]), "lacks data_offsets");
        assertRefused(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}", doubles(1)), "shape");
        assertRefused(file("{\"__metadata__\":{\"k\":1}}", new byte[0]), "not a string");
        Path notUtf8 = dir.resolve("latin1.safetensors");
        byte[] header = {'{', '"', (byte) 0xe9, '"', ':', '1', '}'};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length)
                .array());
        out.write(header);
        Files.write(notUtf8, out.toByteArray());
        assertRefused(notUtf8, "UTF-8");
    }

    @Test
    void anEmptyFileOfNoTensorsIsValid() throws IOException {
        SafeTensors read = SafeTensors.read(file("{}", new byte[0]));
        assertThat(read.names()).isEmpty();
        assertThat(read.metadata()).isEmpty();
    }
}
