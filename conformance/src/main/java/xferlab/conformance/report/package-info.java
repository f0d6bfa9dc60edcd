/**
 * One result model ({@link xferlab.conformance.report.CaseResult}) and the writers
 * that show it: console, JUnit XML, JSON and HTML.
 */
package xferlab.conformance.report;
