package io.vigil.testkit.chaos.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The only handler in the pipeline of each side of a proxied connection: hands what the channel
 * reads to the pipe that carries it to the other side, and tells the pipe that writes to this
 * channel when it may write again or must give up.
 *
 * <p>Pipeline position: the sole handler, at the head, seeing raw {@link ByteBuf}s.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

  /** Carries bytes read here to the other side. */
  private final Pipe inbound;
  /** Writes the other side's bytes here. */
  private final Pipe outbound;

  RelayHandler(Pipe inbound, Pipe outbound) {
    this.inbound = inbound;
    this.outbound = outbound;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes) {
      inbound.offer(bytes);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    outbound.pump();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    outbound.discard();
    inbound.end();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A reset by a peer, or a write to a side already gone: this side is finished, and
    // channelInactive passes the end on to the other side.
    ctx.close();
  }
}
