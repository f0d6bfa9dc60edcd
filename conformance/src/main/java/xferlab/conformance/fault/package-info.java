/**
 * Faults the suite injects into what it sends: re-segmentation, delays, cuts,
 * resets and half-closes, each recorded in the connection's transcript so a
 * report says what was done and where.
 */
package xferlab.conformance.fault;
