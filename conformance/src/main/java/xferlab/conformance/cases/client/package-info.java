/**
 * The cases that judge a client. The suite plays the server: sometimes a correct
 * one, often a slow, broken or lying one, and checks what the client sends and how
 * it ends.
 */
package xferlab.conformance.cases.client;
