/**
 * How the suite reaches an implementation under test: the bundled reference in
 * process, a command it launches, or an address it connects to. All behind
 * {@link xferlab.conformance.target.Target}.
 */
package xferlab.conformance.target;
