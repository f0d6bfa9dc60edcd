package xferlab.conformance.interop;

import java.util.List;

import xferlab.conformance.target.ClientRun;
import xferlab.conformance.wire.Transcript;

/**
 * How one file of the set went between one client and one server.
 *
 * @param file        the file
 * @param run         how the client ended (null when it was not run: the pair's time ran out)
 * @param transcripts what crossed the relay, one per connection the client made
 * @param stored      what the server's storage directory holds under the file's name, or null if nothing
 * @param okDigest    the digest the server's OK carried, or empty if no OK came
 * @param failures    why this upload does not pass (empty when it passes): the pair's own criteria
 * @param breaches    the rules the exchange shows broken, and by whom
 */
record UploadOutcome(UploadSet.UploadFile file, ClientRun run, List<Transcript> transcripts, byte[] stored,
                     String okDigest, List<String> failures, List<Breach> breaches) {

    boolean passed() {
        return failures.isEmpty();
    }
}
