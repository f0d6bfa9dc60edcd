package xferlab.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import xferlab.conformance.fault.Fault;
import xferlab.conformance.report.DrawnExchange.Connection;
import xferlab.conformance.report.DrawnExchange.Kind;
import xferlab.conformance.report.DrawnExchange.Step;

/** The drawn exchange: well-formed SVG, one arrow per segment, faults as notes, what was expected apart. */
class SequenceDiagramTest {
    private static final String HOSTILE = "<script>alert(1)</script> & \"quotes\" 'single' ]]> \u0007 \uD800 </svg>";

    @Test
    void eachSegmentIsOneArrowAndEachFaultANote() throws Exception {
        DrawnExchange exchange = new DrawnExchange(List.of(new Connection("connection 1 (upload)", List.of(
                sent(0, Kind.SUITE_SENT, "hello.txt\n"),
                sent(30, Kind.SUITE_SENT, "12\n"),
                Step.said(31, Kind.FAULT, "the payload in 2 slices", Fault.RESEGMENT),
                sent(61, Kind.PEER_SENT, "READY\r\n"),
                Step.said(62, Kind.FAULT, "after octet 6 of 12", Fault.HALF_CLOSE),
                Step.said(70, Kind.NOTE, "the suite waits for the reply", null),
                Step.said(90, Kind.PEER_CLOSED, "closed", null)))));
        Document svg = parse(SequenceDiagram.svg(exchange, true, "the READY line ending in a bare LF (\\n)",
                "\"READY\\r\\n\""));

        assertThat(groups(svg, "segment")).hasSize(3);
        assertThat(groups(svg, "diverged")).singleElement().extracting(Element::getTextContent).asString()
                .contains("\"READY\\r\\n\"");
        List<Element> faults = groups(svg, "fault");
        assertThat(faults).hasSize(2);
        assertThat(faults.get(0).getTextContent()).contains("re-segmented").contains("the payload in 2 slices");
        assertThat(faults.get(1).getTextContent()).contains("half-closed");
        assertThat(groups(svg, "note")).singleElement().extracting(Element::getTextContent).asString()
                .contains("the suite waits");
        assertThat(groups(svg, "close")).extracting(Element::getTextContent)
                .anyMatch(t -> t.contains("half-closed (FIN)")).anyMatch(t -> t.contains("closed (end of stream)"));

        Element expected = groups(svg, "expected").get(0);
        assertThat(groups(svg, "expected")).hasSize(1);
        assertThat(expected.getTextContent()).contains("what the spec expected:")
                .contains("the READY line ending in a bare LF");
        assertThat(dashedLines(expected)).as("the expected arrow is dashed").isEqualTo(1);
        String text = svg.getDocumentElement().getTextContent();
        assertThat(text.indexOf("READY\\r\\n")).as("the expectation comes right after the arrow that diverged")
                .isLessThan(text.indexOf("the spec expected")).isGreaterThan(0);
        assertThat(text.indexOf("the spec expected")).isLessThan(text.indexOf("half-closed"));
        assertThat(text).contains("your server").contains("XFER suite").contains("61");
    }

    @Test
    void theClientSuiteDrawsTheClientUnderTestOnTheLeft() throws Exception {
        DrawnExchange exchange = new DrawnExchange(List.of(new Connection("connection 1 (the client's connection)",
                List.of(sent(0, Kind.PEER_SENT, "a.txt\n"), sent(1, Kind.SUITE_SENT, "READY\n")))));
        Document svg = parse(SequenceDiagram.svg(exchange, false, "", ""));
        assertThat(groups(svg, "segment")).hasSize(2);
        assertThat(groups(svg, "expected")).isEmpty();
        // The client's first arrow goes from the left lifeline to the right one.
        Element first = (Element) groups(svg, "segment").get(0).getElementsByTagName("line").item(0);
        assertThat(Integer.parseInt(first.getAttribute("x1"))).isLessThan(Integer.parseInt(first.getAttribute("x2")));
        String text = svg.getDocumentElement().getTextContent();
        assertThat(text.indexOf("your client")).isLessThan(text.indexOf("XFER suite"));
    }

    @Test
    void whatTheImplementationSentIsEscapedNeverMarkup() throws Exception {
        DrawnExchange exchange = new DrawnExchange(List.of(new Connection(HOSTILE, List.of(
                Step.sent(0, Kind.PEER_SENT, HOSTILE.getBytes(StandardCharsets.UTF_8), 90),
                Step.said(1, Kind.NOTE, HOSTILE, null),
                Step.said(2, Kind.FAULT, HOSTILE, Fault.BAD_REPLY)))));
        String svg = SequenceDiagram.svg(exchange, true, HOSTILE, HOSTILE);
        Document parsed = parse(svg);
        assertThat(svg).doesNotContain("<script").doesNotContain("]]>").doesNotContain("\u0007");
        assertThat(parsed.getElementsByTagName("script").getLength()).isZero();
        assertThat(parsed.getDocumentElement().getTextContent()).contains("<script>alert(1)</script>");
        assertThat(svg.split("</svg>", -1)).as("one svg element, closed once").hasSize(2);
    }

