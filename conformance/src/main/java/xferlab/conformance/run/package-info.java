/** Runs the cases on the JUnit Platform and turns what happened into results. */
package xferlab.conformance.run;
