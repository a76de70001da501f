package nn.examples;

import nn.api.DType;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code --dtype float64|float32} with {@link DType#parse}, whose error names both choices. */
final class DTypeConverter implements ITypeConverter<DType> {

    @Override
    public DType convert(String value) {
        return DType.parse(value);
    }
}
