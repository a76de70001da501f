/** The reference backend: plain Java loops, the oracle. */
module nn.reference {
    requires static transitive org.jspecify;
    requires transitive nn.array;

    exports nn.reference;

    provides nn.api.BackendProvider with
            nn.reference.ReferenceBackendProvider;
}
