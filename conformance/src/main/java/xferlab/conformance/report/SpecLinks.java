package xferlab.conformance.report;

import java.util.List;

import xferlab.conformance.text.Html;

/** Requirement IDs as links to their anchors in the spec, in every page the suite writes. */
public final class SpecLinks {
    private SpecLinks() {
    }

    /** Escaped text in which each requirement ID links to the spec. */
    public static String linked(String text, String specUrl) {
        return Html.text(text).replaceAll("\\bXFER-[A-Z]+-[0-9]{2}\\b", "<a href=\"" + Html.text(specUrl)
                .replace("$", "\\$") + "#$0\">$0</a>");
    }

    static String links(List<String> ids, String specUrl) {
        return String.join(", ", ids.stream().map(id -> link(id, specUrl)).toList());
    }

    static String link(String id, String specUrl) {
        return "<a href=\"" + Html.text(specUrl) + "#" + id + "\">" + id + "</a>";
    }
}
