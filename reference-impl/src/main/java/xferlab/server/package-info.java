/**
 * The reference XFER server: {@link xferlab.server.XferServer} accepts connections,
 * {@link xferlab.server.UploadHandler} runs one upload per connection on its own
 * thread, and {@link xferlab.server.Storage} makes sure a file appears complete or
 * not at all.
 */
package xferlab.server;
