/** The MNIST IDX reader, data set and verified download. */
module nn.mnist {
    requires static transitive org.jspecify;
    requires transitive nn.core;
    requires java.net.http;

    exports nn.mnist;
}
