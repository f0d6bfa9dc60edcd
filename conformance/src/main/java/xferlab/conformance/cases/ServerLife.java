package xferlab.conformance.cases;

import java.util.ArrayList;
import java.util.List;

/**
 * What the suite saw of a launched server's process over a whole run: the cases
 * during which it exited. One root cause (a server that serves one connection and
 * exits, or dies on input it cannot parse) is told once from this, not once per case.
 */
public final class ServerLife {
    /**
     * One exit of the server process.
     *
     * @param caseId      the case during which it exited
     * @param connections how many connections that case had opened by then
     * @param caseHeldUp  whether the case's own checks had all passed (the server answered well, then exited)
     * @param output      what the server printed during that case
     */
    public record Exit(String caseId, int connections, boolean caseHeldUp, String output) {
    }

    private final List<Exit> exits = new ArrayList<>();
    private int casesWithConnections;
    private String currentCase = "";
    private boolean currentHadConnections;
    private long mark;
    /** Whether the last exit is recorded already, so the restart before the next case does not count it twice. */
    private boolean downRecorded;
    private boolean servedSinceStart;

    synchronized void caseStarted(String caseId, long outputMark) {
        currentCase = caseId;
        mark = outputMark;
    }

    /** Where the server's output stood when the current case started. */
    synchronized long mark() {
        return mark;
    }

    /** The process was found gone when the next case began: the case before let it go. */
    synchronized void exitedBetweenCases(String output) {
        if (!currentCase.isEmpty()) {
            noticeDown(new Exit(currentCase, currentHadConnections ? 1 : 0, true, output));
        }
    }

    /** Records an exit the suite just found, unless it is the one already recorded. */
    synchronized void noticeDown(Exit exit) {
        if (!downRecorded) {
            exits.add(exit);
            downRecorded = true;
        }
    }

    /** The server was started again: its next exit is a new one. */
    synchronized void restarted() {
        downRecorded = false;
        servedSinceStart = false;
    }

    /** A connection was made to the server as it runs now. */
    synchronized void connected() {
        servedSinceStart = true;
    }

    /** Whether the running server has had a connection since it started: only then may it be about to exit. */
    synchronized boolean servedSinceStart() {
        return servedSinceStart;
    }

    synchronized void caseEnded(boolean hadConnections) {
        currentHadConnections = hadConnections;
        if (hadConnections) {
            casesWithConnections++;
        }
    }

    public synchronized List<Exit> exits() {
        return List.copyOf(exits);
    }

    /**
     * Whether to give the process a moment to exit after a case: for the first few
     * cases, to tell a server that exits after one connection as soon as possible, and
     * for such a server ever after, so that no case connects to a process on its way out.
     */
    public synchronized boolean watchClosely() {
        return casesWithConnections < 3 || exitsAfterEachConnection();
    }

    /** Whether the process exits after (nearly) every case that connected: the one-shot server. */
    public synchronized boolean exitsAfterEachConnection() {
        return !exits.isEmpty() && exits.size() * 5 >= casesWithConnections * 4;
    }

    /** One sentence naming the root cause, or empty if the server never exited. */
    public synchronized String diagnosis() {
        if (exits.isEmpty()) {
            return "";
        }
        Exit first = exits.get(0);
        if (exitsAfterEachConnection() || (exits.size() == 1 && first.caseHeldUp() && first.connections() == 1
                && casesWithConnections == 1)) {
            return "your server exits after serving one connection (XFER-LIVE-01): the suite started it "
                    + exits.size() + " times, before each case and between the connections of a case, so that every "
                    + "other case still tests its own rule";
        }
        return "your server exited during " + exits.size() + " case" + (exits.size() == 1 ? "" : "s")
                + " (XFER-LIVE-01), first in " + first.caseId() + (first.caseHeldUp() ? ", after answering correctly"
                : ", on input it did not expect") + "; the suite restarted it each time";
    }
}
