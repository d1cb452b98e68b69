package io.vigil.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Netty outbound handler that writes {@link RespValue}s in the connection's protocol version.
 *
 * <p>Pipeline position: last outbound handler before TLS (if any). The version starts as
 * RESP2 and is switched by whoever handles {@code HELLO}; it is read on the event loop only.
 */
public final class RespEncoder extends MessageToByteEncoder<RespValue> {

  private RespVersion version = RespVersion.RESP2;

  public RespEncoder() {
    super(RespValue.class);
  }

  /** Switches the protocol version for values written from now on. Event loop only. */
  public void version(RespVersion version) {
    this.version = version;
  }

  /** The protocol version in force. */
  public RespVersion version() {
    return version;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, RespValue msg, ByteBuf out) {
    RespWriter.write(out, msg, version);
  }
}
