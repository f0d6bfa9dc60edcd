package xferlab.spec;

/**
 * One requirement of the XFER spec.
 *
 * @param id        stable identifier, for example {@code XFER-NAME-02}; also the
 *                  anchor of its row in the rendered spec
 * @param level     conformance level, 1 to 3
 * @param appliesTo {@code server}, {@code client} or {@code both}
 * @param keyword   {@code MUST} or {@code SHOULD}
 * @param sentence  the requirement's sentence, in AsciiDoc markup
 * @param section   the catalogue tag it belongs to, for example {@code names}
 */
public record Requirement(String id, int level, String appliesTo, String keyword, String sentence, String section) {

    /** The sentence without AsciiDoc markup, for a console. */
    public String plainSentence() {
        return sentence.replace("`", "").replace("_", "").replaceAll("\\^(\\d+)\\^", "^$1");
    }
}
