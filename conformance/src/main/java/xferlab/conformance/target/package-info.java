/**
 * How the suite reaches an implementation under test: the bundled reference in
 * process, a command it launches, an address it connects to, or an image it runs
 * in a container ({@link xferlab.conformance.target.ContainerTarget},
 * {@link xferlab.conformance.target.ContainerClientTarget}). All behind
 * {@link xferlab.conformance.target.Target} and
 * {@link xferlab.conformance.target.ClientTarget}.
 */
package xferlab.conformance.target;
