/**
 * The cases that judge a server, one class per spec section. The suite plays the
 * client: sometimes a correct one, often a careless or hostile one.
 */
package xferlab.conformance.cases.server;
