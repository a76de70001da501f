/** The conformance kit every backend runs, against the reference backend. */
module nn.conformance {
    requires static transitive org.jspecify;
    requires transitive nn.core;
    requires transitive org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires nn.reference;
    requires org.assertj.core;

    exports nn.conformance;

    opens nn.conformance to
            org.junit.platform.commons;
}
