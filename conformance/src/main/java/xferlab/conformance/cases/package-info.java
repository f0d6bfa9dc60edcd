/**
 * The conformance cases and what they stand on. A case is a JUnit test (or a jqwik
 * property) annotated with {@link xferlab.conformance.cases.Covers}, naming the
 * requirement IDs it asserts; it talks to the implementation through a
 * {@link xferlab.conformance.cases.ServerUnderTest} and reports a broken
 * requirement by throwing a {@link xferlab.conformance.cases.Violation}.
 */
package xferlab.conformance.cases;
