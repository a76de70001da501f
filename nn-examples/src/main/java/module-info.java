/**
 * The command line: the book's examples, wired with Guice. The commands are an application, not API: their
 * package is exported only because Guice's generated classes, in the unnamed module, must reach it.
 */
@SuppressWarnings("requires-automatic") // XChart and progressbar publish no module descriptor yet
module nn.examples {
    requires static transitive org.jspecify;
    requires transitive nn.core;
    requires nn.mnist;
    requires nn.safetensors;
    requires com.google.guice;
    requires jakarta.inject;
    requires info.picocli;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires org.knowm.xchart;
    requires me.tongfei.progressbar;
    requires java.desktop;
    requires java.management;

    exports nn.examples;
    exports nn.examples.custom;

    // Guice, picocli and Jackson build the commands, options and reports by reflection.
    opens nn.examples to
            com.google.guice,
            info.picocli,
            com.fasterxml.jackson.databind;
}