    @Test
    void randomPayloadsAreTheirLengthAndFirstOctetsNotAWallOfHex() {
        byte[] random = new byte[96];
        new java.util.Random(7).nextBytes(random);
        random[0] = (byte) 0xbf;
        String label = SequenceDiagram.label(Step.sent(0, Kind.SUITE_SENT, random, 65_536));
        assertThat(label).startsWith("65,536 octets: bf ").endsWith(" \u2026").hasSizeLessThan(48);

        byte[] header = "../refused\n262144\n".getBytes(StandardCharsets.US_ASCII);
        byte[] mixed = java.util.Arrays.copyOf(header, 96);
        System.arraycopy(random, 0, mixed, header.length, 96 - header.length);
        assertThat(SequenceDiagram.label(Step.sent(0, Kind.SUITE_SENT, mixed, 262_144 + header.length)))
                .isEqualTo("\"../refused\\n262144\\n\" then 262,144 binary octets");

        String text = "a".repeat(96);
        assertThat(SequenceDiagram.fit(SequenceDiagram.label(Step.sent(0, Kind.SUITE_SENT,
                text.getBytes(StandardCharsets.US_ASCII), 100_000)), 60))
                .hasSize(60).endsWith("\u2026 (100,000 octets)");
        assertThat(SequenceDiagram.label(Step.sent(0, Kind.PEER_SENT, "OK\n".getBytes(StandardCharsets.US_ASCII), 3)))
                .isEqualTo("\"OK\\n\"");
    }

    @Test
    void aLongConnectionIsFoldedInTheMiddleAndManyConnectionsToTheLastOnes() throws Exception {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            steps.add(sent(i, Kind.SUITE_SENT, "x"));
        }
        List<Connection> connections = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            connections.add(new Connection("connection " + i, steps));
        }
        Document svg = parse(SequenceDiagram.svg(new DrawnExchange(connections), true, "", ""));
        assertThat(groups(svg, "connection")).hasSize(SequenceDiagram.MAX_CONNECTIONS);
        assertThat(groups(svg, "segment")).hasSize(SequenceDiagram.MAX_CONNECTIONS * 36);
        String text = svg.getDocumentElement().getTextContent();
        assertThat(text).contains("connections 1 to 7 are not drawn").contains("64 more steps, not drawn")
                .contains("connection 10");
        int height = Integer.parseInt(svg.getDocumentElement().getAttribute("height"));
        assertThat(svg.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 860 " + height);
    }

    @Test
    void labelsAreLegibleAndTheDrawingScalesToItsColumn() throws Exception {
        DrawnExchange exchange = new DrawnExchange(List.of(new Connection("c", List.of(
                sent(0, Kind.SUITE_SENT, "n\n".repeat(200))))));
        Document svg = parse(SequenceDiagram.svg(exchange, true, "word ".repeat(200), ""));
        Element root = svg.getDocumentElement();
        assertThat(root.getAttribute("style")).contains("width:100%").contains("max-width:860px");
        NodeList texts = root.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element text = (Element) texts.item(i);
            assertThat(Integer.parseInt(text.getAttribute("font-size"))).as(text.getTextContent())
                    .isGreaterThanOrEqualTo(11);
            if ("start".equals(text.getAttribute("text-anchor")) || text.getAttribute("text-anchor").isEmpty()) {
                double estimate = Integer.parseInt(text.getAttribute("x"))
                        + text.getTextContent().length() * 0.61 * Integer.parseInt(text.getAttribute("font-size"));
                assertThat(estimate).as("a label within the drawing: " + text.getTextContent())
                        .isLessThanOrEqualTo(SequenceDiagram.WIDTH);
            }
        }
        assertThat(groups(svg, "expected").get(0).getTextContent()).contains("\u2026");
    }

    static Step sent(long millis, Kind kind, String octets) {
        byte[] bytes = octets.getBytes(StandardCharsets.UTF_8);
        return Step.sent(millis, kind, bytes, bytes.length);
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The {@code <g>} elements whose class list holds {@code name}. */
    static List<Element> groups(Document svg, String name) {
        List<Element> found = new ArrayList<>();
        NodeList all = svg.getElementsByTagName("g");
        for (int i = 0; i < all.getLength(); i++) {
            Element g = (Element) all.item(i);
            if (List.of(g.getAttribute("class").split(" ")).contains(name)) {
                found.add(g);
            }
        }
        return found;
    }

    private static int dashedLines(Element group) {
        NodeList lines = group.getElementsByTagName("line");
        int dashed = 0;
        for (int i = 0; i < lines.getLength(); i++) {
            if (!((Element) lines.item(i)).getAttribute("stroke-dasharray").isEmpty()) {
                dashed++;
            }
        }
        return dashed;
    }
}
