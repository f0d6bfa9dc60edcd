/**
 * One result model ({@link xferlab.conformance.report.CaseResult}) and the writers
 * that show it: console, JUnit XML, JSON, HTML and AsciiDoc; the last two draw each
 * failing exchange ({@link xferlab.conformance.report.SequenceDiagram}).
 */
package xferlab.conformance.report;
