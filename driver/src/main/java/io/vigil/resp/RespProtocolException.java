package io.vigil.resp;

import io.netty.handler.codec.DecoderException;

/**
 * The peer sent bytes that are not valid RESP, or that break a {@link RespLimits} limit.
 *
 * <p>{@link #redisMessage()} is the text Redis itself would answer with (for example {@code
 * Protocol error: invalid bulk length}); {@link #getMessage()} adds the byte offset in the stream
 * where the problem was found. After this exception the stream cannot be resynchronised: the
 * connection must be closed.
 */
public final class RespProtocolException extends DecoderException {

  private static final long serialVersionUID = 1L;

  private final String redisMessage;
  private final long offset;

  public RespProtocolException(String redisMessage, long offset) {
    super(redisMessage + " at byte " + offset);
    this.redisMessage = redisMessage;
    this.offset = offset;
  }

  /** The message as Redis words it, without the offset. */
  public String redisMessage() {
    return redisMessage;
  }

  /** The offset, from the first byte the decoder saw, of the offending byte. */
  public long offset() {
    return offset;
  }
}
