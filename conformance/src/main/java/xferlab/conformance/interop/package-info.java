/**
 * Interop: every client of a class against every server, through a recording
 * relay, judged from the octets that crossed and from each side's own suite.
 * {@link xferlab.conformance.interop.InteropRun} runs the matrix,
 * {@link xferlab.conformance.interop.MatrixReport} writes it.
 */
package xferlab.conformance.interop;
