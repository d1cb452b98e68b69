package io.vigil.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Netty inbound handler that turns bytes into {@link RespValue}s with a {@link RespParser}.
 *
 * <p>Pipeline position: first inbound handler after TLS (if any). It emits one {@link
 * RespValue} per complete top-level value. On invalid input it fires a {@link
 * RespProtocolException} (wrapped by Netty in nothing: it is a {@code DecoderException}) and
 * discards whatever follows: the stream cannot be resynchronised, so the next handler should
 * answer if it wants to and close the channel.
 */
public final class RespDecoder extends ByteToMessageDecoder {

  private final RespParser parser;
  private boolean failed;

  /** A decoder for replies (client side) or requests (server side). */
  public RespDecoder(RespParser.Mode mode, RespLimits limits) {
    this.parser = new RespParser(mode, limits);
  }

  /** The parser, for callers that need offsets or want to change limits. */
  public RespParser parser() {
    return parser;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      RespValue value;
      while ((value = parser.parse(in)) != null) {
        out.add(value);
        if (ctx.isRemoved()) {
          return;
        }
      }
    } catch (RespProtocolException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }
}
