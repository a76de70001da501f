/**
 * The command line: the book's examples, wired with Guice. Only the custom-layer examples are API; the commands
 * are opened to the libraries that build them by reflection, not exported.
 */
@SuppressWarnings("requires-automatic") // XChart and progressbar publish no module descriptor yet
module nn.examples {
    requires transitive nn.core;
    requires nn.mnist;
    requires com.google.guice;
    requires jakarta.inject;
    requires info.picocli;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires org.knowm.xchart;
    requires me.tongfei.progressbar;
    requires java.desktop;

    exports nn.examples.custom;

    // Guice, picocli and Jackson build the commands, options and reports by reflection.
    opens nn.examples to
            com.google.guice,
            info.picocli,
            com.fasterxml.jackson.databind;
}
