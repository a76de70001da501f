package nn.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * A safetensors file (Hugging Face's format, read by NumPy, PyTorch and the {@code safetensors} package): an
 * 8-byte little-endian header length, a UTF-8 JSON header mapping each tensor's name to its {@code dtype},
 * {@code shape} and {@code data_offsets} (plus an optional {@code __metadata__} map of strings), then the raw
 * little-endian, row-major data of every tensor, back to back.
 *
 * <p>{@link #read} applies the reference implementation's rules and refuses a file that breaks one with a
 * {@link SafeTensorsException} naming the file and the rule: the header at most 100,000,000 bytes and inside the
 * file, valid UTF-8 JSON, no name twice, each tensor's offsets contiguous with the previous one's and its size
 * what its dtype and shape make, and the last tensor ending exactly at the end of the file. nn reads {@code F64},
 * {@code F32}, {@code F16} and {@code BF16} (converting the last two) and writes {@code F64} and {@code F32}.
 */
public final class SafeTensors {

    /** The reference implementation's limit on the header, against files that would exhaust memory. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    /** The header's key for the string-to-string metadata map. */
    public static final String METADATA_KEY = "__metadata__";

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The element types nn reads; it writes the first two. */
    public enum ElementType {
        F64(8),
        F32(4),
        F16(2),
        BF16(2);

        private final int bytes;

        ElementType(int bytes) {
            this.bytes = bytes;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }

        static ElementType of(DType dtype) {
            return dtype == DType.FLOAT64 ? F64 : F32;
        }
    }

    /** One tensor of a file: its name, element type, shape and where its bytes lie in the data section. */
    public static final class Entry {
        private final String name;
        private final ElementType type;
        private final int[] shape;
        private final long start;
        private final long end;

        Entry(String name, ElementType type, int[] shape, long start, long end) {
            this.name = name;
            this.type = type;
            this.shape = shape.clone();
            this.start = start;
            this.end = end;
        }

        /** The tensor's name. */
        public String name() {
            return name;
        }

        /** Its element type as stored. */
        public ElementType type() {
            return type;
        }

        /** Its shape (a copy). */
        public int[] shape() {
            return shape.clone();
        }

        /** The number of elements. */
        public long size() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final Path file;
    private final Map<String, String> metadata;
    private final Map<String, Entry> entries;
    private final ByteBuffer data;

    private SafeTensors(Path file, Map<String, String> metadata, Map<String, Entry> entries, ByteBuffer data) {
        this.file = file;
        this.metadata = Collections.unmodifiableMap(metadata);
        this.entries = Collections.unmodifiableMap(entries);
        this.data = data;
    }

    /** The file's {@code __metadata__} (empty if it has none). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The names of the tensors, in the order of their data. */
    public Set<String> names() {
        return entries.keySet();
    }

    /** The tensor named {@code name}, as stored. */
    public Entry entry(String name) throws SafeTensorsException {
        Entry e = entries.get(name);
        if (e == null) {
            throw new SafeTensorsException(
                    file, "holds no tensor named " + name + " (it holds " + entries.keySet() + ")");
        }
        return e;
    }

    /** The values of tensor {@code name} as doubles (F32, F16 and BF16 widened exactly). */
    public double[] values(String name) throws SafeTensorsException {
        Entry e = entry(name);
        ByteBuffer bytes = slice(e);
        double[] values = new double[Math.toIntExact(e.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (e.type) {
                case F64 -> bytes.getDouble();
                case F32 -> bytes.getFloat();
                case F16 -> halfToFloat(bytes.getShort());
                case BF16 -> Float.intBitsToFloat((bytes.getShort() & 0xffff) << 16);
            };
        }
        return values;
    }

    /** The values of tensor {@code name} as floats (F64 rounded to nearest, the others exact). */
    public float[] floatValues(String name) throws SafeTensorsException {
        double[] d = values(name);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** Tensor {@code name} on {@code backend} in {@code dtype}, converted if it is stored in another type. */
    public Tensor tensor(String name, Backend backend, DType dtype) throws SafeTensorsException {
        Entry e = entry(name);
        return dtype == DType.FLOAT64
                ? backend.of(DType.FLOAT64, values(name), e.shape())
                : backend.of(floatValues(name), e.shape());
    }

    private ByteBuffer slice(Entry e) {
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position(Math.toIntExact(e.start));
        b.limit(Math.toIntExact(e.end));
        return b.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    // ---------------------------------------------------------------- reading

    /** Reads and validates a safetensors file; see the class comment for the rules. */
    public static SafeTensors read(Path file) throws IOException {
        long size = Files.size(file);
        if (size < 8) {
            throw new SafeTensorsException(
                    file, "is " + size + " bytes long, too short for a safetensors file (its header length takes 8)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, file);
            long headerLength = lengthBytes.flip().getLong();
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw new SafeTensorsException(
                        file,
                        "announces a header of " + Long.toUnsignedString(headerLength)
                                + " bytes, over the limit of 100,000,000: it is not a safetensors file, or damaged");
            }
            if (8 + headerLength > size) {
                throw new SafeTensorsException(
                        file,
                        "announces a header of " + headerLength + " bytes but is only " + size
                                + " bytes long: the file is truncated");
            }
            if (size - 8 - headerLength > Integer.MAX_VALUE) {
                throw new SafeTensorsException(file, "holds over 2 GB of tensor data; nn reads files up to 2 GB");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(channel, header, file);
            ByteBuffer data = ByteBuffer.allocate((int) (size - 8 - headerLength));
            readFully(channel, data, file);
            return parse(file, header.flip(), data.flip());
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new SafeTensorsException(file, "ended early while being read: the file is truncated");
            }
        }
    }

    private static SafeTensors parse(Path file, ByteBuffer headerBytes, ByteBuffer data) throws IOException {
        String header;
        try {
            header = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(headerBytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsException(file, "has a header that is not valid UTF-8");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        try (JsonParser p = JSON.createParser(header)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SafeTensorsException(file, "has a header that is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(METADATA_KEY)) {
                    readMetadata(file, p, metadata);
                } else {
                    entries.add(readEntry(file, name, p));
                }
            }
            if (p.nextToken() != null) {
                throw new SafeTensorsException(file, "has text after the header's JSON object");
            }
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message.startsWith("Duplicate field")) {
                throw new SafeTensorsException(file, "names a tensor twice in its header: " + message);
            }
            throw new SafeTensorsException(file, "has a header that is not valid JSON: " + message);
        }
        entries.sort(Comparator.comparingLong((Entry e) -> e.start).thenComparingLong(e -> e.end));
        Map<String, Entry> byName = new LinkedHashMap<>();
        long end = 0;
        for (Entry e : entries) {
            if (e.start != end || e.end < e.start) {
                throw new SafeTensorsException(
                        file,
                        "tensor " + e.name + " has data_offsets [" + e.start + ", " + e.end
                                + "], which do not start where the previous tensor ends (" + end
                                + "): tensors must lie back to back from 0");
            }
            long bytes = Math.multiplyExact(e.size(), e.type.bytes());
            if (e.end - e.start != bytes) {
                throw new SafeTensorsException(
                        file,
                        "tensor " + e.name + " has data_offsets [" + e.start + ", " + e.end + "] ("
                                + (e.end - e.start) + " bytes), but " + e.type + " " + Arrays.toString(e.shape)
                                + " takes " + bytes + " bytes");
            }
            byName.put(e.name, e);
            end = e.end;
        }
        if (end != data.remaining()) {
            throw new SafeTensorsException(
                    file,
                    "has " + data.remaining() + " bytes of tensor data, but its header accounts for " + end
                            + (end > data.remaining() ? ": the file is truncated" : ": it has bytes no tensor owns"));
        }
        return new SafeTensors(file, metadata, byName, data);
    }

    private static void readMetadata(Path file, JsonParser p, Map<String, String> metadata) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new SafeTensorsException(file, "has a " + METADATA_KEY + " that is not a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new SafeTensorsException(
                        file,
                        "has " + METADATA_KEY + " value " + key + " that is not a string (metadata maps strings)");
            }
            metadata.put(key, p.getText());
        }
    }

    private static Entry readEntry(Path file, String name, JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new SafeTensorsException(file, "describes tensor " + name + " with something other than an object");
        }
        @Nullable String dtype = null;
        long @Nullable [] shape = null;
        long @Nullable [] offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "dtype" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new SafeTensorsException(file, "tensor " + name + " has a dtype that is not a string");
                    }
                    dtype = p.getText();
                }
                case "shape" -> shape = readLongs(file, name, "shape", p);
                case "data_offsets" -> offsets = readLongs(file, name, "data_offsets", p);
                default -> p.skipChildren(); // unknown fields are ignored, as the reference does
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw new SafeTensorsException(
                    file,
                    "tensor " + name + " lacks "
                            + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
        }
        ElementType type;
        try {
            type = ElementType.valueOf(dtype);
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(
                    file, "tensor " + name + " has dtype " + dtype + "; nn reads F64, F32, F16 and BF16");
        }
        if (offsets.length != 2) {
            throw new SafeTensorsException(file, "tensor " + name + " has data_offsets that are not [begin, end]");
        }
        int[] dims = new int[shape.length];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw new SafeTensorsException(file, "tensor " + name + " has a dimension over 2^31: " + shape[i]);
            }
            dims[i] = (int) shape[i];
            elements = Math.multiplyExact(elements, Math.max(1, shape[i]));
            if (elements > Integer.MAX_VALUE) {
                throw new SafeTensorsException(file, "tensor " + name + " has over 2^31 elements");
            }
        }
        return new Entry(name, type, dims, offsets[0], offsets[1]);
    }

    private static long[] readLongs(Path file, String name, String field, JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new SafeTensorsException(file, "tensor " + name + " has a " + field + " that is not an array");
        }
        List<Long> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
                throw new SafeTensorsException(
                        file, "tensor " + name + " has a " + field + " that is not a list of non-negative integers");
            }
            values.add(p.getLongValue());
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** IEEE 754 half precision to float (exact: every half is a float). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) { // infinity or NaN
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) { // zero or subnormal: mantissa · 2^-24
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code tensors} (by name; float64 as F64, float32 as F32) and {@code metadata} to {@code file},
     * atomically: into a temporary file beside it, then moved over it, so a reader never sees half a file and a
     * failed write leaves the old file as it was.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        for (String name : tensors.keySet()) {
            if (name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("A tensor cannot be named " + METADATA_KEY);
            }
        }
        // The reference orders tensors by decreasing alignment, then by name.
        List<Map.Entry<String, Tensor>> ordered = new ArrayList<>(tensors.entrySet());
        ordered.sort(Comparator.comparingInt(
                        (Map.Entry<String, Tensor> e) -> -e.getValue().dtype().bytes())
                .thenComparing(Map.Entry::getKey));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(json)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(METADATA_KEY);
                for (Map.Entry<String, String> m : metadata.entrySet()) {
                    g.writeStringField(m.getKey(), m.getValue());
                }
                g.writeEndObject();
            }
            long offset = 0;
            for (Map.Entry<String, Tensor> e : ordered) {
                Tensor t = e.getValue();
                long bytes = (long) t.size() * t.dtype().bytes();
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("dtype", ElementType.of(t.dtype()).name());
                g.writeArrayFieldStart("shape");
                for (int d : t.shape()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(offset);
                g.writeNumber(offset + bytes);
                g.writeEndArray();
                g.writeEndObject();
                offset += bytes;
            }
            g.writeEndObject();
        }
        // The header is padded with spaces to a multiple of 8 bytes, as the reference writes it.
        int padded = (json.size() + 7) / 8 * 8;
        while (json.size() < padded) {
            json.write(' ');
        }
        Path target = file.toAbsolutePath();
        Path dir = Objects.requireNonNull(target.getParent(), "a file has a parent directory");
        // Not createTempFile, whose file is the owner's alone: the model gets the permissions of any new file.
        Path temporary = dir.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        Files.createFile(temporary);
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                length.putLong(json.size());
                out.write(length.array());
                json.writeTo(out);
                for (Map.Entry<String, Tensor> e : ordered) {
                    out.write(littleEndian(e.getValue()));
                }
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] littleEndian(Tensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.size() * t.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        if (t.dtype() == DType.FLOAT64) {
            b.asDoubleBuffer().put(t.toArray());
        } else {
            b.asFloatBuffer().put(t.toFloatArray());
        }
        return b.array();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SafeTensors[%s: %d tensors]", file, entries.size());
    }
}
