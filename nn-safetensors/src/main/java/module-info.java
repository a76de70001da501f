/** Models that last: networks and checkpoints as safetensors files. */
module nn.safetensors {
    requires static transitive org.jspecify;
    requires transitive nn.core;
    requires com.fasterxml.jackson.core;

    exports nn.safetensors;
}
