package nn.conformance;

import nn.api.Backend;
import nn.reference.ReferenceBackendProvider;

/** The conformance kit on the reference backend itself: its hand-worked values hold for the oracle too. */
class ReferenceConformanceTest extends BackendConformance {

    @Override
    protected Backend backend() {
        return ReferenceBackendProvider.backend();
    }
}
