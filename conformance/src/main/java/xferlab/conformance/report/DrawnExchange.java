package xferlab.conformance.report;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import xferlab.conformance.fault.Fault;

/**
 * A case's connections as a sequence diagram draws them: each segment sent either way,
 * the faults the suite injected, the peer's close or reset, and the suite's notes.
 *
 * <p>It is read back from the full transcripts a {@link CaseResult} carries (the lines
 * {@code --verbose} prints, written by {@code wire.Transcript.full()}), so a diagram
 * can only show what the transcript recorded. {@code TranscriptDrawingTest} holds the
 * two formats together.
 *
 * @param connections one per transcript, in order
 */
public record DrawnExchange(List<Connection> connections) {

    /** One connection: its title ("connection 2 (vanished mid-payload)") and what happened on it. */
    public record Connection(String title, List<Step> steps) {
    }

    /** What a step is. */
    public enum Kind {
        /** Octets the suite wrote. */
        SUITE_SENT,
        /** Octets the implementation under test wrote. */
        PEER_SENT,
        /** A fault the suite injected. */
        FAULT,
        /** The implementation closed its side (the suite read the end of the stream). */
        PEER_CLOSED,
        /** The connection was reset under the suite. */
        PEER_RESET,
        /** Something the suite noticed or did, in words. */
        NOTE
    }

    /**
     * One step.
     *
     * @param millis  when, counted from the connection's start
     * @param kind    what it is
     * @param octets  the first octets of a segment (at most the transcript's abridged share), else empty
     * @param length  how many octets the segment held in all
     * @param text    the note's or the fault's words
     * @param fault   the fault injected, for {@link Kind#FAULT}; else null
     */
    public record Step(long millis, Kind kind, byte[] octets, long length, String text, Fault fault) {
        public static Step sent(long millis, Kind kind, byte[] octets, long length) {
            return new Step(millis, kind, octets, length, "", null);
        }

        public static Step said(long millis, Kind kind, String text, Fault fault) {
            return new Step(millis, kind, new byte[0], 0, text, fault);
        }

        public boolean isSegment() {
            return kind == Kind.SUITE_SENT || kind == Kind.PEER_SENT;
        }
    }

    /** {@code "   61 ms  suite  -> ..."}: time, who, what. */
    private static final Pattern LINE = Pattern.compile(
            "^ {2}\\s*(\\d+) ms {2}(suite  -> |server -> |client <- |client -> |FAULT {5}| {10})(.*)$");
    /** A segment: its escaped octets in quotes, then how many octets it held when they were abridged. */
    private static final Pattern SEGMENT = Pattern.compile(
            "^\"(.*)\"(?: \\.\\.\\. \\((\\d+) octets\\))?(?: \\((\\d+) octets in this write\\))?$");

    /** The exchange the transcripts recorded; a line it cannot read is left out, never guessed at. */
    public static DrawnExchange of(List<String> fullTranscripts) {
        List<Connection> connections = new ArrayList<>();
        for (String transcript : fullTranscripts) {
            String[] lines = transcript.split("\n");
            if (lines.length == 0 || lines[0].isBlank()) {
                continue;
            }
            List<Step> steps = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                Matcher line = LINE.matcher(lines[i]);
                if (line.matches()) {
                    Step step = step(Long.parseLong(line.group(1)), line.group(2), line.group(3));
                    if (step != null) {
                        steps.add(step);
                    }
                }
            }
            connections.add(new Connection(lines[0].strip(), List.copyOf(steps)));
        }
        return new DrawnExchange(List.copyOf(connections));
    }

    /** Whether there is anything to draw. */
    public boolean isEmpty() {
        return connections.stream().allMatch(c -> c.steps().isEmpty());
    }

    private static Step step(long millis, String who, String what) {
        switch (who) {
            case "suite  -> ", "client <- " -> {
                return segment(millis, Kind.SUITE_SENT, what);
            }
            case "server -> ", "client -> " -> {
                return segment(millis, Kind.PEER_SENT, what);
            }
            case "FAULT     " -> {
                for (Fault fault : Fault.values()) {
                    if (what.startsWith(fault.label() + ": ")) {
                        return Step.said(millis, Kind.FAULT, what.substring(fault.label().length() + 2), fault);
                    }
                }
                return Step.said(millis, Kind.NOTE, what, null);
            }
            default -> {
                if (what.startsWith("connected to ")) {
                    return null;
                }
                if (what.startsWith("the peer closed the connection")) {
                    return Step.said(millis, Kind.PEER_CLOSED, "closed", null);
                }
                String lower = what.toLowerCase(java.util.Locale.ROOT);
                if (what.startsWith("read failed") && lower.contains("reset")) {
                    return Step.said(millis, Kind.PEER_RESET, "reset", null);
                }
                if (what.startsWith("write failed") && (lower.contains("reset") || lower.contains("broken pipe"))) {
                    // The peer had closed or reset: the suite learns it only when its next write fails.
                    return Step.said(millis, Kind.PEER_RESET, "gone (" + what + ")", null);
                }
                return Step.said(millis, Kind.NOTE, what, null);
            }
        }
    }

    private static Step segment(long millis, Kind kind, String what) {
        Matcher segment = SEGMENT.matcher(what);
        if (!segment.matches()) {
            return null;
        }
        byte[] octets = unescape(segment.group(1));
        long length = octets.length;
        if (segment.group(3) != null) {
            length = Long.parseLong(segment.group(3));
        } else if (segment.group(2) != null) {
            length = Long.parseLong(segment.group(2));
        }
        return Step.sent(millis, kind, octets, length);
    }

    /** The inverse of {@code Octets.escape}: {@code \n}, {@code \r}, {@code \\}, {@code \xHH}, the rest as is. */
    static byte[] unescape(String escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char next = escaped.charAt(++i);
                switch (next) {
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 'x' -> {
                        if (i + 2 < escaped.length() && isHex(escaped.charAt(i + 1)) && isHex(escaped.charAt(i + 2))) {
                            out.write(Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                            i += 2;
                        } else {
                            out.write('\\');
                            out.write('x');
                        }
                    }
                    default -> out.write(next);
                }
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
