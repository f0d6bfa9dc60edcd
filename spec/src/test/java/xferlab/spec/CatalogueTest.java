package xferlab.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class CatalogueTest {
    private static final Path SOURCES = Path.of("src/docs/asciidoc");

    @Test
    void theCatalogueInTheJarParsesAndHoldsEveryLevel() {
        List<Requirement> all = Catalogue.load().all();

        assertThat(all).hasSizeGreaterThan(30);
        assertThat(all).extracting(Requirement::level).contains(1, 2, 3);
        assertThat(all).extracting(Requirement::appliesTo).contains("server", "client");
    }

    @Test
    void everySentenceStatesItsOwnKeyword() {
        for (Requirement requirement : Catalogue.load().all()) {
            assertThat(requirement.sentence())
                    .as(requirement.id())
                    .contains(requirement.keyword());
        }
    }

    @Test
    void idsFollowTheScheme() {
        for (Requirement requirement : Catalogue.load().all()) {
            assertThat(requirement.id()).matches("XFER-[A-Z]+-\\d{2}");
        }
    }

    @Test
    void everyTagIsIncludedExactlyOnceInTheSpec() throws IOException {
        Map<String, Long> includes = includesOf("requirements.adoc\\[tag=([a-z-]+)]");
        List<String> sections = Catalogue.load().all().stream()
                .map(Requirement::section).distinct().toList();

        assertThat(includes.keySet()).containsExactlyInAnyOrderElementsOf(sections);
        assertThat(includes.values()).containsOnly(1L);
    }

    @Test
    void everyWireExampleIsShownInTheSpec() throws IOException {
        Map<String, Long> includes = includesOf("examples/([A-Za-z0-9-]+\\.xfer)\\[]");
        try (Stream<Path> files = Files.list(SOURCES.resolve("examples"))) {
            List<String> examples = files.map(p -> p.getFileName().toString()).toList();
            assertThat(examples).isNotEmpty();
            assertThat(includes.keySet()).containsAll(examples);
        }
    }

    @Test
    void everyRowLinksItsIdToItsCoverageRow() throws IOException {
        String text = Files.readString(SOURCES.resolve("requirements.adoc"));
        for (Requirement requirement : Catalogue.load().all()) {
            String id = requirement.id();
            assertThat(text).as(id).contains("|[[" + id + "," + id + "]]<<coverage-" + id + "," + id + ">> |");
        }
        String mismatched = "// tag::x[]\n|[[XFER-A-01,XFER-A-01]]<<coverage-XFER-A-02,XFER-A-01>> |1 |server |MUST |A server MUST.\n";
        assertThatThrownBy(() -> Catalogue.parse(mismatched)).hasMessageContaining("coverage link");
    }

    @Test
    void malformedRowsAreReportedWithTheirLine() {
        String duplicate = """
                // tag::x[]
                |[[XFER-A-01,XFER-A-01]]XFER-A-01 |1 |server |MUST |A server MUST do it.
                |[[XFER-A-01,XFER-A-01]]XFER-A-01 |1 |server |MUST |A server MUST do it again.
                // end::x[]
                """;
        assertThatThrownBy(() -> Catalogue.parse(duplicate)).hasMessageContaining("line 3").hasMessageContaining("duplicate");

        String outside = "|[[XFER-A-01,XFER-A-01]]XFER-A-01 |1 |server |MUST |A server MUST do it.\n";
        assertThatThrownBy(() -> Catalogue.parse(outside)).hasMessageContaining("outside every tag");

        String badLevel = "// tag::x[]\n|[[XFER-A-01,XFER-A-01]]XFER-A-01 |4 |server |MUST |A server MUST.\n";
        assertThatThrownBy(() -> Catalogue.parse(badLevel)).hasMessageContaining("not a requirement row");
    }

    /** Counts, per captured name, the include directives of the spec's sources matching {@code pattern}. */
    private static Map<String, Long> includesOf(String pattern) throws IOException {
        Pattern include = Pattern.compile("^include::(?:\\.\\./)?" + pattern, Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".adoc"))
                    .flatMap(CatalogueTest::read)
                    .flatMap(text -> {
                        Matcher matcher = include.matcher(text);
                        Stream.Builder<String> found = Stream.builder();
                        while (matcher.find()) {
                            found.add(matcher.group(1));
                        }
                        return found.build();
                    })
                    .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
        }
    }

    private static Stream<String> read(Path file) {
        try {
            return Stream.of(Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
