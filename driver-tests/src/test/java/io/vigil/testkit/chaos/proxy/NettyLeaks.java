package io.vigil.testkit.chaos.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Makes Netty's leak detector speak now rather than at some later allocation: collects garbage,
 * then allocates tracked buffers (the detector reports leaks it finds while tracking a new
 * buffer) with standard error captured, and returns what it reported.
 */
final class NettyLeaks {

  private NettyLeaks() {}

  static String collectReports() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (int round = 0; round < 5; round++) {
        System.gc();
        System.runFinalization();
        for (int i = 0; i < 200; i++) {
          ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(16);
          pooled.release();
          ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.buffer(16);
          unpooled.release();
        }
      }
    } finally {
      System.setErr(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    original.print(out);
    return out;
  }
}
