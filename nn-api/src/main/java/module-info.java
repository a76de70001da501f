/** The contracts: tensors, dtypes, layers, workspaces and the backend SPI. Depends on nothing. */
module nn.api {
    requires static transitive org.jspecify;

    exports nn.api;

    uses nn.api.BackendProvider;
}
