/**
 * The suite's own side of the wire: connections that record every octet in a
 * {@link xferlab.conformance.wire.Transcript}, and deadlines on every wait. The suite
 * does not reuse the reference implementation's parser: a bug shared with the
 * reference would otherwise be invisible.
 */
package xferlab.conformance.wire;
