/** The engine shared by backends that store tensors in Java arrays. Depends on nn.api alone. */
module nn.array {
    requires static transitive org.jspecify;
    requires transitive nn.api;

    exports nn.array;
}
