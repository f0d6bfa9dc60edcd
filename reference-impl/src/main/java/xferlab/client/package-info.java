/**
 * The reference XFER client: {@link xferlab.client.XferClient} uploads one file and
 * checks the server's digest; every wait is bounded.
 */
package xferlab.client;
