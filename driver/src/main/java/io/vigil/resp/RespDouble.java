package io.vigil.resp;

/**
 * A RESP3 double ({@code ,3.14}); a RESP2 peer receives it as a bulk string. Both spellings use
 * Redis 7.0's formatting ({@code %.17g}, {@code inf}, {@code -inf}, {@code nan}).
 */
public record RespDouble(double value) implements RespValue {}
