package xferlab.client;

/**
 * A verified upload.
 *
 * @param name   the name the file was stored under
 * @param size   octets sent
 * @param digest the SHA-256 both sides computed, in lowercase hex
 */
public record UploadResult(String name, long size, String digest) {
}
