package xferlab.conformance.wire;

import xferlab.conformance.fault.Fault;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that crossed one connection, in order, with the faults injected and
 * notes on what the suite did: what a failure report shows.
 */
public final class Transcript {
    /** Who did what. */
    public enum Kind { SENT, RECEIVED, FAULT, NOTE }

    /** One entry; {@code octets} is empty for faults and notes, {@code fault} null but for faults. */
    public record Event(long millis, Kind kind, byte[] octets, String text, Fault fault) {
    }

    /** How many octets of each direction a report shows at most. */
    public static final int SHOWN_OCTETS = 256;

    private final String label;
    /** Whether the peer is a client the suite judges: then the report speaks from the client's side. */
    private final boolean peerIsClient;
    private final long started = System.nanoTime();
    private final List<Event> events = new ArrayList<>();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private long sentTotal;
    private long receivedTotal;

    public Transcript(String label) {
        this(label, false);
    }

    /** @param peerIsClient whether the peer is a client under test (the suite plays the server) */
    public Transcript(String label, boolean peerIsClient) {
        this.label = label;
        this.peerIsClient = peerIsClient;
    }

    public String label() {
        return label;
    }

    public synchronized void sent(byte[] octets, int offset, int length) {
        record(Kind.SENT, octets, offset, length);
        keepTail(sent, octets, offset, length);
        sentTotal += length;
    }

    public synchronized void received(byte[] octets, int offset, int length) {
        record(Kind.RECEIVED, octets, offset, length);
        keepTail(received, octets, offset, length);
        receivedTotal += length;
    }

    /** Records a fault; only {@code Connection.inject} calls it, so the record and the act are one step. */
    synchronized void fault(Fault fault, String detail) {
        events.add(new Event(elapsed(), Kind.FAULT, new byte[0], fault.label() + ": " + detail, fault));
    }

    public synchronized void note(String text) {
        events.add(new Event(elapsed(), Kind.NOTE, new byte[0], text, null));
    }

    public synchronized long sentTotal() {
        return sentTotal;
    }

    public synchronized long receivedTotal() {
        return receivedTotal;
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The faults injected, in order. */
    public synchronized List<String> faults() {
        return events.stream().filter(e -> e.kind() == Kind.FAULT).map(Event::text).toList();
    }

    /**
     * A short, readable account: the last octets each way and the faults, the way a
     * failure report shows them.
     */
    public synchronized String summary() {
        StringBuilder out = new StringBuilder();
        if (peerIsClient) {
            out.append(label).append(": your client sent ").append(shown(received, receivedTotal)).append('\n');
            out.append("  and received ").append(shown(sent, sentTotal)).append('\n');
        } else {
            out.append(label).append(": the suite sent ").append(shown(sent, sentTotal)).append('\n');
            out.append("  your server sent ").append(shown(received, receivedTotal)).append('\n');
        }
        for (String fault : faults()) {
            out.append("  fault: ").append(fault).append('\n');
        }
        return out.toString();
    }

    /** Every event, with times: what {@code --verbose} prints. Large payloads are abridged. */
    public synchronized String full() {
        StringBuilder out = new StringBuilder(label).append('\n');
        for (Event event : events) {
            out.append(String.format("  %6d ms  ", event.millis()));
            switch (event.kind()) {
                case SENT -> out.append(peerIsClient ? "client <- " : "suite  -> ").append(abridge(event.octets()))
                        .append(event.text());
                case RECEIVED -> out.append(peerIsClient ? "client -> " : "server -> ").append(abridge(event.octets()))
                        .append(event.text());
                case FAULT -> out.append("FAULT     ").append(event.text());
                case NOTE -> out.append("          ").append(event.text());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private void record(Kind kind, byte[] octets, int offset, int length) {
        // Keep at most a few KiB of each event: a multi-MiB payload is summarised.
        int kept = Math.min(length, 4096);
        byte[] copy = new byte[kept];
        System.arraycopy(octets, offset, copy, 0, kept);
        String text = kept < length ? " (" + length + " octets in this write)" : "";
        events.add(new Event(elapsed(), kind, copy, text, null));
    }

    private static void keepTail(ByteArrayOutputStream tail, byte[] octets, int offset, int length) {
        int from = Math.max(offset, offset + length - SHOWN_OCTETS);
        tail.write(octets, from, offset + length - from);
        if (tail.size() > 4 * SHOWN_OCTETS) {
            byte[] all = tail.toByteArray();
            tail.reset();
            tail.write(all, all.length - SHOWN_OCTETS, SHOWN_OCTETS);
        }
    }

    /** "12 octets: \"...\"", "200032 octets, the last: ...", or "nothing". */
    private static String shown(ByteArrayOutputStream tail, long total) {
        if (total == 0) {
            return "nothing";
        }
        String octets = total + (total == 1 ? " octet" : " octets");
        return octets + (total > tail.size() ? ", the last: " : ": ") + tail(tail, total).replaceFirst("^\\.\\.\\.", "");
    }

    private static String tail(ByteArrayOutputStream tail, long total) {
        byte[] all = tail.toByteArray();
        int from = Math.max(0, all.length - SHOWN_OCTETS);
        if (all.length == 0) {
            return "(nothing)";
        }
        String prefix = total > all.length - from ? "..." : "";
        if (Octets.looksLikeText(all, from, all.length)) {
            return prefix + "\"" + Octets.escape(all, from, all.length) + "\"";
        }
        // Random payload reads no better as a wall of hex: its length and its last octets say enough.
        int last = Math.max(from, all.length - 16);
        StringBuilder hex = new StringBuilder();
        for (int i = last; i < all.length; i++) {
            hex.append(String.format("%02x ", all[i] & 0xff));
        }
        return prefix + "(binary octets" + (last == 0 && prefix.isEmpty() ? ": " : "; the last " + (all.length - last)
                + ": ") + hex.toString().strip() + ")";
    }

    private static String abridge(byte[] octets) {
        int shown = Math.min(octets.length, 96);
        String more = shown < octets.length ? " ... (" + octets.length + " octets)" : "";
        return "\"" + Octets.escape(octets, 0, shown) + "\"" + more;
    }

    private long elapsed() {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
