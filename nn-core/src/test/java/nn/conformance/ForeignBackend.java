package nn.conformance;

import nn.core.array.ArrayBackend;
import nn.core.array.ReferenceKernels;

/** A second backend instance, for checking that operations refuse to mix backends. */
final class ForeignBackend extends ArrayBackend {

    ForeignBackend() {
        super("foreign", "a backend that no operation may mix with another", new ReferenceKernels());
    }
}
