/** The book's layers, networks, optimizers, training and gradient checks, on nn.api alone. */
module nn.core {
    requires static transitive org.jspecify;
    requires transitive nn.api;

    exports nn.core.data;
    exports nn.core.gradient;
    exports nn.core.layers;
    exports nn.core.metrics;
    exports nn.core.network;
    exports nn.core.optim;
    exports nn.core.train;
}
