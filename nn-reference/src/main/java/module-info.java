/** The reference backend: plain Java loops, the oracle. */
module nn.reference {
    requires transitive nn.array;

    exports nn.reference;

    provides nn.api.BackendProvider with
            nn.reference.ReferenceBackendProvider;
}
