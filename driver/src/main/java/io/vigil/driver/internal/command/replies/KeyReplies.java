package io.vigil.driver.internal.command.replies;

import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.ReplyDecoder;
import java.time.Duration;

/** Decoders of the key commands' replies, RESP2 and RESP3 shapes. */
public final class KeyReplies {

  private KeyReplies() {}

  /** A bulk string's bytes as they are ({@code DUMP}'s payload), null kept. */
  public static final ReplyDecoder<byte[]> BYTES = r -> r.isNull() ? null : Replies.bytes(r);

  /** An integer of seconds as a duration ({@code OBJECT IDLETIME}), null kept. */
  public static final ReplyDecoder<Duration> SECONDS = r -> r.isNull() ? null : Duration.ofSeconds(Replies.integer(r));

  /** A bulk string as a key ({@code RANDOMKEY}), null kept. */
  public static <K> ReplyDecoder<K> key(RedisCodec<K, ?> codec) {
    return r -> r.isNull() ? null : codec.decodeKey(Replies.bytes(r));
  }
}
