/**
 * HyperLogLog on Redis's own bytes: the {@code HYLL} header with the cached cardinality, the
 * sparse run-length form (ZERO, XZERO and VAL opcodes) and the dense form of 16384 six-bit
 * registers, MurmurHash64A with Redis's seed and Ertl's estimator, so a value written here or by
 * Redis counts the same on both. Free of the keyspace and of commands.
 */
package io.vigil.testkit.server.hll;
